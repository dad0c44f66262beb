import ArgumentParser
import CoveServer

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date, or undo the last batch.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Revert the last batch of migrations instead.")
    var revert = false

    func run() async throws {
        try await withApplication({ try common.settings() }) { app in
            if revert {
                try await CoveApplication.migrate(app, revert: true)
                print("Reverted the last batch of migrations.")
            } else {
                try await CoveApplication.migrate(app)
                print("Database is up to date.")
            }
        }
    }
}
