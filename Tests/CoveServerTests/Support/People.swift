import CoveCore
import Fluent
import Foundation
import Vapor
@testable import CoveServer

/// Test fixtures: organisations and people with known passwords, ready to sign in.
enum People {
    static let password = "correct horse battery staple"

    static func organisation(_ kind: OrganisationKind, on app: Application, name: String? = nil,
                             requiresTwoFactor: Bool = false) async throws -> Organisation {
        let organisation = Organisation(
            name: name ?? "\(kind.rawValue) \(UUID().uuidString.prefix(6))", kind: kind,
            countryCode: kind.needsCountry ? "KE" : nil, region: kind.needsRegion ? .africa : nil,
            requiresTwoFactor: requiresTwoFactor)
        try await organisation.create(on: app.db)
        return organisation
    }

    /// A person holding `role`, in a new organisation of the kind the role belongs to.
    static func person(_ role: Role, on app: Application, in organisation: Organisation? = nil) async throws -> Person {
        let kind = OrganisationKind.allCases.first { role.isAllowed(in: $0) }!
        let home = if let organisation { organisation } else { try await Self.organisation(kind, on: app) }
        let person = Person(organisationID: try home.requireID(), name: "Test \(role.rawValue)",
                            email: "\(role.rawValue).\(UUID().uuidString.prefix(8))@test.example".lowercased(),
                            passwordHash: try await app.password.async.hash(password), roles: [role],
                            mustChangePassword: false)
        try await person.create(on: app.db)
        return person
    }

    static func audit(_ app: Application, action: String) async throws -> [AuditEvent] {
        try await AuditEvent.query(on: app.db).filter(\.$action == action).all()
    }
}
