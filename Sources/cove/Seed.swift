import ArgumentParser
import CoveServer

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load reference data and create the first administrator if there is none. Safe to repeat.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await withApplication({ try common.settings() }) { app in
            try await CoveApplication.migrate(app)
            if let first = try await CoveApplication.seed(app) {
                print("First administrator: email=\(first.email) one-time-password=\(first.oneTimePassword)")
            } else {
                print("Seed data is in place; an administrator already exists.")
            }
        }
    }
}
