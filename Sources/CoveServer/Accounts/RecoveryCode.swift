import Crypto
import Fluent
import Foundation

/// A single-use code that signs someone in when their authenticator is lost.
/// Only a SHA-256 digest is kept: the codes are random, so a slow hash adds nothing.
final class RecoveryCode: Model, @unchecked Sendable {
    static let schema = "recovery_codes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "digest") var digest: String
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    init(personID: UUID, code: String) {
        self.$person.id = personID
        self.digest = Self.digest(of: code)
    }

    static func digest(of code: String) -> String {
        SHA256.hex(of: code)
    }
}
