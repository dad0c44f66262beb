import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import CoveServer

@Suite("Contact rollup rebuild")
struct ContactRollupRebuildTests {
    private func cells(_ app: Application) async throws -> [String: Int] {
        let rows = try await ContactRollupCell.query(on: app.db).all()
        return Dictionary(rows.map { row in
            ([row.country, row.month, row.contactType, row.category, row.subcategory, "\(row.online)", row.ageBand, row.gender,
              row.channel, row.taxonomyVersion].joined(separator: "|"), row.contacts)
        }, uniquingKeysWith: +)
    }

    private func margins(_ app: Application) async throws -> [String: Int] {
        Dictionary(try await ContactMarginCell.query(on: app.db).all().map { row in
            ([row.country, row.month, row.contactType, row.dimension, row.code, row.taxonomyVersion].joined(separator: "|"),
             row.contacts)
        }, uniquingKeysWith: +)
    }

    static let bullying: [(String, String)] = [
        ("contact_type", "child-self"), ("class_0", "online-harm/cyberbullying"), ("online_0", "1"), ("age", "14"),
        ("gender", "girl"), ("summary", "Messages at night."), ("actions[]", "counselled"), ("intent", "finalise"),
    ]
    static let anxiety: [(String, String)] = [
        ("contact_type", "child-self"), ("class_0", "mental-health/anxiety"), ("class_1", "online-harm/cyberbullying"),
        ("online_1", "1"), ("age", "9"), ("gender", "boy"), ("summary", "Worried about school."), ("actions[]", "counselled"),
        ("intent", "finalise"),
    ]

    @Test func rebuildingGivesExactlyTheCountsFinalisingMadeOneByOne() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await fixture.counsellor()
            let browser = Browser(app)
            try await browser.signIn(counsellor.email, People.password)
            for fields in [Self.bullying, Self.anxiety, Self.bullying] {
                try await fixture.finalise(fields, browser: browser, counsellor: counsellor)
            }
            let incremental = try await cells(app)
            let incrementalMargins = try await margins(app)
            try await ContactMarginCell.query(on: app.db).filter(\.$dimension == "CATEGORY").delete()
            // Counts gone wrong (a lost cell, a doubled one) are what a rebuild is for.
            try await ContactRollupCell.query(on: app.db).filter(\.$category == "mental-health").delete()
            try await ContactRollupCell.query(on: app.db).set(\.$contacts, to: 7).update()

            let summary = try await CoveStatistics.rebuildRollups(on: app)

            #expect(try await cells(app) == incremental)
            #expect(try await margins(app) == incrementalMargins)
            let onlineHarm = incrementalMargins.filter { $0.key.contains("|child-self|CATEGORY|online-harm|") }
            #expect(onlineHarm.values.reduce(0, +) == 3, "the anxious child's cyberbullying counts in online harm too")
            #expect(summary.contacts == 3)
            #expect(summary.cells == incremental.count)
            #expect(incremental.values.reduce(0, +) > 3, "each contact counts in several cells")
            await fixture.stop()
        }
    }

    @Test func draftsAreNotCountedAndNothingIsLeftOfOldCells() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await fixture.counsellor()
            let browser = Browser(app)
            try await browser.signIn(counsellor.email, People.password)
            try await fixture.finalise(Self.bullying.map { $0.0 == "intent" ? ("intent", "draft") : $0 }, browser: browser,
                                       counsellor: counsellor)
            let stray = ContactRollupCell()
            (stray.helplineID, stray.country, stray.month, stray.contactType) = (try fixture.helpline.requireID(), "KE", "2020-01", "child-self")
            (stray.category, stray.subcategory, stray.online, stray.ageBand) = ("all", "all", false, "unknown")
            (stray.gender, stray.channel, stray.taxonomyVersion, stray.contacts) = ("unknown", "voice", "1", 4)
            try await stray.create(on: app.db)

            let summary = try await CoveStatistics.rebuildRollups(on: app)

            #expect(summary.contacts == 0)
            #expect(try await ContactRollupCell.query(on: app.db).count() == 0)
            await fixture.stop()
        }
    }
}
