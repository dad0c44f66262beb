import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Directory import and export")
struct DirectoryExchangeTests {
    private func upload(_ browser: Browser, _ csv: String, dryRun: Bool, fileName: String = "directory.csv",
                        type: String = "text/csv") async throws -> TestingHTTPResponse {
        _ = try await browser.get("/en/admin/directory-import")
        return try await browser.postFile("/en/admin/directory-import", fields: dryRun ? [("dryRun", "1")] : [],
                                          fileName: fileName, contents: csv, type: type)
    }

    private func exportCSV(_ app: Application) async throws -> String {
        String(decoding: try await CoveDirectory.export(on: app, as: .csv), as: UTF8.self)
    }

    private func signedInSecretariat(_ app: Application) async throws -> Browser {
        let officer = try await People.person(.secretariat, on: app)
        let browser = Browser(app)
        try await browser.signIn(officer.email, People.password)
        return browser
    }

    @Test func theSeedIsTheBundledHelplinesAndExportsToAFileThatImportsUnchanged() async throws {
        try await withCove { app, _ in
            let export = try await app.testing().sendRequest(.GET, "/api/v1/directory.csv")
            #expect(export.headers.contentType?.subType == "csv")
            let records = try DirectoryCSV.records(from: export.body.string,
                                                   knownCountries: app.directoryReference.knownCountries).get()
            #expect(records.count == 68)
            #expect(Set(records.flatMap(\.countries)).count == 67)
            let outcome = try await CoveDirectory.importFile(Data(export.body.readableBytesView), format: .csv, on: app, dryRun: true)
            #expect(outcome.unchanged == 68 && outcome.added == 0 && outcome.changed == 0 && outcome.removed == 0)
        }
    }

    @Test func aDryRunReportsChangesAndChangesNothing() async throws {
        try await withCove { app, _ in
            let browser = try await signedInSecretariat(app)
            let csv = try await exportCSV(app).replacingOccurrences(of: "Childline (NSPCC)", with: "Childline UK")
            let response = try await upload(browser, csv, dryRun: true)
            #expect(response.status == .ok)
            #expect(response.body.string.contains("<dd id=\"count-changed\">1</dd>"))
            #expect(try await app.helplineDirectory.helpline(slug: "gb-childline")?.name == "Childline (NSPCC)")
        }
    }

    @Test func anImportReplacesTheDirectoryAndKeepsTheRemovedHelplinesHistory() async throws {
        try await withCove { app, _ in
            let browser = try await signedInSecretariat(app)
            let lines = try await exportCSV(app).split(separator: "\r\n", omittingEmptySubsequences: true)
            let kept = ([lines[0]] + lines.filter { $0.hasPrefix("ke-") || $0.hasPrefix("gb-") }).joined(separator: "\r\n")
            let response = try await upload(browser, kept, dryRun: false)
            #expect(response.status == .ok)
            #expect(try await Helpline.query(on: app.db).count() == 2)
            let removed = try await app.helplineDirectory.history(slug: "de-nummer-gegen-kummer")
            #expect(removed.first?.change == .removed)
            #expect(try await People.audit(app, action: "directory.imported").count == 1)
            let germany = try await app.testing().sendRequest(.GET, "/api/v1/help?country=DE").body.string
            #expect(!germany.contains("116111"))
        }
    }

    @Test func aFileWithErrorsNamesEachLineAndFieldAndImportsNothing() async throws {
        try await withCove { app, _ in
            let browser = try await signedInSecretariat(app)
            let header = DirectoryCSV.columns.joined(separator: ",")
            let good = "xx-good,KE,Good line,,,national,active,en,,,,Africa/Nairobi,24/7,,,116,,yes,regional,,,,,,,,,,"
            let badZone = "xx-bad,KE,Bad line,,,national,active,en,,,,Mars/Olympus,24/7,,,116,,yes,regional,,,,,,,,,,"
            let badCountry = "xx-worse,QQ,Worse line,,,national,active,en,,,,Africa/Nairobi,24/7,,,116,,maybe,regional,,,,,,,,,,"
            let response = try await upload(browser, [header, good, badZone, badCountry].joined(separator: "\n"), dryRun: false)
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("data-line=\"3\" data-field=\"time_zone\""))
            #expect(html.contains("data-line=\"4\" data-field=\"country\""))
            #expect(html.contains("data-line=\"4\" data-field=\"voice_free\""))
            #expect(try await Helpline.query(on: app.db).count() == 68)
        }
    }

    @Test func theDirectoryTravelsAsHSDSAndComesBackUnchanged() async throws {
        try await withCove { app, _ in
            let browser = try await signedInSecretariat(app)
            let export = try await app.testing().sendRequest(.GET, "/api/v1/directory.hsds.json")
            #expect(export.headers.contentType == .json)
            let json = export.body.string
            #expect(json.contains("\"contents\""))
            let response = try await upload(browser, json, dryRun: true, fileName: "directory.json", type: "application/json")
            #expect(response.status == .ok)
            #expect(response.body.string.contains("<dd id=\"count-unchanged\">68</dd>"))
            let broken = json.replacingOccurrences(of: "\"Europe/Berlin\"", with: "\"Europe/Nowhere\"")
            let refused = try await upload(browser, broken, dryRun: false, fileName: "directory.json", type: "application/json")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Europe/Nowhere"))
        }
    }

    @Test func onlyTheSecretariatMayReplaceTheWholeDirectory() async throws {
        try await withCove { app, _ in
            let officer = try await People.person(.regionalOfficer, on: app)
            let browser = Browser(app)
            try await browser.signIn(officer.email, People.password)
            #expect(try await browser.get("/en/admin/directory-import").status == .forbidden)
        }
    }
}
