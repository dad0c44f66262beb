/// What a person may do in Cove. A person can hold several roles, all within one organisation.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case counsellor
    case supervisor
    case helplineAdministrator = "helpline_administrator"
    case nationalFocalPoint = "national_focal_point"
    case regionalOfficer = "regional_officer"
    case secretariat
    case systemAdministrator = "system_administrator"

    /// Roles that only make sense inside a certain kind of organisation; a counsellor
    /// at a ministry, say, would be a data-entry mistake that widens access.
    public func isAllowed(in kind: OrganisationKind) -> Bool {
        switch self {
        case .counsellor, .supervisor, .helplineAdministrator: kind == .helpline
        case .nationalFocalPoint: kind == .nationalFocalPoint
        case .regionalOfficer: kind == .regionalOffice
        case .secretariat: kind == .secretariat
        case .systemAdministrator: kind == .secretariat
        }
    }

    public var catalogueKey: String { "role.\(rawValue)" }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
