import CoveCore
import Fluent
import Vapor

/// Someone who signs in to Cove: a counsellor, an officer, an administrator.
final class Person: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "roles") var roles: [String]
    /// Set when an administrator hands out a one-time password.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @OptionalField(key: "totp_secret") var totpSecret: String?
    @OptionalField(key: "totp_enabled_at") var totpEnabledAt: Date?
    /// The last time step accepted, so an observed code cannot be replayed.
    @OptionalField(key: "totp_last_step") var totpLastStep: Int?
    @Field(key: "failed_sign_ins") var failedSignIns: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalField(key: "last_sign_in_at") var lastSignInAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, organisationID: UUID, name: String, email: String, passwordHash: String,
         roles: [Role], mustChangePassword: Bool = true) {
        self.id = id
        self.$organisation.id = organisationID
        self.name = name
        self.email = email
        self.passwordHash = passwordHash
        self.roles = roles.map(\.rawValue)
        self.mustChangePassword = mustChangePassword
        self.failedSignIns = 0
    }

    var roleList: [Role] { roles.compactMap(Role.init(rawValue:)).sorted() }
    var hasTwoFactor: Bool { totpEnabledAt != nil && totpSecret != nil }

    var lockoutState: LockoutPolicy.State {
        get { .init(failedAttempts: failedSignIns, lockedUntil: lockedUntil) }
        set {
            failedSignIns = newValue.failedAttempts
            lockedUntil = newValue.lockedUntil
        }
    }
}
