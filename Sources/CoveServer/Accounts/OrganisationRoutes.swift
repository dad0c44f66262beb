import CoveCore
import Fluent
import Vapor

/// The secretariat and system administrators keep the list of organisations; a helpline
/// administrator may require two-step verification for their own organisation.
struct OrganisationRoutes: RouteCollection {
    static let readers: [Role: AccessScope] = [.systemAdministrator: .everything, .secretariat: .everything]
    static let twoFactorEditors: [Role: AccessScope] = [
        .systemAdministrator: .everything, .helplineAdministrator: .ownOrganisation,
    ]

    func boot(routes: any RoutesBuilder) throws {
        let organisations = routes.grouped(":lang", "admin", "organisations")
        organisations.get(use: list).access(.roles(Self.readers))
        organisations.post(use: create).access(.only(.systemAdministrator))
        organisations.post(":organisationID", "two-factor", use: setTwoFactor).access(.roles(Self.twoFactorEditors))
    }

    struct Row: Encodable, Sendable {
        var id: String
        var name: String
        var kind: String
        var place: String
        var requiresTwoFactor: Bool
    }

    struct Option: Encodable, Sendable { var value: String; var label: String }

    struct ListView: Encodable, Sendable {
        var organisations: [Row]
        var kinds: [Option]
        var regions: [Option]
        var countries: [Option]
        var error: String?
    }

    @Sendable func list(req: Request) async throws -> View {
        try await render(req, error: nil)
    }

    private func render(_ req: Request, error: String?) async throws -> View {
        let countries = req.application.countries
        let rows = try await Organisation.query(on: req.db).sort(\.$name).all().map { organisation in
            Row(id: organisation.id!.uuidString, name: organisation.name, kind: req.t(organisation.kind.catalogueKey),
                place: organisation.region.map { req.t($0.catalogueKey) }
                    ?? organisation.countryCode.map { countries.name(of: $0) } ?? "",
                requiresTwoFactor: organisation.requiresTwoFactor)
        }
        let view = ListView(
            organisations: rows,
            kinds: OrganisationKind.allCases.map { .init(value: $0.rawValue, label: req.t($0.catalogueKey)) },
            regions: ITURegion.allCases.map { .init(value: $0.rawValue, label: req.t($0.catalogueKey)) },
            countries: countries.all.map { .init(value: $0.code, label: $0.name) }, error: error)
        return try await req.renderForm("organisations", titleKey: "organisations.title", body: view)
    }

    struct NewOrganisation: Content {
        var name: String
        var kind: OrganisationKind
        var country: String?
        /// Read as text: the form always sends the region select, empty for a kind that has none.
        var region: String?

        var chosenRegion: ITURegion? { region.flatMap(ITURegion.init(rawValue:)) }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(NewOrganisation.self)
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let country = input.country.flatMap { $0.isEmpty ? nil : $0.uppercased() }
        let problem: String? = if name.isEmpty { "organisations.error_name" }
            else if input.kind.needsCountry, country.map(req.application.countries.contains) != true { "organisations.error_country" }
            else if input.kind.needsRegion, input.chosenRegion == nil { "organisations.error_region" }
            else { nil }
        if let problem {
            let response = try await render(req, error: req.t(problem)).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        let organisation = Organisation(name: name, kind: input.kind,
                                        countryCode: input.kind.needsCountry ? country : nil,
                                        region: input.kind.needsRegion ? input.chosenRegion : nil)
        try await organisation.create(on: req.db)
        try await req.audit.record("organisation.create", "organisation", id: organisation.id)
        return req.redirect(to: req.localPath("admin/organisations"))
    }

    struct TwoFactorSetting: Content { var required: String? }

    @Sendable func setTwoFactor(req: Request) async throws -> Response {
        guard let id = req.parameters.get("organisationID", as: UUID.self),
              let organisation = try await Organisation.find(id, on: req.db) else { throw Abort(.notFound) }
        if req.accessScope != .everything, try req.requirePerson().$organisation.id != id { throw Abort(.notFound) }
        organisation.requiresTwoFactor = try req.content.decode(TwoFactorSetting.self).required == "1"
        try await organisation.save(on: req.db)
        try await req.audit.record("organisation.two_factor_policy", "organisation", id: id,
                                   detail: "required=\(organisation.requiresTwoFactor)")
        let back = req.accessScope == .everything ? "admin/organisations" : "account"
        return req.redirect(to: req.localPath(back))
    }
}
