import CoveCore
import Vapor

extension Application {
    /// The data key, the hub and the router; needs the settings first.
    func configureContactCentre(settings: Settings) throws {
        dataProtection = DataProtection(key: try DataProtection.key(for: settings))
        chatHub = ChatHub()
        routing = RoutingService(db: db, hub: chatHub, protection: dataProtection, clock: clock, logger: logger)
        lifecycle.use(ContactCentreLifecycle(ticks: !environment.isTesting))
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
        task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                await application.routing.route()
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
        await application.chatHub.shutDown()
    }
}
