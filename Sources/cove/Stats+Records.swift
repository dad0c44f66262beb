import ArgumentParser
import CoveCore
import CoveServer
import Foundation

extension Stats {
    struct ImportRecords: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-records",
            abstract: "Count a file of contact records into the contact statistics, keeping no record.",
            discussion: """
                For helplines that keep their cases outside Cove. The file is CSV with the header \
                \(ContactRecordReader.columns.joined(separator: ",")): one line per contact, the helpline by its \
                directory id, the date on the helpline's calendar, the codes from the taxonomy. Every line is \
                checked first; problems are listed with their line and column, and then nothing is counted. \
                The same file is never counted twice.
                """)

        @OptionGroup var common: CommonOptions

        @Argument(help: "The file of contact records.")
        var file: String

        @Flag(help: "Check the file and say what it holds, without counting it.")
        var dryRun = false

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
            guard let size else { throw ValidationError("cannot read \(file)") }
            try await withApplication({ try common.settings() }) { app in
                try await CoveApplication.migrate(app)
                let started = ContinuousClock.now
                let summary: CoveStatistics.RecordImportSummary
                do {
                    summary = try await CoveStatistics.importContactRecords(at: url, dryRun: dryRun, on: app) { bytes in
                        ProgressBar.show(done: size > 0 ? bytes * 100 / size : 100, total: 100)
                    }
                } catch let failure as ContactRecordReader.Failure {
                    // Every problem, each on its own line, so all can be fixed in one pass.
                    ProgressBar.finish()
                    throw NotCounted(reason: "\(file) was not counted:\n\(failure.description)")
                }
                ProgressBar.finish()
                let seconds = (ContinuousClock.now - started).seconds
                let months = span(summary.months) ?? ""
                let rate = seconds > 0 ? Int(Double(summary.records) / seconds) : summary.records
                let what = "\(summary.records) contact records (\(months)) into \(summary.margins) margins"
                if let id = summary.importID {
                    print("Counted \(what) in \(String(format: "%.2f", seconds)) s, \(rate) records/s; import \(id.uuidString).")
                } else {
                    print("Would count \(what). Nothing was counted (dry run).")
                }
            }
        }
    }

    struct Table: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every helpline indicator for every country, region and quarter, from the rollups.",
            discussion: """
                The figures are Cove's own counts before any disclosure control: for statisticians checking \
                them before submissions are prepared, not for publication.
                """)

        @OptionGroup var common: CommonOptions

        @Option(name: .shortAndLong, help: "File to write; standard output when absent.")
        var output: String?

        @Option(help: "Compute the table this many times and report the times (for benchmarks).")
        var `repeat` = 1

        func validate() throws {
            guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
        }

        func run() async throws {
            try await withApplication({ try common.settings() }) { app in
                try await CoveApplication.migrate(app)
                var times: [Double] = []
                var table: (csv: String, rows: Int) = ("", 0)
                for _ in 0..<`repeat` {
                    let started = ContinuousClock.now
                    table = try await CoveStatistics.indicatorTable(on: app)
                    times.append((ContinuousClock.now - started).seconds * 1000)
                }
                if let output {
                    try Data(table.csv.utf8).write(to: URL(fileURLWithPath: output))
                } else {
                    print(table.csv, terminator: "")
                }
                let sorted = times.sorted()
                let timing = times.count > 1
                    ? String(format: "min %.1f ms, median %.1f ms over %d runs", sorted[0], sorted[sorted.count / 2], times.count)
                    : String(format: "%.1f ms", sorted[0])
                FileHandle.standardError.write(Data("\(table.rows) indicator values from the rollups in \(timing).\n".utf8))
            }
        }
    }
}

/// A file that was refused: the reason is all the person needs, not the usage text.
struct NotCounted: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
