import CoveCore
import Vapor

extension Application {
    /// The data key, the hub and the router; needs the settings first.
    func configureContactCentre(settings: Settings) throws {
        dataProtection = DataProtection(key: try DataProtection.key(for: settings))
        chatHub = ChatHub(relay: try chatRelay(for: settings.database))
        let (databases, eventLoops, startup, log) = (self.databases, eventLoopGroup, db, logger)
        routing = RoutingService(database: { databases.database(logger: log, on: eventLoops.any()) ?? startup },
                                 hub: chatHub, protection: dataProtection, clock: clock, logger: logger,
                                 // Tests close consoles and check the counsellor goes away without waiting half a minute.
                                 consoleGrace: environment.isTesting ? .milliseconds(300) : .seconds(30))
        lifecycle.use(ContactCentreLifecycle(ticks: !environment.isTesting))
        outboundDelivery = OutboundDelivery(application: self)
        lifecycle.use(OutboundDeliveryLifecycle(ticks: !environment.isTesting))
    }
}

extension Environment {
    var isTesting: Bool { self == .testing }
}

/// Routes once a second so lapsed offers move on without waiting for someone to act (tests call
/// the router themselves, at the times they choose), and closes every chat stream at shutdown.
final class ContactCentreLifecycle: LifecycleHandler, @unchecked Sendable {
    private let ticks: Bool
    private var task: Task<Void, Never>?

    init(ticks: Bool) { self.ticks = ticks }

    func didBootAsync(_ application: Application) async throws {
        guard ticks else { return }
        let routing = application.routing
        let retention = TranscriptRetention(db: routing.db)
        task = Task {
            var tick = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                await routing.route()
                tick += 1
                // Retention is measured in days; once a minute is plenty.
                if tick % 60 == 1 { await Self.purge(retention, at: routing.now, logger: routing.logger) }
            }
        }
    }

    private static func purge(_ retention: TranscriptRetention, at now: Date, logger: Logger) async {
        do {
            let outcome = try await retention.purge(at: now)
            if outcome.conversations > 0 {
                logger.notice("transcripts deleted", metadata: ["conversations": "\(outcome.conversations)", "messages": "\(outcome.messages)"])
            }
        } catch {
            logger.error("transcript retention failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        // A pass already running finishes before the database closes under it.
        await task?.value
        await application.chatHub.shutDown()
    }
}
