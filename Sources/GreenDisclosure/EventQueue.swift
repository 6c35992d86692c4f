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
final class EventQueue: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var notEmpty = pthread_cond_t()
    private var notFull = pthread_cond_t()
    private var batches: [[ReaderEvent]] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&notEmpty, nil)
        pthread_cond_init(&notFull, nil)
    }

    deinit {
        pthread_cond_destroy(&notFull)
        pthread_cond_destroy(&notEmpty)
        pthread_mutex_destroy(&mutex)
    }

    /// Blocks while the queue is full.
    func push(_ batch: [ReaderEvent]) {
        pthread_mutex_lock(&mutex)
        while batches.count >= capacity { pthread_cond_wait(&notFull, &mutex) }
        batches.append(batch)
        pthread_cond_signal(&notEmpty)
        pthread_mutex_unlock(&mutex)
    }

    /// No more batches will come.
    func close() {
        pthread_mutex_lock(&mutex)
        closed = true
        pthread_cond_signal(&notEmpty)
        pthread_mutex_unlock(&mutex)
    }

    /// The next batch, or nil once the queue is closed and drained.
    func pop() -> [ReaderEvent]? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while batches.isEmpty && !closed { pthread_cond_wait(&notEmpty, &mutex) }
        guard !batches.isEmpty else { return nil }
        let batch = batches.removeFirst()
        pthread_cond_signal(&notFull)
        return batch
    }
}

/// Runs a closure on a new POSIX thread and waits for it.
final class WorkerThread: @unchecked Sendable {
    private var thread = pthread_t()
    private let body: () -> Void

    init(_ body: @escaping () -> Void) {
        self.body = body
    }

    func start() {
        let context = Unmanaged.passRetained(self).toOpaque()
        pthread_create(
            &thread, nil,
            { raw in
                let worker = Unmanaged<WorkerThread>.fromOpaque(raw!).takeRetainedValue()
                worker.body()
                return nil
            }, context)
    }

    func join() {
        pthread_join(thread, nil)
    }
}
