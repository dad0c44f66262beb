import CoveCore
import Fluent
import Vapor

/// The signed-in person's own page and password.
struct AccountRoutes: RouteCollection {
    let policy = PasswordPolicy()

    func boot(routes: any RoutesBuilder) throws {
        let lang = routes.grouped(":lang")
        lang.get("account", use: show).access(.signedIn)
        lang.get("account", "password", use: passwordForm).access(.signedIn)
        lang.post("account", "password", use: changePassword).access(.signedIn)
    }

    struct AccountView: Encodable, Sendable {
        var name: String
        var email: String
        var organisation: String
        var roles: [String]
        var twoFactor: Bool
        var notice: String?
        /// Set for helpline administrators, who decide two-step verification for their helpline.
        var policy: TwoFactorPolicy?
    }

    struct TwoFactorPolicy: Encodable, Sendable {
        var organisationID: String
        var required: Bool
    }

    @Sendable func show(req: Request) async throws -> View {
        let person = try req.requirePerson()
        let organisation = try await person.$organisation.get(on: req.db)
        let view = AccountView(
            name: person.name, email: person.email, organisation: organisation.name,
            roles: person.roleList.map { req.t($0.catalogueKey) }, twoFactor: person.hasTwoFactor,
            notice: req.query[String.self, at: "changed"] != nil ? req.t("password.changed") : nil,
            policy: person.roleList.contains(.helplineAdministrator)
                ? TwoFactorPolicy(organisationID: try organisation.requireID().uuidString, required: organisation.requiresTwoFactor)
                : nil)
        return try await req.renderForm("account", titleKey: "account.title", body: view)
    }

    struct PasswordState: Encodable, Sendable {
        var mustChange: Bool
        var rules: String
        var error: String?
        var errorCode: String?
    }

    struct PasswordChange: Content {
        var current_password: String
        var new_password: String
        var confirm_password: String
    }

    @Sendable func passwordForm(req: Request) async throws -> View {
        let person = try req.requirePerson()
        return try await req.renderForm("password", titleKey: "password.title", body: state(for: person, on: req))
    }

    private func state(for person: Person, on req: Request, error: (String, String)? = nil) -> PasswordState {
        PasswordState(mustChange: person.mustChangePassword,
                      rules: req.t("password.rules", ["count": "\(policy.minimumLength)"]),
                      error: error?.1, errorCode: error?.0)
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let person = try req.requirePerson()
        let change = try req.content.decode(PasswordChange.self)
        guard try await req.password.async.verify(change.current_password, created: person.passwordHash) else {
            return try await refuse(req, person: person, code: "current", key: "password.error_current")
        }
        if let violation = policy.check(new: change.new_password, confirmation: change.confirm_password,
                                        current: change.current_password) {
            let (code, key) = Self.describe(violation)
            return try await refuse(req, person: person, code: code, key: key)
        }
        person.passwordHash = try await req.password.async.hash(change.new_password)
        person.mustChangePassword = false
        try await person.save(on: req.db)
        try await req.audit.record("person.password_changed", "person", id: person.id)
        return req.redirect(to: req.localPath("account?changed=1"))
    }

    static func describe(_ violation: PasswordPolicy.Violation) -> (code: String, key: String) {
        switch violation {
        case .mismatch: ("mismatch", "password.error_mismatch")
        case .tooShort: ("too-short", "password.error_too_short")
        case .tooCommon: ("too-common", "password.error_too_common")
        case .sameAsCurrent: ("same", "password.error_same")
        }
    }

    private func refuse(_ req: Request, person: Person, code: String, key: String) async throws -> Response {
        let message = req.t(key, ["count": "\(policy.minimumLength)"])
        let view = try await req.renderForm("password", titleKey: "password.title",
                                            body: state(for: person, on: req, error: (code, message)))
        let response = try await view.encodeResponse(for: req)
        response.status = .unprocessableEntity
        return response
    }
}
