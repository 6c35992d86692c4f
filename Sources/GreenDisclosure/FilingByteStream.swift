import Glibc

/// A filing's bytes as they arrive from elsewhere (an HTTP upload), handed from an asynchronous producer to
/// the reader's blocking pass: a bounded buffer, so neither side holds the whole filing.
///
/// The producer awaits ``send(_:)`` for each chunk (it waits while ``capacityBytes`` are buffered), then
/// calls ``finish()``, or ``fail(_:)`` when the upload broke off — the pass then ends with a read error and
/// the verdict cannot be ACCEPT. The reader (the ``FilingInput/stream(_:name:)`` input) blocks until bytes
/// come. When the reader stops before the end, the rest is discarded as it is sent, so the producer can
/// still read the upload to its end (to hash and archive it) without waiting.
///
/// `@unchecked Sendable`: every stored property is read and written only with `mutex` held.
public final class FilingByteStream: @unchecked Sendable {
    /// How many bytes may wait between the producer and the reader.
    public let capacityBytes: Int
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let readable = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var chunks: [[UInt8]] = []
    private var head = 0
    private var offset = 0
    private var buffered = 0
    private var finished = false
    private var failure: String?
    private var readerClosed = false
    private var waitingProducer: CheckedContinuation<Bool, Never>?

    /// A stream that lets at most `capacityBytes` (default 4 MiB) wait for the reader.
    public init(capacityBytes: Int = 4 << 20) {
        self.capacityBytes = max(1, capacityBytes)
        mutex.initialize(to: pthread_mutex_t())
        readable.initialize(to: pthread_cond_t())
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(readable, nil)
    }

    deinit {
        pthread_cond_destroy(readable)
        pthread_mutex_destroy(mutex)
        readable.deallocate()
        mutex.deallocate()
    }

    /// Hands `bytes` to the reader, waiting while the buffer is full. Discards them once the reader stopped.
    public func send(_ bytes: [UInt8]) async {
        guard !bytes.isEmpty else { return }
        while true {
            let sent: Bool = await withCheckedContinuation { continuation in
                pthread_mutex_lock(mutex)
                if readerClosed || finished || failure != nil {
                    pthread_mutex_unlock(mutex)
                    continuation.resume(returning: true)
                } else if buffered < capacityBytes {
                    chunks.append(bytes)
                    buffered += bytes.count
                    pthread_cond_signal(readable)
                    pthread_mutex_unlock(mutex)
                    continuation.resume(returning: true)
                } else {
                    waitingProducer = continuation
                    pthread_mutex_unlock(mutex)
                }
            }
            // A waiting producer is resumed with `false` when there is room (or the reader stopped): try again.
            if sent { return }
        }
    }

    /// The upload is complete: the reader sees the end after the buffered bytes.
    public func finish() {
        pthread_mutex_lock(mutex)
        finished = true
        pthread_cond_broadcast(readable)
        pthread_mutex_unlock(mutex)
    }

    /// The upload broke off (`reason` says how): the reader's next read fails with it.
    public func fail(_ reason: String) {
        pthread_mutex_lock(mutex)
        if !finished { failure = reason }
        pthread_cond_broadcast(readable)
        let producer = waitingProducer
        waitingProducer = nil
        pthread_mutex_unlock(mutex)
        producer?.resume(returning: false)
    }

    /// Copies the next bytes into `buffer`, blocking until some arrive; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer, name: String) throws -> Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while head == chunks.count && !finished && failure == nil {
            pthread_cond_wait(readable, mutex)
        }
        if head == chunks.count {
            if let failure { throw FilingReadError(file: name, reason: failure) }
            return 0
        }
        var copied = 0
        while copied < buffer.count && head < chunks.count {
            let chunk = chunks[head]
            let count = min(buffer.count - copied, chunk.count - offset)
            chunk.withUnsafeBytes { source in
                (buffer.baseAddress! + copied).copyMemory(
                    from: source.baseAddress! + offset, byteCount: count)
            }
            copied += count
            offset += count
            if offset == chunk.count {
                chunks[head] = []  // its memory goes now, not when the consumed chunks are compacted
                head += 1
                offset = 0
                buffered -= chunk.count
            }
        }
        if head == chunks.count {
            chunks.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 64 && head * 2 > chunks.count {
            chunks.removeFirst(head)
            head = 0
        }
        resumeProducer()
        return copied
    }

    /// The reader is done (at the end or early): what is sent from now on is discarded.
    func closeReader() {
        pthread_mutex_lock(mutex)
        readerClosed = true
        chunks = []
        head = 0
        offset = 0
        buffered = 0
        resumeProducer()
        pthread_mutex_unlock(mutex)
    }

    /// Wakes a producer waiting for room (called with `mutex` held).
    private func resumeProducer() {
        guard buffered < capacityBytes || readerClosed, let producer = waitingProducer else { return }
        waitingProducer = nil
        producer.resume(returning: false)
    }
}
