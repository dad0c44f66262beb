import CoveCore
import Vapor

/// Who may edit which helpline: the secretariat and system administrators all of them, a regional
/// officer those serving a country of their ITU-D region, a helpline administrator their own.
enum DirectoryAccess {
    static let editors: [Role: AccessScope] = [
        .systemAdministrator: .everything, .secretariat: .everything,
        .regionalOfficer: .ownOrganisation, .helplineAdministrator: .ownOrganisation,
    ]
    /// Replacing the whole directory touches every region's helplines.
    static let importers: [Role: AccessScope] = [.systemAdministrator: .everything, .secretariat: .everything]

    static func mayEdit(countries: [String], organisationID: UUID?, request req: Request) -> Bool {
        guard let scope = req.accessScope, let person = req.signInState.person else { return false }
        if scope == .everything { return true }
        let organisation = person.organisation
        switch organisation.kind {
        case .regionalOffice:
            guard let region = organisation.region else { return false }
            return countries.contains { req.application.countries.country($0)?.region == region }
        case .helpline:
            return organisationID != nil && organisationID == organisation.id
        default:
            return false
        }
    }

    static func mayEdit(_ helpline: Helpline, request req: Request) -> Bool {
        mayEdit(countries: helpline.countries, organisationID: helpline.$organisation.id, request: req)
    }
}
