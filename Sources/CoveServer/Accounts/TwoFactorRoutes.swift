import CoveCore
import Fluent
import Vapor

/// Enrolling an authenticator app, and the second sign-in step that uses it.
struct TwoFactorRoutes: RouteCollection {
    static let pendingSecretKey = "totp_pending"

    func boot(routes: any RoutesBuilder) throws {
        let lang = routes.grouped(":lang")
        lang.get("sign-in", "two-factor", use: challenge).access(.passwordVerified)
        lang.post("sign-in", "two-factor", use: verify).access(.passwordVerified)
        lang.get("account", "two-factor", use: enrolment).access(.signedIn)
        lang.post("account", "two-factor", use: confirmEnrolment).access(.signedIn)
    }

    struct ChallengeState: Encodable, Sendable {
        var error: String?
        var errorCode: String?
    }

    struct CodeForm: Content { var code: String }

    @Sendable func challenge(req: Request) async throws -> Response {
        guard case .awaitingSecondFactor = req.signInState else { return req.redirect(to: req.localPath("account")) }
        return try await req.renderForm("two-factor", titleKey: "two_factor.title", body: ChallengeState()).encodeResponse(for: req)
    }

    @Sendable func verify(req: Request) async throws -> Response {
        guard case let .awaitingSecondFactor(person) = req.signInState else { return req.redirect(to: req.localPath("account")) }
        let code = try req.content.decode(CodeForm.self).code
        if try await accept(code, for: person, on: req) {
            req.session.data[SessionKeys.secondFactorPending] = nil
            try await req.audit.record("session.sign_in", "person", id: person.id, detail: "second_factor=ok")
            return req.redirect(to: req.localPath("account"))
        }
        try await req.audit.record("session.second_factor_failed", "person", id: person.id)
        let state = ChallengeState(error: req.t("two_factor.error_invalid"), errorCode: "invalid-code")
        let response = try await req.renderForm("two-factor", titleKey: "two_factor.title", body: state).encodeResponse(for: req)
        response.status = .unauthorized
        return response
    }

    /// A current TOTP code, or an unused recovery code (which is then spent).
    private func accept(_ code: String, for person: Person, on req: Request) async throws -> Bool {
        if let secret = person.totpSecret,
           let step = TOTPVerifier.matchingStep(code: code, secret: secret, at: req.now, after: person.totpLastStep) {
            person.totpLastStep = step
            try await person.save(on: req.db)
            return true
        }
        let digest = RecoveryCode.digest(of: OneTimeSecrets.normaliseRecoveryCode(code))
        guard let recovery = try await RecoveryCode.query(on: req.db)
            .filter(\.$person.$id == person.requireID()).filter(\.$digest == digest).filter(\.$usedAt == nil).first()
        else { return false }
        recovery.usedAt = req.now
        try await recovery.save(on: req.db)
        try await req.audit.record("person.recovery_code_used", "person", id: person.id)
        return true
    }

    struct EnrolmentState: Encodable, Sendable {
        var enabled: Bool
        var required: Bool
        var secret: String
        var uri: String
        var qrSVG: String
        var error: String?
        var errorCode: String?
    }

    @Sendable func enrolment(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let secret = req.session.data[Self.pendingSecretKey] ?? TOTPVerifier.makeSecret()
        req.session.data[Self.pendingSecretKey] = secret
        let state = try enrolmentState(for: person, secret: secret, on: req)
        return try await req.renderForm("two-factor-enrol", titleKey: "enrol.title", body: state).encodeResponse(for: req)
    }

    private func enrolmentState(for person: Person, secret: String, on req: Request) throws -> EnrolmentState {
        let uri = OTPAuthURI(issuer: "Cove", accountName: person.email, base32Secret: secret)
        let qr = try QRCode(encoding: uri.string)
        return EnrolmentState(enabled: person.hasTwoFactor, required: req.organisationRequiresTwoFactor,
                              secret: uri.groupedSecret, uri: uri.string, qrSVG: qr.svg(title: req.t("enrol.qr_label")))
    }

    struct RecoveryCodes: Encodable, Sendable { var codes: [String] }

    @Sendable func confirmEnrolment(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let code = try req.content.decode(CodeForm.self).code
        guard let secret = req.session.data[Self.pendingSecretKey],
              let step = TOTPVerifier.matchingStep(code: code, secret: secret, at: req.now, after: nil) else {
            return try await enrolmentFailed(req, person: person)
        }
        let codes = try await req.db.transaction { db in
            try await Self.enable(secret: secret, step: step, for: person, at: req.now, on: db)
        }
        req.session.data[Self.pendingSecretKey] = nil
        try await req.audit.record("person.two_factor_enabled", "person", id: person.id)
        return try await req.renderPage("two-factor-done", titleKey: "enrol.done_title", body: RecoveryCodes(codes: codes))
            .encodeResponse(for: req)
    }

    private func enrolmentFailed(_ req: Request, person: Person) async throws -> Response {
        let secret = req.session.data[Self.pendingSecretKey] ?? TOTPVerifier.makeSecret()
        req.session.data[Self.pendingSecretKey] = secret
        var state = try enrolmentState(for: person, secret: secret, on: req)
        state.error = req.t("two_factor.error_invalid")
        state.errorCode = "invalid-code"
        let response = try await req.renderForm("two-factor-enrol", titleKey: "enrol.title", body: state).encodeResponse(for: req)
        response.status = .unprocessableEntity
        return response
    }

    /// Turns on TOTP and replaces any earlier recovery codes, all at once.
    static func enable(secret: String, step: Int, for person: Person, at now: Date, on db: any Database) async throws -> [String] {
        var generator = SystemRandomNumberGenerator()
        let codes = OneTimeSecrets.recoveryCodes(using: &generator)
        let id = try person.requireID()
        try await RecoveryCode.query(on: db).filter(\.$person.$id == id).delete()
        for code in codes {
            try await RecoveryCode(personID: id, code: code).create(on: db)
        }
        person.totpSecret = secret
        person.totpEnabledAt = now
        person.totpLastStep = step
        try await person.save(on: db)
        return codes
    }
}
