import CoveCore
import Fluent
import Vapor

/// A helpline, national focal point, ITU-D regional office or the secretariat.
final class Organisation: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Enum(key: "kind") var kind: OrganisationKind
    /// ISO 3166-1 alpha-2, for helplines and national focal points.
    @OptionalField(key: "country_code") var countryCode: String?
    @OptionalEnum(key: "region") var region: ITURegion?
    @Field(key: "requires_two_factor") var requiresTwoFactor: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Children(for: \.$organisation) var people: [Person]

    init() {}

    init(id: UUID? = nil, name: String, kind: OrganisationKind, countryCode: String? = nil,
         region: ITURegion? = nil, requiresTwoFactor: Bool = false) {
        self.id = id
        self.name = name
        self.kind = kind
        self.countryCode = countryCode
        self.region = region
        self.requiresTwoFactor = requiresTwoFactor
    }
}
