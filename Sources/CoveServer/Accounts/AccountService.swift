import CoveCore
import Fluent
import Vapor

/// Creating people and resetting passwords, shared by the web pages and the `cove user` commands.
struct AccountService {
    let database: any Database
    let hasher: AsyncPasswordHasher

    enum Problem: Error, Equatable, CustomStringConvertible {
        case invalidEmail
        case emailTaken
        case missingName
        case noRoles
        case roleNotAllowed(Role, OrganisationKind)
        case unknownOrganisation(String, known: [String])
        case unknownPerson(String)

        var description: String {
            switch self {
            case .invalidEmail: "email: not a valid email address"
            case .emailTaken: "email: an account with this address already exists"
            case .missingName: "name: must not be empty"
            case .noRoles: "role: give at least one role"
            case let .roleNotAllowed(role, kind): "role: \(role.rawValue) is not possible in a \(kind.rawValue) organisation"
            case let .unknownOrganisation(name, known):
                "org: no organisation named \"\(name)\"; there are: \(known.prefix(12).joined(separator: "; "))"
            case let .unknownPerson(email): "email: no account with address \"\(email)\""
            }
        }

        var catalogueKey: String {
            switch self {
            case .invalidEmail: "people.error_email_invalid"
            case .emailTaken: "people.error_email_taken"
            case .missingName: "people.error_name"
            case .noRoles, .roleNotAllowed: "people.error_roles"
            case .unknownOrganisation: "people.error_organisation"
            case .unknownPerson: "error.not_found"
            }
        }
    }

    struct Created {
        var person: Person
        var oneTimePassword: String
    }

    func create(name: String, email: String, roles: [Role], in organisation: Organisation) async throws -> Created {
        let email = EmailAddress.normalised(email)
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard EmailAddress.isPlausible(email) else { throw Problem.invalidEmail }
        guard !name.isEmpty else { throw Problem.missingName }
        guard !roles.isEmpty else { throw Problem.noRoles }
        if let wrong = roles.first(where: { !$0.isAllowed(in: organisation.kind) }) {
            throw Problem.roleNotAllowed(wrong, organisation.kind)
        }
        guard try await Person.query(on: database).filter(\.$email == email).count() == 0 else { throw Problem.emailTaken }
        let password = Self.makeOneTimePassword()
        let person = Person(organisationID: try organisation.requireID(), name: name, email: email,
                            passwordHash: try await hasher.hash(password), roles: roles)
        try await person.create(on: database)
        return Created(person: person, oneTimePassword: password)
    }

    /// Replaces the password with a one-time one and clears any lock-out; the person must choose
    /// a new password at next sign-in. Two-step verification stays as it was.
    func resetPassword(of person: Person) async throws -> String {
        let password = Self.makeOneTimePassword()
        person.passwordHash = try await hasher.hash(password)
        person.mustChangePassword = true
        person.lockoutState = .init()
        try await person.save(on: database)
        return password
    }

    func organisation(named name: String) async throws -> Organisation {
        guard let found = try await Organisation.query(on: database).filter(\.$name == name).first() else {
            let known = try await Organisation.query(on: database).sort(\.$name).all().map(\.name)
            throw Problem.unknownOrganisation(name, known: known)
        }
        return found
    }

    func person(withEmail email: String) async throws -> Person {
        let email = EmailAddress.normalised(email)
        guard let found = try await Person.query(on: database).filter(\.$email == email).first() else {
            throw Problem.unknownPerson(email)
        }
        return found
    }

    static func makeOneTimePassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return OneTimeSecrets.password(length: 16, using: &generator)
    }
}

extension Request {
    var accounts: AccountService { AccountService(database: db, hasher: password.async) }
}

extension Application {
    var accounts: AccountService { AccountService(database: db, hasher: password.async) }
}
