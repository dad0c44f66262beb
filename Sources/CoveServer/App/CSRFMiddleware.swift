import CoveCore
import Crypto
import Vapor

/// Refuses any state-changing form that does not carry the token from the person's session,
/// so another site cannot submit forms in their name. (SameSite=Strict cookies help too.)
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if Self.isCrossSiteAPIWrite(request) { throw CSRFMismatch() }
        guard Self.needsCheck(request) else {
            return try await next.respond(to: request)
        }
        let sent = try? request.content.get(String.self, at: Self.fieldName)
        guard request.hasSession, let expected = request.session.data[SessionKeys.csrfToken], let sent,
              ConstantTime.isEqual(expected.utf8, sent.utf8) else {
            throw CSRFMismatch()
        }
        return try await next.respond(to: request)
    }

    /// The JSON API takes no form token, but a signed-in person's scripts send their session
    /// cookie. A browser names the page a request comes from in `Origin`; a write carrying the
    /// session from another site's page is refused, whatever SameSite does in that browser.
    static func isCrossSiteAPIWrite(_ request: Request) -> Bool {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method), request.url.path.hasPrefix("/api/"),
              request.cookies[SessionKeys.cookieName] != nil,
              let origin = request.headers.first(name: .origin) else { return false }
        guard let components = URLComponents(string: origin), let host = request.headers.first(name: .host) else {
            return true
        }
        return !ConsoleRoutes.isSameSite(origin: components, host: host)
    }

    static func needsCheck(_ request: Request) -> Bool {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return false }
        // Machine endpoints (webhooks, JSON API) authenticate by other means and carry no cookie.
        return !request.url.path.hasPrefix("/api/")
    }

}

struct CSRFMismatch: AbortError {
    var status: HTTPResponseStatus { .forbidden }
    var reason: String { "form token missing or expired" }
}

extension Request {
    /// The session's form token, created (with the session) the first time a form needs it.
    var csrfToken: String {
        if let token = session.data[SessionKeys.csrfToken] { return token }
        let token = [UInt8].random(count: 32).hex
        session.data[SessionKeys.csrfToken] = token
        return token
    }
}
