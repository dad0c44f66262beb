import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import CoveServer

@Suite("Contact records imported into the margins")
struct ContactRecordImportTests {
    static let header = ContactRecordReader.columns.joined(separator: ",")
    static let file = header + "\n" + [
        "ke-child-helpline-116,KE,2025-01-10,child-self,online-harm,cyberbullying,Y,13-15,girl,voice",
        "ke-child-helpline-116,KE,2025-02-11,child-self,violence,bullying,N,10-12,boy,sms",
        "ke-child-helpline-116,KE,2025-02-12,about-child,violence,,N,0-9,unknown,voice",
        "tz-child-helpline-116,TZ,2025-03-01,child-self,mental-health,anxiety,N,16-17,girl,web-chat",
    ].joined(separator: "\n") + "\n"

    private func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    private func margins(_ app: Application) async throws -> [String: Int] {
        Dictionary(try await ContactMarginCell.query(on: app.db).all().map { row in
            ([row.country, row.month, row.contactType, row.dimension, row.code].joined(separator: "|"), row.contacts)
        }, uniquingKeysWith: +)
    }

    @Test func aFileIsCountedIntoTheMarginsAndTheIndicatorTable() async throws {
        try await withCove { app, _ in
            let url = try write(Self.file)
            defer { try? FileManager.default.removeItem(at: url) }

            let summary = try await CoveStatistics.importContactRecords(at: url, dryRun: false, on: app)
            let table = try await CoveStatistics.indicatorTable(on: app)

            #expect(summary.records == 4 && summary.months == ["2025-01", "2025-02", "2025-03"])
            let counted = try await margins(app)
            #expect(counted["KE|2025-02|_T|TOTAL|_T"] == 2)
            #expect(counted["KE|2025-01|child-self|CATEGORY|online-harm"] == 1)
            #expect(counted.values.reduce(0, +) > 4 * 2 * 5, "each record counts in several margins")
            #expect(table.csv.contains("CONTACTS,KE,2025-Q1,published,3,3,,,"))
            #expect(table.csv.contains("CONTACTS,africa,2025-Q1,published,4,4,,2,"))
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "stats.contact_records_imported").count()
            #expect(audit == 1)
        }
    }

    @Test func theSameFileIsNotCountedTwiceAndADryRunCountsNothing() async throws {
        try await withCove { app, _ in
            let url = try write(Self.file)
            defer { try? FileManager.default.removeItem(at: url) }
            let dry = try await CoveStatistics.importContactRecords(at: url, dryRun: true, on: app)
            #expect(dry.importID == nil && dry.records == 4)
            #expect(try await ContactMarginCell.query(on: app.db).count() == 0)
            _ = try await CoveStatistics.importContactRecords(at: url, dryRun: false, on: app)
            let before = try await margins(app)

            await #expect(throws: ContactRecordImporter.Failure.self) {
                _ = try await CoveStatistics.importContactRecords(at: url, dryRun: false, on: app)
            }

            #expect(try await margins(app) == before)
            #expect(try await ContactRecordImport.query(on: app.db).count() == 1)
        }
    }

    @Test func aFileWithOneBadLineCountsNothing() async throws {
        try await withCove { app, _ in
            let url = try write(Self.file + "ke-child-helpline-116,KE,2025-02-12,about-child,violence,,N,0-9,unknown,fax\n")
            defer { try? FileManager.default.removeItem(at: url) }

            await #expect {
                _ = try await CoveStatistics.importContactRecords(at: url, dryRun: false, on: app)
            } throws: { error in
                (error as? ContactRecordReader.Failure)?.description == "line 6, channel: \"fax\" is not a known channel"
            }

            #expect(try await ContactMarginCell.query(on: app.db).count() == 0)
            #expect(try await ContactRecordImport.query(on: app.db).count() == 0)
        }
    }

    @Test func aRebuildKeepsWhatImportedFilesCounted() async throws {
        try await withCove { app, _ in
            let url = try write(Self.file)
            defer { try? FileManager.default.removeItem(at: url) }
            _ = try await CoveStatistics.importContactRecords(at: url, dryRun: false, on: app)
            let imported = try await margins(app)
            try await ContactMarginCell.query(on: app.db).set(\.$contacts, to: 99).update()

            let summary = try await CoveStatistics.rebuildRollups(on: app)

            #expect(try await margins(app) == imported)
            #expect(summary.margins == imported.count && summary.contacts == 0)
        }
    }

    @Test func importedRecordsGoOnIntoADraftSubmissionWithCategoryTotals() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let url = try write(Self.file)
            defer { try? FileManager.default.removeItem(at: url) }
            _ = try await CoveStatistics.importContactRecords(at: url, dryRun: false, on: app)
            let administrator = try await People.person(.helplineAdministrator, on: app, in: fixture.organisation)
            let browser = Browser(app)
            try await browser.signIn(administrator.email, People.password)
            try await browser.get("/en/statistics/submissions")

            let prepared = try await browser.post("/en/statistics/submissions/prepare",
                                                  [("dataflow", "HELPLINE_CONTACTS"), ("quarter", "2025-Q1")])

            #expect(prepared.status == .seeOther)
            func value(_ key: String) async throws -> Double? {
                try await Observation.query(on: app.db).filter(\.$seriesKey == key).first()?.value
            }
            #expect(try await value("Q.KE._T._T._T._T._T._T._T") == 3, "Tanzania's record is not Kenya's")
            #expect(try await value("Q.KE._T.violence._T._T._T._T._T") == 2)
            #expect(try await value("Q.KE.child-self._T._T.Y._T._T._T") == 1)
            await fixture.stop()
        }
    }

    @Test func manyMarginsAtOnceAddUpAsFewDo() async throws {
        try await withCove { app, _ in
            let helpline = try #require(try await Helpline.query(on: app.db).first()?.requireID())
            let counts = Dictionary(uniqueKeysWithValues: (1...40).map { index in
                (ContactMargin(helplineID: helpline, country: "KE", month: String(format: "2025-%02d", index % 12 + 1),
                               contactType: "child-self", dimension: .ageBand, code: "band-\(index)",
                               taxonomyVersion: "1"), index)
            })

            try await app.db.transaction { db in try await ContactMargins.add(counts, on: db, stagingFrom: 1) }
            try await app.db.transaction { db in try await ContactMargins.add(counts, on: db, stagingFrom: 1) }
            try await ContactMargins.add(counts, on: app.db, stagingFrom: .max)

            let stored = try await ContactMargins.sums(on: app.db)
            #expect(stored == counts.mapValues { $0 * 3 })
        }
    }
}
