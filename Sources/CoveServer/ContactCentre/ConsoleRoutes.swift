import CoveCore
import Vapor
import NIOWebSocket

/// The counsellor's console: a page, and the socket it keeps open.
struct ConsoleRoutes: RouteCollection {
    static let answerers: [Role: AccessScope] = [.counsellor: .ownOrganisation, .supervisor: .ownOrganisation]

    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "console", use: page).access(.roles(Self.answerers))
        routes.webSocket("console", "socket", maxFrameSize: .init(integerLiteral: IncomingFrame.maximumBytes),
                         shouldUpgrade: { req in req.eventLoop.makeCompletedFuture { try Self.sameOrigin(req: req) } },
                         onUpgrade: connect).access(.roles(Self.answerers))
    }

    struct ConsolePage: Encodable, Sendable {
        var socket: String
    }

    @Sendable func page(req: Request) async throws -> View {
        try await req.renderPage("console", titleKey: "console.title", body: ConsolePage(socket: "/console/socket"))
    }

    /// A socket carries the session cookie like any request, so another site's page could open
    /// one in the counsellor's name; only Cove's own pages may.
    static func sameOrigin(req: Request) throws -> HTTPHeaders? {
        guard let origin = req.headers.first(name: .origin).flatMap(URLComponents.init(string:)),
              let host = req.headers.first(name: .host), isSameSite(origin: origin, host: host) else {
            throw Abort(.forbidden, reason: "socket opened from another site")
        }
        return [:]
    }

    /// Compares the page's origin with the address the socket was opened on. Some clients leave
    /// the port out of `Host`; then the host names alone must match.
    static func isSameSite(origin: URLComponents, host: String) -> Bool {
        guard let originHost = origin.host?.lowercased() else { return false }
        let parts = host.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.first == originHost else { return false }
        guard parts.count == 2 else { return true }
        let defaultPort = origin.scheme?.lowercased() == "https" ? 443 : 80
        return Int(parts[1]) == (origin.port ?? defaultPort)
    }

    @Sendable func connect(req: Request, socket: WebSocket) {
        guard let person = req.signInState.person, let id = person.id else {
            socket.close(code: .policyViolation, promise: nil)
            return
        }
        let session = ConsoleSession(services: req.application.routing, counsellorID: id, socket: socket)
        socket.forwardFrames(to: { await session.receive($0) }, closed: { await session.closed() })
    }
}
