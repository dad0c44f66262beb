/// The kinds of organisation that work in Cove, following who Resolution 67 addresses.
public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    case helpline
    /// A regulator, ministry or statistics office acting for one country.
    case nationalFocalPoint = "national_focal_point"
    /// One of the six ITU-D regional offices.
    case regionalOffice = "regional_office"
    case secretariat

    public var needsCountry: Bool { self == .helpline || self == .nationalFocalPoint }
    public var needsRegion: Bool { self == .regionalOffice }
    public var allowedRoles: [Role] { Role.allCases.filter { $0.isAllowed(in: self) } }
    public var catalogueKey: String { "kind.\(rawValue)" }
}
