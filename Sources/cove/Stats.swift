import ArgumentParser
import CoveServer
import Foundation

struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cove's statistics.",
        subcommands: [Import.self, ImportRecords.self, Rebuild.self, Table.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Submit a file of statistics for one dataflow: SDMX-CSV 2.0 or 1.0, or the plain CSV template.",
            discussion: """
                Every row is checked before anything is stored: codes, periods, values, duplicate keys and the \
                dataflow's rules. Each problem is listed with its line and column, and then nothing is stored. \
                A file without problems becomes a new draft submission.
                """)

        @OptionGroup var common: CommonOptions

        @Argument(help: "The file to submit.")
        var file: String

        @Option(help: "The dataflow, such as HELPLINE_CONTACTS or HELPLINE_OPERATIONS.")
        var dataflow: String

        @Flag(help: "Check the file and say what would be stored, without storing it.")
        var dryRun = false

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            try await withApplication({ try common.settings() }) { app in
                try await CoveApplication.migrate(app)
                let summary = try await CoveStatistics.importFile(data, dataflow: dataflow, dryRun: dryRun, on: app) {
                    if case let .storing(done, total) = $0 { ProgressBar.show(done: done, total: total) }
                }
                if !dryRun { ProgressBar.finish() }
                let periods = span(summary.periods) ?? "no period"
                let what = "\(summary.observations) observations in \(summary.series) series, \(periods) (\(summary.format))"
                if let id = summary.submissionID {
                    print("Stored \(what) as draft submission \(id.uuidString).")
                } else {
                    print("Would store \(what). Nothing was stored (dry run).")
                }
            }
        }
    }

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
                let seconds = (ContinuousClock.now - started).seconds
                print("Counted \(summary.contacts) finalised contacts into \(summary.cells) cells and "
                    + "\(summary.margins) margins (with those of imported records), and "
                    + "\(summary.conversations) conversations into \(summary.operationsCells) operations cells "
                    + "in \(String(format: "%.2f", seconds)) s.")
            }
        }
    }
}

/// "2025-Q1 to 2025-Q4" for sorted periods, the period itself for one, nil for none.
func span(_ periods: [String]) -> String? {
    guard let first = periods.first, let last = periods.last else { return nil }
    return first == last ? first : "\(first) to \(last)"
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
