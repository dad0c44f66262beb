import CoveCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import CoveServer

@Suite("Cases")
struct CaseTests {
    /// A counsellor holding a chat, signed in, with the chat's draft contact.
    private func heldContact(_ fixture: ContactCentreFixture) async throws -> (Browser, Contact, Person) {
        let counsellor = try await fixture.counsellor()
        let chat = try await fixture.startChat()
        try await fixture.app.routing.accept(chat.conversation, by: try counsellor.requireID())
        let contact = try #require(try await Contact.query(on: fixture.app.db)
            .filter(\.$conversation.$id == chat.conversation).first())
        return (try await signedIn(counsellor, on: fixture.app), contact, counsellor)
    }

    private struct Opened {
        var browser: Browser
        var contact: Contact
        var counsellor: Person
        var caseID: UUID
        var path: String
    }

    /// A counsellor who opened a case from the contact they hold, with the case page open.
    private func openedCase(_ fixture: ContactCentreFixture) async throws -> Opened {
        let (browser, contact, counsellor) = try await heldContact(fixture)
        let contactPath = "/en/console/contacts/\(try contact.requireID())"
        try await browser.get(contactPath)
        let location = try #require(try await browser.post(contactPath + "/case", []).location)
        let caseID = try #require(UUID(uuidString: String(location.dropFirst("/en/cases/".count).prefix(36))))
        let path = "/en/cases/\(caseID)"
        try await browser.get(path)
        return Opened(browser: browser, contact: contact, counsellor: counsellor, caseID: caseID, path: path)
    }

    private func signedIn(_ person: Person, on app: Application) async throws -> Browser {
        let browser = Browser(app)
        try await browser.signIn(person.email, People.password)
        return browser
    }

    private func voiceContact(on helpline: Helpline, heldBy counsellor: Person, app: Application) async throws -> Contact {
        let contact = Contact(helplineID: try helpline.requireID(), conversationID: nil, counsellorID: try counsellor.requireID(),
                              channel: "voice", taxonomyVersion: try Taxonomy.bundled.version, startedAt: app.clock.now())
        try await contact.create(on: app.db)
        return contact
    }

    @Test func aCaseOpenedFromAHeldContactLinksItAndIsAssignedToTheOpener() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let (browser, contact, counsellor) = try await heldContact(fixture)
            let contactID = try contact.requireID()
            let contactPath = "/en/console/contacts/\(contactID)"
            #expect(try await browser.get(contactPath).body.string.contains("action=\"\(contactPath)/case\""))

            let opened = try await browser.post(contactPath + "/case", [])

            let found = try #require(try await HelplineCase.query(on: app.db).first())
            let caseID = try found.requireID()
            #expect(opened.status == .seeOther)
            #expect(opened.location == "/en/cases/\(caseID)?saved=opened")
            #expect((found.$assignee.id, found.$creator.id) == (counsellor.id, counsellor.id))
            #expect(found.status == HelplineCase.Status.open)
            #expect(found.version == 1)
            #expect(found.reference == String(caseID.uuidString.prefix(8)).uppercased())
            #expect(found.$helpline.id == fixture.helpline.id)
            #expect(try await CaseContact.query(on: app.db).all().map(\.$contact.id) == [contactID])
            let audited = try await People.audit(app, action: "case.opened")
            #expect(audited.map(\.recordID) == [caseID.uuidString])
            #expect(audited.first?.actorID == counsellor.id)
            let again = try await browser.post(contactPath + "/case", [])
            #expect(again.location == "/en/cases/\(caseID)", "a second click goes to the same case")
            #expect(try await HelplineCase.query(on: app.db).count() == 1)
            await fixture.stop()
        }
    }

    @Test func theCasePageAndTheListShowTheCaseAndEveryShowingIsAudited() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let opened = try await openedCase(fixture)
            let reference = HelplineCase.reference(for: opened.caseID)
            let contactID = try opened.contact.requireID()

            let page = try await opened.browser.get(opened.path)

            #expect(page.status == .ok)
            #expect(page.body.string.contains(reference))
            #expect(page.body.string.contains("data-contact=\"\(contactID)\""))
            #expect(page.headers.first(name: .cacheControl) == "no-store")
            let reads = try await People.audit(app, action: "case.read").map(\.recordID)
            #expect(reads == [opened.caseID.uuidString, opened.caseID.uuidString], "opening it, then this showing")
            let list = try await opened.browser.get("/en/cases")
            #expect(list.body.string.contains("data-reference=\"\(reference)\""))
            #expect(list.body.string.contains("id=\"nav-cases\""))
            #expect(try await opened.browser.get("/en/cases?status=closed").body.string.contains("id=\"cases-empty\""))
            #expect(try await People.audit(app, action: "case.read").count == 4, "the list is audited too")
            await fixture.stop()
        }
    }

    @Test func aNoteIsSealedAndShownOnTheCasePage() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let opened = try await openedCase(fixture)
            let text = "Referred to the school nurse; aunt agrees"

            let added = try await opened.browser.post(opened.path + "/notes", [("kind", "referral"), ("body", text)])

            #expect(added.location == opened.path + "?saved=note")
            let note = try #require(try await CaseNote.query(on: app.db).first())
            let sql = try #require(app.db as? any SQLDatabase)
            let raw = try await sql.raw("SELECT body FROM case_notes").all()
            let body = try raw[0].decode(column: "body", as: Data.self)
            #expect(body.range(of: Data("school nurse".utf8)) == nil)
            #expect(try app.dataProtection.sealer.open(body, context: CaseNote.sealingContext(try note.requireID())) == text)
            #expect(try await People.audit(app, action: "case.note_added").map(\.detail) == ["kind=referral"])
            let page = try await opened.browser.get(opened.path + "?saved=note")
            #expect(page.body.string.contains(text))
            #expect(page.body.string.contains("data-saved=\"note\""))
            await fixture.stop()
        }
    }

    @Test func aNoteTooLongIsRefusedBesideItsField() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let opened = try await openedCase(fixture)

            let refused = try await opened.browser.post(opened.path + "/notes",
                                                        [("kind", "note"), ("body", String(repeating: "a", count: 4_001))])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("data-field=\"body\""))
            #expect(try await CaseNote.query(on: app.db).count() == 0)
            #expect(try await People.audit(app, action: "case.note_added").isEmpty)
            await fixture.stop()
        }
    }

    @Test func aColleagueCannotSeeTheCaseButTheSupervisorReadsAndReassignsIt() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let opened = try await openedCase(fixture)
            let colleague = try await fixture.counsellor(available: false)
            let colleagueBrowser = try await signedIn(colleague, on: app)
            let supervisorBrowser = try await signedIn(try await fixture.counsellor(available: false, role: .supervisor), on: app)

            #expect(try await colleagueBrowser.get(opened.path).status == .notFound)
            #expect(try await colleagueBrowser.get("/en/cases").body.string.contains("id=\"cases-empty\""))
            #expect(try await supervisorBrowser.get(opened.path).body.string.contains("name=\"assignee\""))
            let assignee = try colleague.requireID().uuidString
            let saved = try await supervisorBrowser.post(opened.path, [("status", "in-progress"), ("follow_up_on", ""),
                                                                       ("assignee", assignee), ("version", "1")])

            #expect(saved.status == .seeOther)
            let found = try #require(try await HelplineCase.find(opened.caseID, on: app.db))
            #expect((found.$assignee.id, found.version) == (colleague.id, 2))
            #expect(found.status == HelplineCase.Status.inProgress)
            let detail = try await People.audit(app, action: "case.updated").map(\.detail)
            #expect(detail == ["status=in-progress changed=status,assignee"], "codes only")
            #expect(try await colleagueBrowser.get(opened.path).status == .ok, "the new assignee sees the case")
            let opener = try await opened.browser.get(opened.path)
            #expect(opener.body.string.contains("id=\"case-read-only\""), "the opener still sees it but no longer changes it")
            #expect(try await opened.browser.post(opened.path, [("status", "closed"), ("version", "2")]).status == .forbidden)
            #expect(try await HelplineCase.find(opened.caseID, on: app.db)?.status == .inProgress)
            await fixture.stop()
        }
    }

    @Test func aCounsellorCannotReassignButChangesTheirOwnCase() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let opened = try await openedCase(fixture)
            let colleague = try await fixture.counsellor(available: false)
            let own = try await opened.browser.get(opened.path)
            #expect(!own.body.string.contains("name=\"assignee\""), "a counsellor is not offered the choice")

            let refused = try await opened.browser.post(opened.path, [("status", "open"), ("version", "1"),
                                                                      ("assignee", try colleague.requireID().uuidString)])

            #expect(refused.status == .forbidden)
            let unchanged = try #require(try await HelplineCase.find(opened.caseID, on: app.db))
            #expect((unchanged.$assignee.id, unchanged.version) == (opened.counsellor.id, 1))
            #expect(try await People.audit(app, action: "case.updated").isEmpty)
            let allowed = try await opened.browser.post(opened.path, [("status", "in-progress"), ("follow_up_on", "2026-09-30"),
                                                                      ("version", "1")])
            #expect(allowed.status == .seeOther)
            let changed = try #require(try await HelplineCase.find(opened.caseID, on: app.db))
            #expect((changed.followUpOn, changed.$assignee.id) == ("2026-09-30", opened.counsellor.id))
            #expect(changed.status == HelplineCase.Status.inProgress)
            await fixture.stop()
        }
    }

    @Test func aChangeMadeOnAStalePageIsRefusedAndChangesNothing() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let opened = try await openedCase(fixture)
            let supervisorBrowser = try await signedIn(try await fixture.counsellor(available: false, role: .supervisor), on: app)
            try await supervisorBrowser.get(opened.path)
            let first = try await supervisorBrowser.post(opened.path, [("status", "in-progress"), ("follow_up_on", "2026-10-01"),
                                                                       ("assignee", try opened.counsellor.requireID().uuidString),
                                                                       ("version", "1")])
            #expect(first.status == .seeOther)

            let stale = try await opened.browser.post(opened.path, [("status", "closed"), ("follow_up_on", ""), ("version", "1")])

            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("data-error=\"case-conflict\""))
            #expect(stale.body.string.contains("name=\"version\" value=\"2\""), "the page offers the case as it now stands")
            let found = try #require(try await HelplineCase.find(opened.caseID, on: app.db))
            #expect((found.followUpOn, found.version) == ("2026-10-01", 2))
            #expect(found.status == HelplineCase.Status.inProgress)
            #expect(try await People.audit(app, action: "case.updated").count == 1)
            await fixture.stop()
        }
    }

    @Test func aFollowUpThatIsNoRealDayIsRefusedBesideItsField() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let opened = try await openedCase(fixture)

            let refused = try await opened.browser.post(opened.path, [("status", "open"), ("follow_up_on", "2026-02-30"),
                                                                      ("version", "1")])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("data-field=\"follow_up_on\""))
            #expect(refused.body.string.contains("Give a real date as YYYY-MM-DD."))
            #expect(!refused.body.string.contains("data-field=\"status\""))
            #expect(refused.body.string.contains("value=\"2026-02-30\""), "what was typed is shown back")
            let early = try await opened.browser.post(opened.path, [("status", "open"), ("follow_up_on", "2026-09-01"),
                                                                    ("version", "1")])
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("The follow-up cannot be before the case was opened (2026-09-21)."))
            let found = try #require(try await HelplineCase.find(opened.caseID, on: app.db))
            #expect(found.followUpOn == nil)
            #expect(found.version == 1)
            #expect(try await People.audit(app, action: "case.updated").isEmpty)
            await fixture.stop()
        }
    }

    @Test func aContactOfAnotherHelplineOrNoneThePersonMayOpenIsNotLinked() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let opened = try await openedCase(fixture)
            let otherLine = try #require(try await Helpline.query(on: app.db)
                .filter(\.$slug != ContactCentreFixture.slug).first())
            otherLine.$organisation.id = try fixture.organisation.requireID()
            try await otherLine.save(on: app.db)
            let elsewhere = try await voiceContact(on: otherLine, heldBy: opened.counsellor, app: app)

            let elsewhereID = try elsewhere.requireID().uuidString
            let refused = try await opened.browser.post(opened.path + "/contacts", [("contact", elsewhereID)])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("data-field=\"contact\""))
            #expect(refused.body.string.contains("This contact belongs to another helpline"))
            let unknown = try await opened.browser.post(opened.path + "/contacts", [("contact", UUID().uuidString)])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("No contact you can open has this id."))
            #expect(try await CaseContact.query(on: app.db).count() == 1)
            #expect(try await People.audit(app, action: "case.contact_linked").isEmpty)
            await fixture.stop()
        }
    }

    @Test func aLaterContactOfTheSameHelplineIsLinkedOnce() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let opened = try await openedCase(fixture)
            let later = try await voiceContact(on: fixture.helpline, heldBy: opened.counsellor, app: app)
            let laterID = try later.requireID()

            let linked = try await opened.browser.post(opened.path + "/contacts",
                                                       [("contact", "http://localhost/en/console/contacts/\(laterID)")])

            #expect(linked.location == opened.path + "?saved=contact", "the contact form's whole address is accepted")
            #expect(try await CaseContact.query(on: app.db).count() == 2)
            #expect(try await People.audit(app, action: "case.contact_linked").map(\.detail) == ["contact=\(laterID.uuidString)"])
            let twice = try await opened.browser.post(opened.path + "/contacts", [("contact", laterID.uuidString)])
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.body.string.contains("This contact is already in this case."))
            #expect(try await CaseContact.query(on: app.db).count() == 2)
            await fixture.stop()
        }
    }
}
