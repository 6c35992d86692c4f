import Foundation

/// How slow an upload may be while it holds a validation slot: over any `window` spent (almost) wholly
/// waiting on the network, at least `minimumBytes` must arrive, or the upload is cut off
/// (``IntakeError/stalled``). Time the upload waits for the reader (back-pressure) does not count, so a
/// busy machine never cuts off a client.
public struct StallPolicy: Hashable, Sendable {
    public var window: Duration
    public var minimumBytes: Int
    /// How often progress is looked at.
    public var interval: Duration

    public init(window: Duration, minimumBytes: Int, interval: Duration) {
        self.window = window
        self.minimumBytes = minimumBytes
        self.interval = interval
    }

    /// 16 KiB a minute: far below any real link, far above a client that trickles to hold a slot.
    public static let standard = StallPolicy(
        window: .seconds(60), minimumBytes: 16 << 10, interval: .seconds(5))
}

/// What an upload has received and how long it has waited on the network, shared between the task reading
/// the body and its watchdog. `@unchecked Sendable`: every property is read and written with `lock` held.
final class UploadProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = 0
    private var networkWait: Duration = .zero
    private var waitingSince: ContinuousClock.Instant?

    /// The reader of the body is about to wait for the next chunk.
    func willWait() {
        lock.withLock { waitingSince = .now }
    }

    /// A chunk of `count` bytes arrived (or the body ended: 0).
    func received(_ count: Int) {
        lock.withLock {
            if let since = waitingSince { networkWait += ContinuousClock.now - since }
            waitingSince = nil
            bytes += count
        }
    }

    /// Bytes so far, and the time spent waiting on the network so far (the current wait included).
    func snapshot() -> (bytes: Int, networkWait: Duration) {
        lock.withLock {
            (bytes, networkWait + (waitingSince.map { ContinuousClock.now - $0 } ?? .zero))
        }
    }

    /// Returns when cancelled; throws ``IntakeError/stalled`` when, over the last `policy.window` of time,
    /// the upload waited on the network for at least 90 % of it and fewer than `policy.minimumBytes` came.
    func watch(_ policy: StallPolicy) async throws {
        var samples: [(at: ContinuousClock.Instant, bytes: Int, networkWait: Duration)] = []
        while true {
            do {
                try await Task.sleep(for: policy.interval)
            } catch {
                return  // cancelled: the upload ended
            }
            let now = ContinuousClock.now
            let (bytes, wait) = snapshot()
            samples.append((now, bytes, wait))
            guard let first = samples.first, now - first.at >= policy.window else { continue }
            let old = samples.last { now - $0.at >= policy.window } ?? first
            samples.removeAll { now - $0.at > policy.window + policy.interval }
            if (wait - old.networkWait) * 10 >= (now - old.at) * 9 && bytes - old.bytes < policy.minimumBytes
            {
                throw IntakeError.stalled(policy)
            }
        }
    }
}
