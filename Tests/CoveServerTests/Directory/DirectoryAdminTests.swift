import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Editing the directory")
struct DirectoryAdminTests {
    /// The edit form's fields as the page shows them, ready to post back.
    private func formFields(_ html: String) -> [(String, String)] {
        DirectoryCSV.columns.map { name in
            let input = html.firstMatch(of: try! Regex("name=\"\(name)\" value=\"([^\"]*)\""))
            let area = html.firstMatch(of: try! Regex("name=\"\(name)\"[^>]*>([^<]*)</textarea>"))
            let raw = (input ?? area).flatMap { $0.output[1].substring.map(String.init) } ?? ""
            return (name, raw.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&"))
        }
    }

    private func edit(_ browser: Browser, _ slug: String, changing changes: [String: String]) async throws -> TestingHTTPResponse {
        let form = try await browser.get("/en/admin/directory/\(slug)")
        #expect(form.status == .ok)
        var fields = formFields(form.body.string).map { ($0.0, changes[$0.0] ?? $0.1) }
        if let version = Browser.hiddenValue(named: "version", in: form.body.string) { fields.append(("version", version)) }
        return try await browser.post("/en/admin/directory/\(slug)", fields)
    }

    @Test func aSecretariatEditIsSavedAuditedInHistoryAndAnsweredAtOnce() async throws {
        try await withCove { app, _ in
            let officer = try await People.person(.secretariat, on: app)
            let browser = Browser(app)
            try await browser.signIn(officer.email, People.password)
            let before = try await app.testing().sendRequest(.GET, "/api/v1/help?country=KE").body.string
            #expect(before.contains("tel:116"))

            let saved = try await edit(browser, "ke-child-helpline-116", changing: ["voice": "116 000", "voice_harmonised": ""])
            #expect(saved.status == .seeOther)

            let after = try await app.testing().sendRequest(.GET, "/api/v1/help?country=KE").body.string
            #expect(after.contains("tel:116000"))
            #expect(try await People.audit(app, action: "directory.helpline.edited").contains { $0.recordID == "ke-child-helpline-116" })
            let history = try await browser.get("/en/admin/directory/ke-child-helpline-116/history")
            #expect(history.body.string.contains("data-version=\"2\""))
            #expect(history.body.string.contains("data-version=\"1\""))
            #expect(history.body.string.contains("116 000"))
        }
    }

    @Test func aBadFieldIsShownBesideItAndNothingChanges() async throws {
        try await withCove { app, _ in
            let officer = try await People.person(.secretariat, on: app)
            let browser = Browser(app)
            try await browser.signIn(officer.email, People.password)
            let refused = try await edit(browser, "ke-child-helpline-116", changing: ["opening_hours": "Mon-Fri 9-5"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("data-error=\"opening_hours\""))
            let stored = try #require(try await app.helplineDirectory.helpline(slug: "ke-child-helpline-116"))
            #expect(stored.version == 1)
        }
    }

    @Test func aStaleFormIsRefusedRatherThanOverwritingAnotherEdit() async throws {
        try await withCove { app, _ in
            let officer = try await People.person(.secretariat, on: app)
            let browser = Browser(app)
            try await browser.signIn(officer.email, People.password)
            let form = try await browser.get("/en/admin/directory/ke-child-helpline-116")
            _ = try await edit(browser, "ke-child-helpline-116", changing: ["name": "First edit"])
            var fields = formFields(form.body.string).map { ($0.0, $0.0 == "name" ? "Second edit" : $0.1) }
            fields.append(("version", "1"))
            let late = try await browser.post("/en/admin/directory/ke-child-helpline-116", fields)
            #expect(late.status == .conflict)
            #expect(late.body.string.contains("data-error=\"form\""))
            #expect(late.body.string.contains("Second edit"))
            #expect(try await app.helplineDirectory.helpline(slug: "ke-child-helpline-116")?.name == "First edit")
        }
    }

    @Test func aRegionalOfficerEditsTheirRegionOnly() async throws {
        try await withCove { app, _ in
            // People.organisation gives regional offices the Africa region.
            let officer = try await People.person(.regionalOfficer, on: app)
            let browser = Browser(app)
            try await browser.signIn(officer.email, People.password)
            let list = try await browser.get("/en/admin/directory").body.string
            #expect(list.contains("data-slug=\"ke-child-helpline-116\""))
            #expect(!list.contains("data-slug=\"de-nummer-gegen-kummer\""))
            #expect(try await browser.get("/en/admin/directory/de-nummer-gegen-kummer").status == .forbidden)
            let moved = try await edit(browser, "ke-child-helpline-116", changing: ["country": "DE"])
            #expect(moved.status == .unprocessableEntity)
            #expect(moved.body.string.contains("data-error=\"country\""))
        }
    }

    @Test func aHelplineAdministratorEditsOnlyTheirOwnHelpline() async throws {
        try await withCove { app, _ in
            let admin = try await People.person(.helplineAdministrator, on: app)
            let line = try #require(try await app.helplineDirectory.helpline(slug: "ke-child-helpline-116"))
            line.$organisation.id = admin.$organisation.id
            try await line.save(on: app.db)
            let browser = Browser(app)
            try await browser.signIn(admin.email, People.password)
            let list = try await browser.get("/en/admin/directory").body.string
            #expect(list.contains("data-slug=\"ke-child-helpline-116\""))
            #expect(!list.contains("data-slug=\"ug-"))
            #expect(try await browser.get("/en/admin/directory/ug-child-helpline-116").status == .forbidden)
            #expect(try await edit(browser, "ke-child-helpline-116", changing: ["status": "temporarily-closed"]).status == .seeOther)
            #expect(try await app.helplineDirectory.helpline(slug: "ke-child-helpline-116")?.status == .temporarilyClosed)
        }
    }

    @Test func aNewHelplineByAHelplineAdministratorBelongsToTheirOrganisation() async throws {
        try await withCove { app, _ in
            let admin = try await People.person(.helplineAdministrator, on: app)
            let browser = Browser(app)
            try await browser.signIn(admin.email, People.password)
            _ = try await browser.get("/en/admin/directory/new")
            let created = try await browser.post("/en/admin/directory/new", [
                ("id", "ke-test-line"), ("country", "KE"), ("name", "Test line"), ("time_zone", "Africa/Nairobi"),
                ("opening_hours", "Mo-Fr 08:00-17:00"), ("voice", "0800 000 000")])
            #expect(created.status == .seeOther)
            let stored = try #require(try await app.helplineDirectory.helpline(slug: "ke-test-line"))
            #expect(stored.$organisation.id == admin.$organisation.id)
            #expect(try await People.audit(app, action: "directory.helpline.created").count == 1)
        }
    }

    @Test func nobodyMovesAHelplineOutOfTheirReach() async throws {
        try await withCove { app, _ in
            let officer = try await People.person(.regionalOfficer, on: app)
            let officerBrowser = Browser(app)
            try await officerBrowser.signIn(officer.email, People.password)
            let widened = try await edit(officerBrowser, "ke-child-helpline-116", changing: ["country": "KE;DE"])
            #expect(widened.status == .unprocessableEntity)

            let admin = try await People.person(.helplineAdministrator, on: app)
            let line = try #require(try await app.helplineDirectory.helpline(slug: "ke-child-helpline-116"))
            line.$organisation.id = admin.$organisation.id
            try await line.save(on: app.db)
            let adminBrowser = Browser(app)
            try await adminBrowser.signIn(admin.email, People.password)
            // The administrator's organisation is in Kenya; Uganda is not theirs to publish in.
            let moved = try await edit(adminBrowser, "ke-child-helpline-116", changing: ["country": "UG"])
            #expect(moved.status == .unprocessableEntity)
            #expect(try await app.helplineDirectory.helpline(slug: "ke-child-helpline-116")?.countries == ["KE"])
        }
    }

    @Test func theSecretariatLinksAHelplineToTheOrganisationThatRunsIt() async throws {
        try await withCove { app, _ in
            let admin = try await People.person(.helplineAdministrator, on: app)
            let adminBrowser = Browser(app)
            try await adminBrowser.signIn(admin.email, People.password)
            #expect(try await adminBrowser.get("/en/admin/directory/ke-child-helpline-116").status == .forbidden)

            let secretariat = try await People.person(.secretariat, on: app)
            let browser = Browser(app)
            try await browser.signIn(secretariat.email, People.password)
            let form = try await browser.get("/en/admin/directory/ke-child-helpline-116").body.string
            #expect(form.contains("name=\"organisation\""))
            var fields = formFields(form)
            fields.append(("version", try #require(Browser.hiddenValue(named: "version", in: form))))
            fields.append(("organisation", try admin.$organisation.id.uuidString))
            #expect(try await browser.post("/en/admin/directory/ke-child-helpline-116", fields).status == .seeOther)

            #expect(try await People.audit(app, action: "directory.helpline.linked").count == 1)
            #expect(try await adminBrowser.get("/en/admin/directory/ke-child-helpline-116").status == .ok)
        }
    }

    @Test func aNewHelplineCannotTakeAnExistingId() async throws {
        try await withCove { app, _ in
            let officer = try await People.person(.secretariat, on: app)
            let browser = Browser(app)
            try await browser.signIn(officer.email, People.password)
            _ = try await browser.get("/en/admin/directory/new")
            let taken = try await browser.post("/en/admin/directory/new", [
                ("id", "ke-child-helpline-116"), ("country", "KE"), ("name", "Impostor"), ("time_zone", "Africa/Nairobi")])
            #expect(taken.status == .unprocessableEntity)
            #expect(try await app.helplineDirectory.helpline(slug: "ke-child-helpline-116")?.name != "Impostor")
        }
    }

    @Test func theFormWarnsWhenItCannotShowEverythingAHelplineHas() async throws {
        try await withCove { app, _ in
            let twoNumbers = DirectoryRecord(
                id: "ke-two-numbers", name: "Two numbers", countries: ["KE"], timeZone: "Africa/Nairobi",
                contactPoints: [DirectoryContactPoint(channel: .voice, address: "116"),
                                DirectoryContactPoint(channel: .voice, address: "0800 720 000")])
            try await app.helplineDirectory.save(twoNumbers, as: .creating(organisationID: nil), by: .commandLine)
            let officer = try await People.person(.secretariat, on: app)
            let browser = Browser(app)
            try await browser.signIn(officer.email, People.password)
            let lossy = try await browser.get("/en/admin/directory/ke-two-numbers").body.string
            let plain = try await browser.get("/en/admin/directory/ke-child-helpline-116").body.string
            #expect(lossy.contains("data-warning=\"form\""))
            #expect(!plain.contains("data-warning=\"form\""))
        }
    }
}

