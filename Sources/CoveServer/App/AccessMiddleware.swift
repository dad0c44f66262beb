import CoveCore
import Vapor

/// Enforces each route's declared `Access`, after `CurrentPersonMiddleware` has found who is asking.
struct AccessMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let route = request.route else {
            return try await next.respond(to: request)
        }
        guard let access = route.declaredAccess else {
            request.logger.critical("route has no access declaration", metadata: ["route": "\(route.description)"])
            throw Abort(.forbidden)
        }
        if case .public = access {
            return try await next.respond(to: request)
        }
        try checkSignIn(for: access, on: request)
        if let detour = gateDetour(for: access, on: request) {
            return request.redirect(to: detour)
        }
        return try await next.respond(to: request)
    }

    private func checkSignIn(for access: Access, on request: Request) throws {
        let state = request.signInState
        switch (access, state) {
        case (.passwordVerified, .awaitingSecondFactor), (.passwordVerified, .signedIn): return
        case (.passwordVerified, .anonymous): throw SignInRequired()
        case (_, .anonymous), (_, .awaitingSecondFactor): throw SignInRequired()
        case (_, .signedIn(let person)):
            guard access.scope(for: person.roleList) != nil else { throw Abort(.forbidden) }
            request.accessScope = access.scope(for: person.roleList)
        }
    }

    /// A one-time password must be replaced, and an organisation may demand two-step
    /// verification, before any other page opens.
    private func gateDetour(for access: Access, on request: Request) -> String? {
        guard case let .signedIn(person) = request.signInState else { return nil }
        let language = request.language
        let here = request.url.path
        let allowed = ["/\(language.rawValue)/account/password", "/\(language.rawValue)/sign-out"]
        if person.mustChangePassword {
            return allowed.contains(here) ? nil : allowed[0]
        }
        let enrolment = "/\(language.rawValue)/account/two-factor"
        if request.organisationRequiresTwoFactor, !person.hasTwoFactor, !(allowed + [enrolment]).contains(here) {
            return enrolment
        }
        return nil
    }
}

/// Thrown when a page needs a signed-in person; HTML requests are sent to the sign-in page.
struct SignInRequired: Error {}

extension Request {
    private struct ScopeKey: StorageKey { typealias Value = AccessScope }

    /// How far the signed-in person reaches on the current route.
    var accessScope: AccessScope? {
        get { storage[ScopeKey.self] }
        set { storage[ScopeKey.self] = newValue }
    }
}
