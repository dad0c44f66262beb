import ArgumentParser
import CoveCore
import CoveServer
import Foundation

struct Directory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import or export the helpline directory as plain CSV or HSDS 3.0 JSON (see the README).",
        subcommands: [Import.self, Export.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the whole directory with a file: all of it, or nothing when any row is wrong.")

        @OptionGroup var common: CommonOptions

        @Argument(help: "The file to read: .csv for plain CSV, .json for HSDS.")
        var file: String

        @ArgumentParser.Option(help: "csv or hsds; by default from the file's name and content.")
        var format: DirectoryFileFormat?

        @Flag(help: "Check the file and report what would change, without changing anything.")
        var dryRun = false

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("Cannot read \(file).")
            }
            try await withApplication({ try common.settings() }) { app in
                try await CoveApplication.migrate(app)
                do {
                    let format = format ?? DirectoryFileFormat.of(fileName: file, data: data)
                    let outcome = try await CoveDirectory.importFile(data, format: format, on: app, dryRun: dryRun,
                                                                     progress: ProgressBar.show)
                    ProgressBar.finish()
                    let counts = "\(outcome.added) added, \(outcome.changed) changed, \(outcome.removed) removed, \(outcome.unchanged) unchanged"
                    print(dryRun ? "Dry run, nothing stored: would be \(counts)." : "Imported: \(counts).")
                } catch let problems as DirectoryImportErrors {
                    ProgressBar.finish()
                    FileHandle.standardError.write(Data("\(file): nothing imported; \(problems.errors.count) problem(s):\n\(problems)\n".utf8))
                    throw ExitCode(65) // EX_DATAERR
                }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the whole directory as plain CSV or HSDS 3.0 JSON.")

        @OptionGroup var common: CommonOptions

        @ArgumentParser.Option(name: .shortAndLong, help: "File to write; standard output when absent.")
        var output: String?

        @ArgumentParser.Option(help: "csv or hsds; by default from the output file's name, else csv.")
        var format: DirectoryFileFormat?

        func run() async throws {
            let chosen = format ?? (output?.lowercased().hasSuffix(".json") == true ? .hsds : .csv)
            let data = try await withApplication({ try common.settings() }) { app in
                try await CoveApplication.migrate(app)
                return try await CoveDirectory.export(on: app, as: chosen)
            }
            if let output {
                try data.write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}

/// A one-line progress bar on standard error, drawn only on a terminal so logs and pipes stay clean.
enum ProgressBar {
    private static let isTerminal = isatty(STDERR_FILENO) == 1

    @Sendable static func show(done: Int, total: Int) {
        guard isTerminal, total > 0, done == total || done % max(1, total / 100) == 0 else { return }
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)".utf8))
    }

    static func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

extension DirectoryFileFormat: ExpressibleByArgument {}
