import Foundation

/// Work that blocks (a reader's pass over a filing) run on a thread of its own, off the cooperative pool and
/// off any event loop, with its result awaited.
final class BlockingWork<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Value, any Error>?
    private var waiter: CheckedContinuation<Value, any Error>?

    /// Starts `work` on a new thread at once.
    init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let result = Result { try work() }
            lock.lock()
            let waiter = self.waiter
            self.waiter = nil
            if waiter == nil { self.result = result }
            lock.unlock()
            waiter?.resume(with: result)
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The result, once the work is done.
    var value: Value {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                lock.lock()
                if let result {
                    lock.unlock()
                    continuation.resume(with: result)
                } else {
                    waiter = continuation
                    lock.unlock()
                }
            }
        }
    }
}

/// At most `limit` validations at once; the rest wait their turn, first come first served.
actor ValidationSlots {
    let limit: Int
    private var used = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = max(1, limit) }

    func acquire() async {
        if used < limit {
            used += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Runs `body` holding a slot, released however `body` ends.
    nonisolated func withSlot<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    func release() {
        if waiting.isEmpty {
            used -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
