import Foundation
import GreenMetrics
import GreenStore
import GreenTaxonomy

/// Expands directories into the *.xml files under them, sorted; files are kept as given.
enum FileList {
    static func xmlFiles(in inputs: [String]) throws -> [String] {
        var files: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                Output.error("\(input): no such file or directory")
                throw ExitStatus.couldNotRun
            }
            if isDirectory.boolValue {
                let enumerator = FileManager.default.enumerator(atPath: input)
                while let relative = enumerator?.nextObject() as? String {
                    if relative.hasSuffix(".xml") {
                        files.append((input as NSString).appendingPathComponent(relative))
                    }
                }
            } else {
                files.append(input)
            }
        }
        return Array(Set(files)).sorted()
    }
}

/// `--targets FILE` shared by summary and aggregate.
enum TargetOptions {
    static func load(_ path: String?) throws -> TargetSet {
        guard let path else { return .defaults }
        do {
            return try TargetSet(tsv: try String(contentsOfFile: path, encoding: .utf8), name: path)
        } catch let error as TargetFileError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        } catch {
            Output.error("\(path): cannot read the target file: \(error.localizedDescription)")
            throw ExitStatus.couldNotRun
        }
    }
}

/// The filing history as the CLI opens it: store errors become one line and exit code 2.
enum HistoryOptions {
    static func rollUp(
        _ path: String, period: String?, district: String?, targets: TargetSet, grid: EmissionFactor
    ) throws -> AggregateReport {
        do {
            return try FilingStore(path: path).rollUp(
                period: period, district: district, targets: targets, grid: grid)
        } catch let error as StoreError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        }
    }
}
