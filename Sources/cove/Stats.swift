import ArgumentParser
import CoveServer
import Foundation

struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cove's statistics.",
        subcommands: [Rebuild.self])

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the contact statistics from the finalised contacts.",
            discussion: """
                Finalising a contact counts it at once; this recounts every finalised contact and replaces \
                all the counts in one step. It reads only the coded classification, never what a child said.
                """)

        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withApplication({ try common.settings() }) { app in
                try await CoveApplication.migrate(app)
                let started = ContinuousClock.now
                let summary = try await CoveStatistics.rebuildRollups(on: app)
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                print("Counted \(summary.contacts) finalised contacts into \(summary.cells) cells in \(String(format: "%.2f", seconds)) s.")
            }
        }
    }
}
