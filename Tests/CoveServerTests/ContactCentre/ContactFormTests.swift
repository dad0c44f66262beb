import CoveCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import CoveServer

@Suite("Contact form")
struct ContactFormTests {
    /// A counsellor holding a chat, signed in, with the chat's draft contact.
    private func heldContact(_ fixture: ContactCentreFixture) async throws -> (Browser, Contact, Person) {
        let counsellor = try await fixture.counsellor()
        let chat = try await fixture.startChat()
        try await fixture.app.routing.accept(chat.conversation, by: try counsellor.requireID())
        let contact = try #require(try await Contact.query(on: fixture.app.db).filter(\.$conversation.$id == chat.conversation).first())
        let browser = Browser(fixture.app)
        try await browser.signIn(counsellor.email, People.password)
        return (browser, contact, counsellor)
    }

    private let complete: [(String, String)] = [
        ("contact_type", "child-self"), ("class_0", "online-harm/cyberbullying"), ("class_1", "mental-health/anxiety"),
        ("online_1", "1"), ("age", "14"), ("gender", "girl"), ("summary", "Classmates share photos to mock her."),
        ("actions[]", "counselled"), ("referral_text", "School counsellor"), ("intent", "finalise"),
    ]

    @Test func aCompleteFormIsFinalisedWithTheNarrativeSealedAndReadsAudited() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let (browser, contact, _) = try await heldContact(fixture)
            let path = "/en/console/contacts/\(try contact.requireID())"
            try await browser.get(path)

            let response = try await browser.post(path, complete)

            #expect(response.status == .seeOther)
            let saved = try #require(try await Contact.find(contact.id, on: app.db))
            #expect(saved.status == .final)
            #expect(saved.finalisedAt != nil)
            let form = try ContactCodec(sealer: app.dataProtection.sealer).form(of: saved)
            #expect(form.classifications.map(\.online) == [true, true], "online harm is always online")
            #expect(form.summary == "Classmates share photos to mock her.")
            let sql = try #require(app.db as? any SQLDatabase)
            let raw = try await sql.raw("SELECT classification, narrative FROM contacts").all()
            let classification = try raw[0].decode(column: "classification", as: String.self)
            #expect(!classification.contains("Classmates") && classification.contains("cyberbullying"))
            let narrative = try raw[0].decode(column: "narrative", as: Data.self)
            #expect(narrative.range(of: Data("Classmates".utf8)) == nil)
            #expect(try await People.audit(app, action: "contact.read").count == 1)
            #expect(try await People.audit(app, action: "contact.finalised").count == 1)
            await fixture.stop()
        }
    }

    @Test func anIncompleteFormIsRefusedBesideItsFieldsAndStaysADraft() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let (browser, contact, _) = try await heldContact(fixture)
            let path = "/en/console/contacts/\(try contact.requireID())"
            try await browser.get(path)

            let response = try await browser.post(path, [("contact_type", "child-self"), ("age", "200"), ("intent", "finalise")])

            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("data-field=\"classifications\""))
            #expect(response.body.string.contains("data-field=\"childAge\""))
            #expect(try await Contact.find(contact.id, on: app.db)?.status == .draft)
            await fixture.stop()
        }
    }

    @Test func aDraftKeepsWhatWasTypedEvenWithGaps() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let (browser, contact, _) = try await heldContact(fixture)
            let path = "/en/console/contacts/\(try contact.requireID())"
            try await browser.get(path)

            _ = try await browser.post(path, [("summary", "Call back on Friday."), ("intent", "draft")])
            let page = try await browser.get(path)

            #expect(page.body.string.contains("Call back on Friday."))
            #expect(try await Contact.find(contact.id, on: app.db)?.status == .draft)
            await fixture.stop()
        }
    }

    @Test func anotherCounsellorCannotOpenTheContactButTheirSupervisorCan() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let (_, contact, _) = try await heldContact(fixture)
            let colleague = try await fixture.counsellor(available: false)
            let supervisor = try await fixture.counsellor(available: false, role: .supervisor)
            let path = "/en/console/contacts/\(try contact.requireID())"
            let colleagueBrowser = Browser(app)
            try await colleagueBrowser.signIn(colleague.email, People.password)
            let supervisorBrowser = Browser(app)
            try await supervisorBrowser.signIn(supervisor.email, People.password)

            #expect(try await colleagueBrowser.get(path).status == .notFound)
            #expect(try await supervisorBrowser.get(path).status == .ok)
            await fixture.stop()
        }
    }

    @Test func aPhoneCallIsRecordedWithTheSameForm() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await fixture.counsellor()
            let browser = Browser(app)
            try await browser.signIn(counsellor.email, People.password)
            try await browser.get("/en/console")

            let created = try await browser.post("/en/console/contacts", [("channel", "voice")])

            let location = try #require(created.location)
            #expect(location.hasPrefix("/en/console/contacts/"))
            let contact = try #require(try await Contact.query(on: app.db).first())
            #expect(contact.channel == "voice")
            #expect(contact.$conversation.id == nil)
            await fixture.stop()
        }
    }

    @Test func finalisingCountsTheContactInItsCellsAndADraftDoesNot() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let (browser, contact, _) = try await heldContact(fixture)
            let path = "/en/console/contacts/\(try contact.requireID())"
            try await browser.get(path)

            _ = try await browser.post(path, complete.map { $0.0 == "intent" ? ("intent", "draft") : $0 })
            let afterDraft = try await ContactRollupCell.query(on: app.db).count()
            _ = try await browser.post(path, complete)

            #expect(afterDraft == 0)
            let cells = try await ContactRollupCell.query(on: app.db).all()
            #expect(Set(cells.map(\.category)) == ["all", "online-harm", "mental-health"])
            #expect(cells.allSatisfy { $0.contacts == 1 && $0.country == "KE" && $0.ageBand == "13-15" && $0.channel == "web-chat" })
            #expect(cells.first { $0.category == "all" }?.online == true)
            await fixture.stop()
        }
    }
}
