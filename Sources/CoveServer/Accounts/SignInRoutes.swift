import CoveCore
import Fluent
import Vapor

/// Password sign-in, the second step, and sign-out.
struct SignInRoutes: RouteCollection {
    let lockout = LockoutPolicy()

    func boot(routes: any RoutesBuilder) throws {
        let lang = routes.grouped(":lang")
        lang.get("sign-in", use: form).access(.public)
        lang.post("sign-in", use: signIn).access(.public)
        lang.post("sign-out", use: signOut).access(.passwordVerified)
    }

    struct FormState: Encodable, Sendable {
        var email = ""
        var error: String?
        var errorCode: String?
        var notice: String?
    }

    struct Credentials: Content {
        var email: String
        var password: String
    }

    @Sendable func form(req: Request) async throws -> Response {
        if case .signedIn = req.signInState { return req.redirect(to: req.localPath("account")) }
        var state = FormState()
        if req.query[String.self, at: "signed-out"] != nil { state.notice = req.t("sign_in.signed_out") }
        if req.query[String.self, at: "expired"] != nil { state.notice = req.t("sign_in.session_expired") }
        return try await req.renderForm("sign-in", titleKey: "sign_in.title", body: state).encodeResponse(for: req)
    }

    @Sendable func signIn(req: Request) async throws -> Response {
        let credentials = try req.content.decode(Credentials.self)
        let email = EmailAddress.normalised(credentials.email)
        guard await req.application.signInLimiter.allow(req.clientKey, at: req.now) else {
            return try await refuse(req, email: email, code: "rate-limited", message: req.t("sign_in.error_rate_limited"), status: .tooManyRequests)
        }
        guard let person = try await Person.query(on: req.db).filter(\.$email == email).first() else {
            _ = try? await req.password.async.hash(credentials.password) // same cost as a real check
            try await req.audit.record("session.sign_in_failed", detail: "reason=unknown_account")
            return try await refuse(req, email: email, code: "invalid", message: req.t("sign_in.error_invalid"))
        }
        if lockout.isLocked(person.lockoutState, at: req.now) {
            try await req.audit.record("session.sign_in_refused", "person", id: person.id, detail: "reason=locked", actor: person)
            return try await lockedResponse(req, person: person, email: email)
        }
        guard try await req.password.async.verify(credentials.password, created: person.passwordHash) else {
            return try await recordFailure(req, person: person, email: email)
        }
        return try await succeed(req, person: person)
    }

    private func recordFailure(_ req: Request, person: Person, email: String) async throws -> Response {
        person.lockoutState = lockout.recordingFailure(person.lockoutState, at: req.now)
        try await person.save(on: req.db)
        let locked = lockout.isLocked(person.lockoutState, at: req.now)
        try await req.audit.record(locked ? "person.locked" : "session.sign_in_failed", "person", id: person.id,
                                   detail: "reason=wrong_password", actor: person)
        if locked { return try await lockedResponse(req, person: person, email: email) }
        return try await refuse(req, email: email, code: "invalid", message: req.t("sign_in.error_invalid"))
    }

    private func lockedResponse(_ req: Request, person: Person, email: String) async throws -> Response {
        let minutes = lockout.minutesRemaining(person.lockoutState, at: req.now)
        return try await refuse(req, email: email, code: "locked",
                                message: req.t("sign_in.error_locked", ["minutes": "\(minutes)"]))
    }

    private func succeed(_ req: Request, person: Person) async throws -> Response {
        person.lockoutState = lockout.recordingSuccess(person.lockoutState)
        person.lastSignInAt = req.now
        try await person.save(on: req.db)
        try await req.startSession(for: person, secondFactorPending: person.hasTwoFactor)
        if person.hasTwoFactor {
            return req.redirect(to: req.localPath("sign-in/two-factor"))
        }
        try await req.audit.record("session.sign_in", "person", id: person.id, actor: person)
        return req.redirect(to: req.localPath("account"))
    }

    private func refuse(_ req: Request, email: String, code: String, message: String,
                        status: HTTPResponseStatus = .unauthorized) async throws -> Response {
        let state = FormState(email: email, error: message, errorCode: code)
        let response = try await req.renderForm("sign-in", titleKey: "sign_in.title", body: state).encodeResponse(for: req)
        response.status = status
        return response
    }

    @Sendable func signOut(req: Request) async throws -> Response {
        if let person = req.signInState.person {
            try await req.audit.record("session.sign_out", "person", id: person.id)
        }
        req.session.destroy()
        return req.redirect(to: req.localPath("sign-in?signed-out=1"))
    }
}

extension Request {
    /// Starts a fresh session for `person`, dropping the old session id so a token planted
    /// before sign-in (session fixation) is worthless afterwards.
    func startSession(for person: Person, secondFactorPending: Bool) async throws {
        if let old = session.id {
            try await application.sessions.driver.deleteSession(old, for: self).get()
            session.id = nil
        }
        let token = csrfToken
        for key in session.data.snapshot.keys { session.data[key] = nil }
        session.data[SessionKeys.csrfToken] = token
        session.data[SessionKeys.personID] = person.id?.uuidString
        session.data[SessionKeys.secondFactorPending] = secondFactorPending ? "1" : nil
        SessionClock.start(session, at: now)
    }
}
