import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import CoveServer

@Suite("Drafts prepared from the contacts counted in Cove")
struct RollupSubmissionServiceTests {
    @Test func aHelplineAdministratorTurnsAQuartersContactsIntoADraft() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await fixture.counsellor()
            let counselling = Browser(app)
            try await counselling.signIn(counsellor.email, People.password)
            for fields in [ContactRollupRebuildTests.bullying, ContactRollupRebuildTests.anxiety] {
                try await fixture.finalise(fields, browser: counselling, counsellor: counsellor)
            }
            let administrator = try await People.person(.helplineAdministrator, on: app, in: fixture.organisation)
            let browser = Browser(app)
            try await browser.signIn(administrator.email, People.password)
            try await browser.get("/en/statistics/submissions")
            let quarter = try #require(ContactRollup.quarter(ofMonth: ContactRollup.month(
                of: clock.now, in: TimeZone(identifier: fixture.helpline.timeZone)!)))

            let prepared = try await browser.post("/en/statistics/submissions/prepare",
                                                  [("dataflow", "HELPLINE_CONTACTS"), ("quarter", quarter)])
            let empty = try await browser.post("/en/statistics/submissions/prepare",
                                               [("dataflow", "HELPLINE_OPERATIONS"), ("quarter", "2001-Q1")])

            #expect(prepared.status == .seeOther)
            let submission = try #require(try await StatisticalSubmission.query(on: app.db).first())
            #expect(submission.status == .draft && submission.refArea == "KE")
            let total = try await Observation.query(on: app.db).filter(\.$seriesKey == "Q.KE._T._T._T._T._T._T._T").first()
            #expect(total?.value == 2)
            #expect(empty.status == .unprocessableEntity)
            await fixture.stop()
        }
    }
}
