import Foundation
import NIOConcurrencyHelpers
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

    private var subscribers: [Topic: [UUID: ChatMailbox]] = [:]
    private let relay: (any ChatRelay)?
    private var isShutDown = false
    private let routingChanges = NIOLockedValueBox(0)

    init(relay: (any ChatRelay)? = nil) { self.relay = relay }

    /// Counts routing events, local and relayed. A snapshot of the routing state taken when
    /// this read `n` reflects every change announced up to the `n`th event.
    nonisolated var routingGeneration: Int { routingChanges.withLockedValue { $0 } }

    /// A mailbox for the given topics; `unsubscribe` ends it.
    func subscribe(_ topics: [Topic]) -> (id: UUID, mailbox: ChatMailbox) {
        let id = UUID()
        let mailbox = ChatMailbox()
        guard !isShutDown else {
            mailbox.finish()
            return (id, mailbox)
        }
        for topic in topics { subscribers[topic, default: [:]][id] = mailbox }
        return (id, mailbox)
    }

    func add(_ topic: Topic, to id: UUID) {
        guard let mailbox = subscribers.values.lazy.compactMap({ $0[id] }).first else { return }
        subscribers[topic, default: [:]][id] = mailbox
    }

    func remove(_ topic: Topic, from id: UUID) {
        subscribers[topic]?[id] = nil
        if subscribers[topic]?.isEmpty == true { subscribers[topic] = nil }
    }

    func unsubscribe(_ id: UUID) {
        for topic in Array(subscribers.keys) {
            if let mailbox = subscribers[topic]?.removeValue(forKey: id) { mailbox.finish() }
            if subscribers[topic]?.isEmpty == true { subscribers[topic] = nil }
        }
    }

    /// Tells this instance's sockets, and the other instances through the relay. A socket
    /// that has already shown what changed (its own message) passes its id as `origin`.
    func publish(_ topic: Topic, origin: UUID? = nil) async {
        deliverLocally(topic, except: origin)
        await relay?.send(topic)
    }

    /// An event that came from another instance.
    func deliverLocally(_ topic: Topic, except origin: UUID? = nil) {
        if topic == .routing { routingChanges.withLockedValue { $0 += 1 } }
        guard let group = subscribers[topic] else { return }
        for (id, mailbox) in group where id != origin { mailbox.post(topic) }
    }

    /// Ends every stream, so sessions stop following before the database closes.
    func shutDown() {
        isShutDown = true
        for group in subscribers.values { for mailbox in group.values { mailbox.finish() } }
        subscribers = [:]
    }

    var subscriberCount: Int { Set(subscribers.values.flatMap(\.keys)).count }
}

/// What one socket has yet to catch up on. Events for the same topic merge while the socket is
/// busy, so a console that is drawing while ten changes land draws once more, not ten times;
/// and nothing is dropped, however far behind the socket falls.
final class ChatMailbox: Sendable {
    private let pending = NIOLockedValueBox<[ChatHub.Topic]>([])
    private let continuation: AsyncStream<Void>.Continuation
    /// Wakes once for any number of posts since the last `take()`.
    let wakes: AsyncStream<Void>

    init() {
        (wakes, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func post(_ topic: ChatHub.Topic) {
        pending.withLockedValue { if !$0.contains(topic) { $0.append(topic) } }
        continuation.yield()
    }

    /// The topics posted since the last call, oldest first, each once.
    func take() -> [ChatHub.Topic] {
        pending.withLockedValue { topics in
            defer { topics = [] }
            return topics
        }
    }

    func finish() { continuation.finish() }

    /// Hands each batch of topics to `handle` until the mailbox is finished.
    func follow(_ handle: @escaping @Sendable (ChatHub.Topic) async -> Void) {
        Task {
            for await _ in wakes {
                for topic in take() { await handle(topic) }
            }
        }
    }
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
