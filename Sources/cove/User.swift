import ArgumentParser
import CoveCore
import CoveServer

struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage people who sign in to Cove.",
        subcommands: [Create.self, ResetPassword.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account with a one-time password, printed once.")

        @OptionGroup var common: CommonOptions

        @Option(help: "Email address, used to sign in.")
        var email: String

        @Option(help: "Full name.")
        var name: String

        @Option(help: "Name of the organisation, exactly as listed.")
        var org: String

        @Option(help: "Role; repeat for several.")
        var role: [Role] = []

        func validate() throws {
            if role.isEmpty { throw ValidationError("Give at least one --role.") }
        }

        func run() async throws {
            try await withApplication({ try common.settings() }) { app in
                try await CoveApplication.migrate(app)
                let password = try await CoveAccounts.createPerson(on: app, name: name, email: email,
                                                                   organisation: org, roles: role)
                print("Created \(email.lowercased()).")
                print("One-time password: \(password)")
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a password with a one-time password and lift any lock-out.")

        @OptionGroup var common: CommonOptions

        @Option(help: "Email address of the account.")
        var email: String

        func run() async throws {
            try await withApplication({ try common.settings() }) { app in
                let password = try await CoveAccounts.resetPassword(on: app, email: email)
                print("One-time password: \(password)")
            }
        }
    }
}

extension Role: ExpressibleByArgument {}
