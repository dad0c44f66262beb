import CoveCore
import Fluent
import FluentPostgresDriver
import PostgresNIO
import SQLKit
import Vapor

/// Passes hub events between `cove serve` instances sharing one PostgreSQL database, with
/// NOTIFY on a single channel. A payload names the sending instance, so each instance skips
/// its own events (it has already delivered them) and the topic, never any content.
struct PostgresChatRelay: ChatRelay {
    static let channel = "cove_chat"

    let db: any Database
    let instance: String
    let logger: Logger

    func send(_ topic: ChatHub.Topic) async {
        guard let sql = db as? any SQLDatabase else { return }
        do {
            try await sql.raw("SELECT pg_notify(\(literal: Self.channel), \(bind: Self.payload(topic, from: instance)))").run()
        } catch {
            logger.warning("chat event not relayed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
    }

    static func payload(_ topic: ChatHub.Topic, from instance: String) -> String {
        switch topic {
        case .routing: "\(instance) routing"
        case let .conversation(id): "\(instance) conversation \(id.uuidString)"
        }
    }

    /// The topic of another instance's payload; nil for this instance's own or a malformed one.
    static func topic(in payload: String, skipping instance: String) -> ChatHub.Topic? {
        let parts = payload.split(separator: " ").map(String.init)
        guard parts.count >= 2, parts[0] != instance else { return nil }
        switch parts[1] {
        case "routing": return .routing
        case "conversation": return parts.count == 3 ? UUID(uuidString: parts[2]).map { .conversation($0) } : nil
        default: return nil
        }
    }
}

/// Listens for other instances' events on a connection of its own (a pooled one would be
/// handed to queries), reconnecting with a growing pause if PostgreSQL goes away.
final class PostgresChatListener: LifecycleHandler, @unchecked Sendable {
    private let configuration: PostgresConnection.Configuration
    private let instance: String
    private var task: Task<Void, Never>?

    init(configuration: PostgresConnection.Configuration, instance: String) {
        self.configuration = configuration
        self.instance = instance
    }

    func didBootAsync(_ application: Application) async throws {
        let (configuration, instance, hub, logger) = (configuration, instance, application.chatHub, application.logger)
        let loop = application.eventLoopGroup.any()
        task = Task {
            var pause = 1
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresConnection.connect(on: loop, configuration: configuration, id: 1, logger: logger).get()
                    pause = 1
                    defer { Task { try? await connection.close() } }
                    for try await notification in try await connection.listen(PostgresChatRelay.channel) {
                        if let topic = PostgresChatRelay.topic(in: notification.payload, skipping: instance) {
                            await hub.deliverLocally(topic)
                        }
                    }
                } catch {
                    logger.warning("chat listener lost PostgreSQL; retrying", metadata: ["seconds": "\(pause)"])
                }
                try? await Task.sleep(for: .seconds(pause))
                pause = min(pause * 2, 30)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
    }
}

extension Application {
    /// On PostgreSQL, a relay to the other instances and a listener for theirs; nil on SQLite,
    /// where one process holds every socket.
    func chatRelay(for database: Settings.Database) throws -> (any ChatRelay)? {
        guard case let .postgres(url) = database else { return nil }
        let instance = UUID().uuidString
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        lifecycle.use(PostgresChatListener(configuration: configuration, instance: instance))
        return PostgresChatRelay(db: db, instance: instance, logger: logger)
    }
}
