import Foundation
import Vapor

/// Tells open sockets that something they show has changed. Events carry only identifiers:
/// each socket reads what is new from the database, so the database stays the one truth and
/// a missed event costs a little delay, never a lost message. With PostgreSQL, a relay passes
/// events to the other instances.
actor ChatHub {
    enum Topic: Hashable, Sendable {
        /// New messages or a state change in one conversation.
        case conversation(UUID)
        /// Queues, offers or presence changed: consoles and waiting children re-read.
        case routing
    }

    private var subscribers: [Topic: [UUID: AsyncStream<Topic>.Continuation]] = [:]
    private let relay: (any ChatRelay)?
    private var isShutDown = false

    init(relay: (any ChatRelay)? = nil) { self.relay = relay }

    /// A stream of events for the given topics; the subscription ends when the stream is dropped.
    func subscribe(_ topics: [Topic]) -> (id: UUID, events: AsyncStream<Topic>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Topic>.makeStream(bufferingPolicy: .bufferingNewest(64))
        guard !isShutDown else {
            continuation.finish()
            return (id, stream)
        }
        for topic in topics { subscribers[topic, default: [:]][id] = continuation }
        return (id, stream)
    }

    func add(_ topic: Topic, to id: UUID) {
        guard let continuation = subscribers.values.lazy.compactMap({ $0[id] }).first else { return }
        subscribers[topic, default: [:]][id] = continuation
    }

    func remove(_ topic: Topic, from id: UUID) {
        subscribers[topic]?[id] = nil
        if subscribers[topic]?.isEmpty == true { subscribers[topic] = nil }
    }

    func unsubscribe(_ id: UUID) {
        for topic in Array(subscribers.keys) {
            if let continuation = subscribers[topic]?.removeValue(forKey: id) { continuation.finish() }
            if subscribers[topic]?.isEmpty == true { subscribers[topic] = nil }
        }
    }

    /// Tells this instance's sockets, and the other instances through the relay.
    func publish(_ topic: Topic) async {
        deliverLocally(topic)
        await relay?.send(topic)
    }

    /// An event that came from another instance.
    func deliverLocally(_ topic: Topic) {
        guard let group = subscribers[topic] else { return }
        for continuation in group.values { continuation.yield(topic) }
    }

    /// Ends every stream, so sessions stop following before the database closes.
    func shutDown() {
        isShutDown = true
        for group in subscribers.values { for continuation in group.values { continuation.finish() } }
        subscribers = [:]
    }

    var subscriberCount: Int { Set(subscribers.values.flatMap(\.keys)).count }
}

/// Carries hub events between instances.
protocol ChatRelay: Sendable {
    func send(_ topic: ChatHub.Topic) async
}

extension Application {
    private struct ChatHubKey: StorageKey { typealias Value = ChatHub }

    /// Set once by `configureContactCentre()`, before the server takes requests.
    var chatHub: ChatHub {
        get { storage[ChatHubKey.self]! }
        set { storage[ChatHubKey.self] = newValue }
    }
}
