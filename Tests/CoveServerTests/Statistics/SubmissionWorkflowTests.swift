import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Statistics submissions: upload, approval, publication")
struct SubmissionWorkflowTests {
    /// Kenya's first quarter of operations; SMS answered only 3 times, a count small enough to suppress.
    static let operations = """
        FREQ,REF_AREA,CHANNEL,MEASURE,TIME_PERIOD,OBS_VALUE
        Q,KE,_T,OFFERED,2025-Q1,130
        Q,KE,voice,OFFERED,2025-Q1,100
        Q,KE,sms,OFFERED,2025-Q1,30
        Q,KE,web-chat,OFFERED,2025-Q1,0
        Q,KE,whatsapp,OFFERED,2025-Q1,0
        Q,KE,other,OFFERED,2025-Q1,0
        Q,KE,_T,ANSWERED,2025-Q1,93
        Q,KE,voice,ANSWERED,2025-Q1,90
        Q,KE,sms,ANSWERED,2025-Q1,3
        Q,KE,web-chat,ANSWERED,2025-Q1,0
        Q,KE,whatsapp,ANSWERED,2025-Q1,0
        Q,KE,other,ANSWERED,2025-Q1,0

        """

    struct Cast {
        var focalPoint: Browser
        var africa: Browser
        var europe: Browser
    }

    private func cast(_ app: Application) async throws -> Cast {
        let ministry = try await People.organisation(.nationalFocalPoint, on: app)
        let reporter = try await People.person(.nationalFocalPoint, on: app, in: ministry)
        let africaOfficer = try await People.person(.regionalOfficer, on: app)
        let europeOffice = Organisation(name: "ITU Europe", kind: .regionalOffice, region: .europe)
        try await europeOffice.create(on: app.db)
        let europeOfficer = try await People.person(.regionalOfficer, on: app, in: europeOffice)
        let cast = Cast(focalPoint: Browser(app), africa: Browser(app), europe: Browser(app))
        try await cast.focalPoint.signIn(reporter.email, People.password)
        try await cast.africa.signIn(africaOfficer.email, People.password)
        try await cast.europe.signIn(europeOfficer.email, People.password)
        return cast
    }

    private func upload(_ browser: Browser, _ csv: String, corrects: UUID? = nil,
                        dryRun: Bool = false) async throws -> TestingHTTPResponse {
        try await browser.get("/en/statistics/submissions")
        var fields = [("dataflow", "HELPLINE_OPERATIONS")]
        if dryRun { fields.append(("dryRun", "1")) }
        if let corrects { fields.append(("corrects", corrects.uuidString)) }
        return try await browser.postFile("/en/statistics/submissions", fields: fields, fileName: "ke-2025-q1.csv",
                                          contents: csv)
    }

    private func submissionID(from response: TestingHTTPResponse) throws -> UUID {
        let location = try #require(response.location)
        return try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
    }

    @discardableResult
    private func act(_ browser: Browser, _ action: String, on id: UUID,
                     reason: String? = nil) async throws -> TestingHTTPResponse {
        try await browser.get("/en/statistics/submissions/\(id)")
        return try await browser.post("/en/statistics/submissions/\(id)/\(action)", reason.map { [("reason", $0)] } ?? [])
    }

    @Test func aFileWithAnErrorIsShownAtItsLineAndColumnAndNothingIsStored() async throws {
        try await withCove { app, _ in
            let cast = try await cast(app)
            let broken = Self.operations.replacingOccurrences(of: "Q,KE,sms,OFFERED,2025-Q1,30",
                                                              with: "Q,KE,sms,OFFERED,2025-Q1,thirty")

            let response = try await upload(cast.focalPoint, broken)

            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("data-line=\"4\" data-column=\"6\" data-field=\"OBS_VALUE\""))
            #expect(try await StatisticalSubmission.query(on: app.db).count() == 0)
        }
    }

    @Test func aCountryReportsOnlyForItselfAndOneCountryPerFile() async throws {
        try await withCove { app, _ in
            let cast = try await cast(app)

            let other = try await upload(cast.focalPoint, Self.operations.replacingOccurrences(of: ",KE,", with: ",GB,"))
            let mixed = try await upload(cast.focalPoint, Self.operations.replacingOccurrences(
                of: "Q,KE,other,ANSWERED", with: "Q,TZ,other,ANSWERED"))

            #expect(other.status == .unprocessableEntity)
            #expect(other.body.string.contains("data-field=\"REF_AREA\""))
            #expect(mixed.status == .unprocessableEntity)
            #expect(mixed.body.string.contains("data-line=\"13\" data-column=\"2\" data-field=\"REF_AREA\""))
            #expect(try await StatisticalSubmission.query(on: app.db).count() == 0)
        }
    }

    @Test func aDryRunSaysWhatTheFileHoldsAndStoresNothing() async throws {
        try await withCove { app, _ in
            let cast = try await cast(app)

            let response = try await upload(cast.focalPoint, Self.operations, dryRun: true)

            #expect(response.status == .ok)
            #expect(response.body.string.contains("id=\"summary-observations\">12<"))
            #expect(try await StatisticalSubmission.query(on: app.db).count() == 0)
        }
    }

    @Test func theRegionalOfficeReturnsWithAReasonAndTheCorrectionIsPublished() async throws {
        try await withCove { app, _ in
            let cast = try await cast(app)
            let first = try submissionID(from: try await upload(cast.focalPoint, Self.operations))
            try await act(cast.focalPoint, "submit", on: first)

            let returned = try await act(cast.africa, "return", on: first, reason: "Voice answered looks too high")
            let seen = try await cast.focalPoint.get("/en/statistics/submissions/\(first)")
            let second = try submissionID(from: try await upload(cast.focalPoint, Self.operations, corrects: first))
            try await act(cast.focalPoint, "submit", on: second)
            try await act(cast.africa, "approve", on: second)
            let published = try await act(cast.africa, "publish", on: second)

            #expect(returned.status == .seeOther)
            #expect(seen.body.string.contains("Voice answered looks too high"))
            let correction = try #require(try await StatisticalSubmission.find(second, on: app.db))
            #expect(published.status == .seeOther)
            #expect(correction.status == .published && correction.version == 2 && correction.lineageID == first)
            let history = try await cast.focalPoint.get("/en/statistics/submissions/\(second)").body.string
            #expect(history.contains("Sent for approval") && history.contains("Approved") && history.contains("Published"))
            #expect(history.contains("id=\"versions\""))
        }
    }

    @Test func publishingProtectsSmallCountsAndWithholdsWhatWouldRevealThem() async throws {
        try await withCove { app, _ in
            let cast = try await cast(app)
            let id = try submissionID(from: try await upload(cast.focalPoint, Self.operations))
            try await act(cast.focalPoint, "submit", on: id)
            try await act(cast.africa, "approve", on: id)

            try await act(cast.africa, "publish", on: id)

            let rows = try await PublishedObservation.query(on: app.db).all()
            let byKey = Dictionary(uniqueKeysWithValues: rows.map { ($0.seriesKey, $0) })
            let sms = try #require(byKey["Q.KE.sms.ANSWERED"])
            #expect(rows.count == 12)
            #expect(sms.value == nil && sms.observationStatus == "Q" && sms.confidentialityStatus == "C")
            let answered = rows.filter { $0.seriesKey.hasSuffix(".ANSWERED") }
            #expect(answered.contains { $0.confidentialityStatus == "D" && $0.value == nil },
                    "a second cell of the answered total is hidden, or 93 − 90 would give the 3 back")
            #expect(byKey["Q.KE.voice.OFFERED"]?.value == 100)
        }
    }

    @Test func onlyTheRegionOfTheCountryDecidesAndNobodyApprovesTheirOwnFigures() async throws {
        try await withCove { app, _ in
            let cast = try await cast(app)
            let id = try submissionID(from: try await upload(cast.focalPoint, Self.operations))
            let hiddenDraft = try await cast.africa.get("/en/statistics/submissions/\(id)")
            try await act(cast.focalPoint, "submit", on: id)

            let ownApproval = try await act(cast.focalPoint, "approve", on: id)
            let otherRegion = try await cast.europe.get("/en/statistics/submissions/\(id)")
            let noReason = try await act(cast.africa, "return", on: id, reason: "  ")
            let early = try await act(cast.africa, "publish", on: id)

            #expect(hiddenDraft.status == .notFound, "a draft stays with its organisation")
            #expect(ownApproval.status == .forbidden)
            #expect(otherRegion.status == .notFound)
            #expect(noReason.status == .unprocessableEntity)
            #expect(early.status == .conflict)
            let stored = try #require(try await StatisticalSubmission.find(id, on: app.db))
            #expect(stored.status == .submitted)
            #expect(try await PublishedObservation.query(on: app.db).count() == 0)
        }
    }

    @Test func aPublishedCorrectionReplacesTheEarlierPublishedValues() async throws {
        try await withCove { app, _ in
            let cast = try await cast(app)
            let first = try submissionID(from: try await upload(cast.focalPoint, Self.operations))
            for (browser, action) in [(cast.focalPoint, "submit"), (cast.africa, "approve"), (cast.africa, "publish")] {
                try await act(browser, action, on: first)
            }
            let corrected = Self.operations.replacingOccurrences(of: "Q,KE,voice,OFFERED,2025-Q1,100", with: "Q,KE,voice,OFFERED,2025-Q1,110")
                .replacingOccurrences(of: "Q,KE,_T,OFFERED,2025-Q1,130", with: "Q,KE,_T,OFFERED,2025-Q1,140")
            let second = try submissionID(from: try await upload(cast.focalPoint, corrected, corrects: first))

            for (browser, action) in [(cast.focalPoint, "submit"), (cast.africa, "approve"), (cast.africa, "publish")] {
                try await act(browser, action, on: second)
            }

            let rows = try await PublishedObservation.query(on: app.db).all()
            #expect(rows.count == 12)
            #expect(rows.allSatisfy { $0.$submission.id == second })
            #expect(rows.first { $0.seriesKey == "Q.KE.voice.OFFERED" }?.value == 110)
            #expect(try await StatisticalSubmission.find(first, on: app.db)?.status == .superseded)
        }
    }

    @Test func anOlderVersionNeverReplacesANewerOneAndCorrectionsStartFromTheNewest() async throws {
        try await withCove { app, _ in
            let cast = try await cast(app)
            let first = try submissionID(from: try await upload(cast.focalPoint, Self.operations))
            try await act(cast.focalPoint, "submit", on: first)
            let second = try submissionID(from: try await upload(cast.focalPoint, Self.operations, corrects: first))
            for (browser, action) in [(cast.focalPoint, "submit"), (cast.africa, "approve"), (cast.africa, "publish")] {
                try await act(browser, action, on: second)
            }
            try await act(cast.africa, "approve", on: first)

            let stale = try await act(cast.africa, "publish", on: first)
            let branch = try await upload(cast.focalPoint, Self.operations, corrects: first)

            #expect(stale.status == .conflict)
            #expect(try await StatisticalSubmission.find(second, on: app.db)?.status == .published)
            #expect(branch.status == .unprocessableEntity && branch.body.string.contains("data-field=\"corrects\""))
        }
    }

    @Test func aSecondSubmissionForFiguresAlreadyPublishedIsRefusedNotMerged() async throws {
        try await withCove { app, _ in
            let cast = try await cast(app)
            let first = try submissionID(from: try await upload(cast.focalPoint, Self.operations))
            let second = try submissionID(from: try await upload(cast.focalPoint, Self.operations))
            for id in [first, second] {
                for (browser, action) in [(cast.focalPoint, "submit"), (cast.africa, "approve")] {
                    try await act(browser, action, on: id)
                }
            }
            try await act(cast.africa, "publish", on: first)

            let clash = try await act(cast.africa, "publish", on: second)

            #expect(clash.status == .conflict)
            #expect(try await StatisticalSubmission.find(second, on: app.db)?.status == .approved)
            #expect(try await PublishedObservation.query(on: app.db).count() == 12)
        }
    }

    @Test func aCountThatIsNotWholeIsRefusedAtUploadAtItsLine() async throws {
        try await withCove { app, _ in
            let cast = try await cast(app)
            let fractional = Self.operations.replacingOccurrences(of: "Q,KE,voice,ANSWERED,2025-Q1,90",
                                                                  with: "Q,KE,voice,ANSWERED,2025-Q1,89.5")
                .replacingOccurrences(of: "Q,KE,_T,ANSWERED,2025-Q1,93", with: "Q,KE,_T,ANSWERED,2025-Q1,92.5")

            let response = try await upload(cast.focalPoint, fractional)

            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("data-column=\"6\" data-field=\"OBS_VALUE\""))
            #expect(try await StatisticalSubmission.query(on: app.db).count() == 0)
        }
    }
}
