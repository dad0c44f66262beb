import CoveCore
import Fluent
import Vapor

/// Loads the bundled child helplines into an empty directory; a directory anyone has filled is
/// left alone, so deleting a seeded helpline is not undone at the next start.
struct DirectorySeed {
    let app: Application

    static let file = "child-helplines.csv"

    func runIfEmpty() async throws {
        guard try await Helpline.query(on: app.db).count() == 0,
              try await HelplineRevision.query(on: app.db).count() == 0 else { return }
        let text = String(decoding: try CoveResources.data("Seeds", Self.file), as: UTF8.self)
        let records = try DirectoryCSV.records(from: text, knownCountries: app.directoryReference.knownCountries).get()
        try await app.helplineDirectory.replaceAll(with: records, by: .seed)
    }
}
