import Foundation
import Testing
@testable import CoveCore

@Suite("Settings")
struct SettingsTests {
    @Test func defaultsNeedNoConfiguration() throws {
        let settings = try Settings.fromEnvironment([:])
        #expect(settings.hostname == "127.0.0.1")
        #expect(settings.port == 8080)
        #expect(settings.database == .sqlite(path: "./cove-data/cove.sqlite"))
        #expect(!settings.servesTLS)
    }

    @Test func theDataFolderHoldsTheDatabase() throws {
        let settings = try Settings.fromEnvironment(["COVE_DATA_DIR": "/var/lib/cove"])
        #expect(settings.database == .sqlite(path: "/var/lib/cove/cove.sqlite"))
    }

    @Test func postgresURLsAreAccepted() throws {
        let url = "postgres://cove:secret@127.0.0.1:5432/cove"
        #expect(try Settings.fromEnvironment(["DATABASE_URL": url]).database == .postgres(url: url))
    }

    @Test(arguments: [
        (["COVE_PORT": "eighty"], "COVE_PORT"),
        (["COVE_PORT": "70000"], "COVE_PORT"),
        (["COVE_LOG_LEVEL": "loud"], "COVE_LOG_LEVEL"),
        (["COVE_LOG_FORMAT": "xml"], "COVE_LOG_FORMAT"),
        (["DATABASE_URL": "mysql://x@y/z"], "DATABASE_URL"),
        (["DATABASE_URL": "postgres://127.0.0.1"], "DATABASE_URL"),
        (["COVE_PUBLIC_URL": "ftp://cove.example"], "COVE_PUBLIC_URL"),
        (["COVE_PASSWORD_HASH_COST": "3"], "COVE_PASSWORD_HASH_COST"),
        (["COVE_ADMIN_EMAIL": "not-an-email"], "COVE_ADMIN_EMAIL"),
        (["COVE_HOSTNAME": "  "], "COVE_HOSTNAME"),
    ])
    func badValuesNameTheirSetting(environment: [String: String], setting: String) {
        #expect {
            try Settings.fromEnvironment(environment)
        } throws: { error in
            (error as? SettingsError)?.setting == setting
        }
    }

    @Test(arguments: Settings.variables.map(\.name))
    func everyListedVariableIsRead(name: String) {
        #expect {
            try Settings.fromEnvironment([name: " "])
        } throws: { error in
            (error as? SettingsError)?.setting == name
        }
    }

    @Test func theErrorIsOneReadableLine() {
        let error = SettingsError(setting: "COVE_PORT", reason: "must be a whole number from 1 to 65535, got \"x\"")
        #expect(error.description == "Invalid setting COVE_PORT: must be a whole number from 1 to 65535, got \"x\"")
        #expect(!error.description.contains("\n"))
    }

    @Test func overridesGoThroughTheSameChecks() throws {
        var settings = try Settings.fromEnvironment(["COVE_PORT": "9000"])
        try settings.override("COVE_PORT", with: "9100")
        #expect(settings.port == 9100)
        #expect(throws: SettingsError.self) { try settings.override("COVE_PORT", with: "0") }
    }

    @Test func httpsPublicAddressMeansTLS() throws {
        let settings = try Settings.fromEnvironment(["COVE_PUBLIC_URL": "https://help.example.org"])
        #expect(settings.servesTLS)
    }
}
