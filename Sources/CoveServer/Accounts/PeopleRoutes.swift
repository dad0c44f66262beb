import CoveCore
import Fluent
import Vapor

/// Administrators list people, add them, and reset their passwords.
/// A helpline administrator reaches only their own organisation.
struct PeopleRoutes: RouteCollection {
    static let managers: [Role: AccessScope] = [
        .systemAdministrator: .everything, .secretariat: .everything, .helplineAdministrator: .ownOrganisation,
    ]

    func boot(routes: any RoutesBuilder) throws {
        let people = routes.grouped(":lang", "admin", "people")
        people.get(use: list).access(.roles(Self.managers))
        people.get("new", use: newForm).access(.roles(Self.managers))
        people.post(use: create).access(.roles(Self.managers))
        people.post(":personID", "reset-password", use: resetPassword).access(.roles(Self.managers))
    }

    struct Row: Encodable, Sendable {
        var id: String
        var name: String
        var email: String
        var organisation: String
        var roles: String
        var locked: String?
    }

    struct ListView: Encodable, Sendable {
        var people: [Row]
        var notice: String?
    }

    @Sendable func list(req: Request) async throws -> View {
        try await renderList(req, notice: nil)
    }

    func renderList(_ req: Request, notice: String?) async throws -> View {
        var query = Person.query(on: req.db).with(\.$organisation).sort(\.$name)
        if req.accessScope != .everything {
            query = query.filter(\.$organisation.$id == (try req.requirePerson().$organisation.id))
        }
        let now = req.now
        let rows = try await query.all().map { person in
            Row(id: person.id?.uuidString ?? "", name: person.name, email: person.email,
                organisation: person.organisation.name,
                roles: person.roleList.map { req.t($0.catalogueKey) }.joined(separator: ", "),
                locked: (person.lockedUntil.map { $0 > now } ?? false)
                    ? req.t("people.status_locked", ["time": person.lockedUntil!.pageText]) : nil)
        }
        return try await req.renderForm("people", titleKey: "people.title", body: ListView(people: rows, notice: notice))
    }

    struct NewPersonView: Encodable, Sendable {
        struct Option: Encodable, Sendable { var value: String; var label: String; var selected: Bool }
        var organisations: [Option]
        var roles: [Option]
        var name = ""
        var email = ""
        var error: String?
    }

    struct NewPerson: Content {
        var name: String
        var email: String
        var organisation: UUID?
        var roles: [String]?
    }

    @Sendable func newForm(req: Request) async throws -> View {
        try await renderNewForm(req, input: nil, error: nil)
    }

    private func renderNewForm(_ req: Request, input: NewPerson?, error: String?) async throws -> View {
        let organisations = try await reachableOrganisations(req)
        let chosenRoles = Set(input?.roles ?? [])
        let view = NewPersonView(
            organisations: organisations.map { .init(value: $0.id!.uuidString, label: $0.name, selected: $0.id == input?.organisation) },
            roles: Role.allCases.map { .init(value: $0.rawValue, label: req.t($0.catalogueKey), selected: chosenRoles.contains($0.rawValue)) },
            name: input?.name ?? "", email: input?.email ?? "", error: error)
        return try await req.renderForm("person-new", titleKey: "people.new", body: view)
    }

    private func reachableOrganisations(_ req: Request) async throws -> [Organisation] {
        var query = Organisation.query(on: req.db).sort(\.$name)
        if req.accessScope != .everything {
            query = query.filter(\.$id == (try req.requirePerson().$organisation.id))
        }
        return try await query.all()
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(NewPerson.self)
        let organisations = try await reachableOrganisations(req)
        guard let organisation = organisations.first(where: { $0.id == input.organisation }) else {
            return try await refuse(req, input: input, key: "people.error_organisation")
        }
        let roles = (input.roles ?? []).compactMap(Role.init(rawValue:))
        do {
            let created = try await req.accounts.create(name: input.name, email: input.email, roles: roles, in: organisation)
            try await req.audit.record("person.create", "person", id: created.person.id)
            let notice = req.t("people.one_time_password", ["email": created.person.email, "password": created.oneTimePassword])
            return try await renderList(req, notice: notice).encodeResponse(for: req)
        } catch let problem as AccountService.Problem {
            return try await refuse(req, input: input, key: problem.catalogueKey)
        }
    }

    private func refuse(_ req: Request, input: NewPerson, key: String) async throws -> Response {
        let response = try await renderNewForm(req, input: input, error: req.t(key)).encodeResponse(for: req)
        response.status = .unprocessableEntity
        return response
    }

    @Sendable func resetPassword(req: Request) async throws -> Response {
        guard let id = req.parameters.get("personID", as: UUID.self),
              let person = try await Person.find(id, on: req.db) else { throw Abort(.notFound) }
        if req.accessScope != .everything, try person.$organisation.id != req.requirePerson().$organisation.id {
            throw Abort(.notFound)
        }
        let password = try await req.accounts.resetPassword(of: person)
        try await req.audit.record("person.password_reset", "person", id: person.id)
        let notice = req.t("people.one_time_password", ["email": person.email, "password": password])
        return try await renderList(req, notice: notice).encodeResponse(for: req)
    }
}
