import CoveCore
import Fluent
import Vapor

/// Loads what a new Cove needs: the secretariat, the six ITU-D regional offices, and a first
/// administrator with a one-time password. Safe to run again: it only adds what is missing.
struct Seeder {
    let app: Application

    struct FirstAdministrator: Sendable {
        var email: String
        var oneTimePassword: String
    }

    static let secretariatName = "ITU Secretariat"

    static let regionalOffices: [ITURegion: String] = [
        .africa: "ITU Regional Office for Africa",
        .americas: "ITU Regional Office for the Americas",
        .arabStates: "ITU Regional Office for Arab States",
        .asiaPacific: "ITU Regional Office for Asia and the Pacific",
        .cis: "ITU Regional Office for CIS",
        .europe: "ITU Office for Europe",
    ]

    /// Returns the first administrator's credentials when one was created now.
    func run() async throws -> FirstAdministrator? {
        try await DirectorySeed(app: app).runIfEmpty()
        return try await app.db.transaction { db in
            let secretariat = try await ensureOrganisation(Self.secretariatName, kind: .secretariat, region: nil, on: db)
            for region in ITURegion.allCases {
                _ = try await ensureOrganisation(Self.regionalOffices[region]!, kind: .regionalOffice, region: region, on: db)
            }
            return try await ensureAdministrator(in: secretariat, on: db)
        }
    }

    private func ensureOrganisation(_ name: String, kind: OrganisationKind, region: ITURegion?,
                                    on db: any Database) async throws -> Organisation {
        if let existing = try await Organisation.query(on: db).filter(\.$name == name).first() { return existing }
        let organisation = Organisation(name: name, kind: kind, region: region)
        try await organisation.create(on: db)
        return organisation
    }

    private func ensureAdministrator(in secretariat: Organisation, on db: any Database) async throws -> FirstAdministrator? {
        let people = try await Person.query(on: db).all()
        guard !people.contains(where: { $0.roleList.contains(.systemAdministrator) }) else { return nil }
        let service = AccountService(database: db, hasher: app.password.async)
        let created = try await service.create(name: "Cove administrator", email: app.settings.administratorEmail,
                                               roles: [.systemAdministrator, .secretariat], in: secretariat)
        try await AuditEvent(occurredAt: app.clock.now(), actorID: nil, actorLabel: "cove seed", organisationID: secretariat.id,
                             action: "person.create", recordType: "person", recordID: created.person.id?.uuidString,
                             detail: "first_administrator").create(on: db)
        return FirstAdministrator(email: created.person.email, oneTimePassword: created.oneTimePassword)
    }
}
