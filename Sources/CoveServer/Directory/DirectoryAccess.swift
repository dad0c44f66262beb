import CoveCore
import Vapor

/// Who may edit which helpline: the secretariat and system administrators all of them; a regional
/// officer those whose countries are all in their ITU-D region; a helpline administrator the
/// helplines linked to their organisation, in their organisation's country.
enum DirectoryAccess {
    static let editors: [Role: AccessScope] = [
        .systemAdministrator: .everything, .secretariat: .everything,
        .regionalOfficer: .ownOrganisation, .helplineAdministrator: .ownOrganisation,
    ]
    /// Replacing the whole directory touches every region's helplines.
    static let importers: [Role: AccessScope] = [.systemAdministrator: .everything, .secretariat: .everything]

    /// Whether the signed-in person may see and change a helpline serving `countries` and linked
    /// to `organisationID`. Checked against the stored helpline and against what a form submits,
    /// so nobody can move a helpline out of their reach, or into another region, by editing it.
    static func mayEdit(countries: [String], organisationID: UUID?, request req: Request) -> Bool {
        guard let scope = req.accessScope, let person = req.signInState.person else { return false }
        if scope == .everything { return true }
        let organisation = person.organisation
        // A subdivision ("AR-R") counts as its country.
        let codes = countries.map { String($0.prefix(2)) }
        guard !codes.isEmpty else { return false }
        switch organisation.kind {
        case .regionalOffice:
            guard let region = organisation.region else { return false }
            return codes.allSatisfy { req.application.countries.country($0)?.region == region }
        case .helpline:
            guard let id = organisation.id, organisationID == id, let country = organisation.countryCode else { return false }
            return codes.allSatisfy { $0 == country }
        default:
            return false
        }
    }

    static func mayEdit(_ helpline: Helpline, request req: Request) -> Bool {
        mayEdit(countries: helpline.countries, organisationID: helpline.$organisation.id, request: req)
    }

    /// Only those above a helpline may say which organisation runs it, since that decides who
    /// else may edit it.
    static func mayLinkOrganisation(request req: Request) -> Bool {
        guard let person = req.signInState.person else { return false }
        return req.accessScope == .everything || person.organisation.kind == .regionalOffice
    }
}
