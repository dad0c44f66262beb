import ArgumentParser
import CoveCore
import Testing
@testable import cove

@Suite("Command line")
struct CommandLineTests {
    @Test func flagsOverrideTheEnvironment() throws {
        let serve = try Serve.parse(["--port", "9090", "--hostname", "0.0.0.0", "--data-dir", "/tmp/cove-x"])
        let settings = try serve.common.settings(hostname: serve.hostname, port: serve.port,
                                                 environment: ["COVE_PORT": "7000"])
        #expect(settings.port == 9090)
        #expect(settings.hostname == "0.0.0.0")
        #expect(settings.database == .sqlite(path: "/tmp/cove-x/cove.sqlite"))
    }

    @Test func aBadFlagIsNamedAsTheFlag() throws {
        let serve = try Serve.parse(["--port", "http"])
        #expect {
            try serve.common.settings(hostname: nil, port: serve.port, environment: [:])
        } throws: { error in
            (error as? SettingsError)?.setting == "--port"
        }
    }

    @Test func aBadVariableIsNamedAsTheVariable() throws {
        let migrate = try Migrate.parse([])
        #expect {
            try migrate.common.settings(environment: ["COVE_LOG_FORMAT": "yaml"])
        } throws: { error in
            (error as? SettingsError)?.setting == "COVE_LOG_FORMAT"
        }
    }

    @Test func creatingAUserNeedsARole() {
        #expect(throws: (any Error).self) {
            try User.Create.parse(["--email", "a@b.example", "--name", "A", "--org", "ITU Secretariat"])
        }
        #expect(throws: (any Error).self) {
            try User.Create.parse(["--email", "a@b.example", "--name", "A", "--org", "X", "--role", "wizard"])
        }
        let parsed = try? User.Create.parse(["--email", "a@b.example", "--name", "A", "--org", "X",
                                             "--role", "counsellor", "--role", "supervisor"])
        #expect(parsed?.role == [.counsellor, .supervisor])
    }

    @Test func everyCommandHasHelp() {
        for command in [Cove.self, Serve.self, Migrate.self, Seed.self, User.self, User.Create.self, User.ResetPassword.self]
            as [any ParsableCommand.Type] {
            #expect(!command.helpMessage().isEmpty)
            #expect(!command.configuration.abstract.isEmpty || command == Cove.self)
        }
    }
}
