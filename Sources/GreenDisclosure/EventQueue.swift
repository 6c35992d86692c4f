import Glibc

/// What the parsing thread hands to the checking thread, in document order.
enum ReaderEvent {
    case header(FilingHeader, lender: SourceLocation, preparedOn: SourceLocation)
    case portfolio(Portfolio)
    case loan(Loan, LoanFieldLocations)
    case end(hasLoans: Bool)
}

/// A bounded single-producer, single-consumer queue of event batches (pthread mutex and conditions).
/// Bounded so that a fast parser cannot run ahead of the checker and grow memory with the file.
///
/// `@unchecked Sendable`: the producer and the consumer are different threads by design; every access to
/// `batches` and `closed` happens with `mutex` held, and the mutex and conditions live at stable heap
/// addresses allocated here (never a Swift stored property passed with `&`, whose address is not stable).
final class EventQueue: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let notEmpty = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let notFull = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var batches: [[ReaderEvent]] = []
    private var closed = false
    private let capacity: Int
    /// In direct mode, batches go straight to this consumer on the pushing thread.
    private let consumer: (([ReaderEvent]) -> Void)?

    /// A queue between two threads holding at most `capacity` batches.
    init(capacity: Int) {
        self.capacity = capacity
        consumer = nil
        Self.initialize(mutex, notEmpty, notFull)
    }

    /// A queue in direct mode: every pushed batch is handed to `consumer` at once, on the same thread.
    init(consumer: @escaping ([ReaderEvent]) -> Void) {
        capacity = 1
        self.consumer = consumer
        Self.initialize(mutex, notEmpty, notFull)
    }

    private static func initialize(
        _ mutex: UnsafeMutablePointer<pthread_mutex_t>, _ notEmpty: UnsafeMutablePointer<pthread_cond_t>,
        _ notFull: UnsafeMutablePointer<pthread_cond_t>
    ) {
        mutex.initialize(to: pthread_mutex_t())
        notEmpty.initialize(to: pthread_cond_t())
        notFull.initialize(to: pthread_cond_t())
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(notEmpty, nil)
        pthread_cond_init(notFull, nil)
    }

    deinit {
        pthread_cond_destroy(notFull)
        pthread_cond_destroy(notEmpty)
        pthread_mutex_destroy(mutex)
        notFull.deallocate()
        notEmpty.deallocate()
        mutex.deallocate()
    }

    /// Blocks while the queue is full.
    func push(_ batch: [ReaderEvent]) {
        if let consumer { return consumer(batch) }
        pthread_mutex_lock(mutex)
        while batches.count >= capacity { pthread_cond_wait(notFull, mutex) }
        batches.append(batch)
        pthread_cond_signal(notEmpty)
        pthread_mutex_unlock(mutex)
    }

    /// No more batches will come.
    func close() {
        pthread_mutex_lock(mutex)
        closed = true
        pthread_cond_signal(notEmpty)
        pthread_mutex_unlock(mutex)
    }

    /// The next batch, or nil once the queue is closed and drained.
    func pop() -> [ReaderEvent]? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while batches.isEmpty && !closed { pthread_cond_wait(notEmpty, mutex) }
        guard !batches.isEmpty else { return nil }
        let batch = batches.removeFirst()
        pthread_cond_signal(notFull)
        return batch
    }
}

/// Runs a closure on a new POSIX thread and waits for it.
///
/// `@unchecked Sendable`: `thread` is written once by `start()` before the thread runs and read by `join()`
/// on the same (starting) thread; `body` is immutable.
final class WorkerThread: @unchecked Sendable {
    private var thread = pthread_t()
    private let body: () -> Void

    init(_ body: @escaping () -> Void) {
        self.body = body
    }

    /// Starts the thread; returns the `pthread_create` error number, 0 on success.
    func start() -> Int32 {
        let context = Unmanaged.passRetained(self).toOpaque()
        let status = pthread_create(
            &thread, nil,
            { raw in
                guard let raw else { return nil }
                let worker = Unmanaged<WorkerThread>.fromOpaque(raw).takeRetainedValue()
                worker.body()
                return nil
            }, context)
        if status != 0 { Unmanaged<WorkerThread>.fromOpaque(context).release() }
        return status
    }

    func join() {
        pthread_join(thread, nil)
    }
}
