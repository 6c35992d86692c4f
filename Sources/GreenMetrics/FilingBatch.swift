import Dispatch
import GreenDisclosure
import GreenTaxonomy
import Synchronization

/// Summarises many filings at once, one streaming pass each, `concurrency` files at a time.
public enum FilingBatch {
    /// Progress after each file: files done, bytes read so far.
    public typealias Progress = @Sendable (_ files: Int, _ bytes: Int) -> Void

    /// Summaries in the order of `paths`, and the files that could not be read.
    public static func summarize(
        _ paths: [String], grid: EmissionFactor, targets: TargetSet, concurrency: Int,
        progress: Progress? = nil
    ) -> (summaries: [FilingSummary], unreadable: [Aggregator.Unreadable]) {
        summarize(
            paths, factors: EstimationFactors(grid: grid), targets: targets, concurrency: concurrency,
            progress: progress)
    }

    /// Summaries with every estimation choice in `factors`.
    public static func summarize(
        _ paths: [String], factors: EstimationFactors, targets: TargetSet, concurrency: Int,
        progress: Progress? = nil
    ) -> (summaries: [FilingSummary], unreadable: [Aggregator.Unreadable]) {
        let results = Mutex<[Int: Result<FilingSummary, FilingReadError>]>([:])
        let counters = Mutex<(files: Int, bytes: Int)>((0, 0))
        let next = Mutex<Int>(0)
        let workers = max(1, min(concurrency, paths.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < paths.count else { return }
                let result: Result<FilingSummary, FilingReadError>
                do {
                    result = .success(
                        try FilingSummarizer.summarize(
                            .file(path: paths[index]), factors: factors, targets: targets))
                } catch let error as FilingReadError {
                    result = .failure(error)
                } catch {
                    result = .failure(FilingReadError(file: paths[index], reason: "\(error)"))
                }
                let bytes = (try? result.get().input.bytes) ?? 0
                results.withLock { $0[index] = result }
                let done = counters.withLock { counters -> (Int, Int) in
                    counters.files += 1
                    counters.bytes += bytes
                    return counters
                }
                progress?(done.0, done.1)
            }
        }
        var summaries: [FilingSummary] = []
        var unreadable: [Aggregator.Unreadable] = []
        results.withLock { results in
            for index in paths.indices {
                switch results[index] {
                case .success(let summary): summaries.append(summary)
                case .failure(let error): unreadable.append(.init(file: error.file, reason: error.reason))
                case nil: break
                }
            }
        }
        return (summaries, unreadable)
    }
}
