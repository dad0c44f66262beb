import CoveCore
import Fluent
import Vapor

/// Which helpline organisation runs a helpline, as the edit form sets it. Only the secretariat,
/// system administrators and regional officers choose; a helpline administrator's own helplines
/// stay linked to their organisation.
struct OrganisationLink {
    var id: UUID?
    var problem: DirectoryImportError?

    static func chosen(in req: Request, existing: Helpline?) async throws -> OrganisationLink {
        let person = req.signInState.person
        guard DirectoryAccess.mayLinkOrganisation(request: req) else {
            let own = person?.organisation
            return OrganisationLink(id: existing?.$organisation.id ?? (own?.kind == .helpline ? own?.id : nil))
        }
        // A form without the field keeps the link; an empty choice removes it.
        guard let text = try? req.content.get(String.self, at: "organisation") else {
            return OrganisationLink(id: existing?.$organisation.id)
        }
        guard !text.isEmpty else { return OrganisationLink(id: nil) }
        let choices = try await options(for: req)
        guard let id = UUID(uuidString: text), choices.contains(where: { $0.id == id }) else {
            return OrganisationLink(id: existing?.$organisation.id,
                                    problem: .init(line: 1, field: "organisation", message: req.t("directory.error_organisation")))
        }
        return OrganisationLink(id: id)
    }

    /// The helpline organisations the person may link to: all for the secretariat, those in their
    /// region's countries for a regional officer.
    static func options(for req: Request) async throws -> [Organisation] {
        let all = try await Organisation.query(on: req.db).filter(\.$kind == .helpline).sort(\.$name).all()
        guard req.accessScope != .everything else { return all }
        guard let region = req.signInState.person?.organisation.region else { return [] }
        return all.filter { $0.countryCode.flatMap { req.application.countries.country($0)?.region } == region }
    }
}
