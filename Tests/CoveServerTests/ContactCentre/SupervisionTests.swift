import CoveCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import CoveServer

@Suite("Supervision")
struct SupervisionTests {
    /// Another helpline organisation with a helpline of its own, to prove nothing of it shows.
    private func otherOrganisation(_ app: Application) async throws -> (Organisation, Helpline) {
        let organisation = try await People.organisation(.helpline, on: app)
        let helpline = try #require(try await Helpline.query(on: app.db).filter(\.$slug != ContactCentreFixture.slug).first())
        helpline.$organisation.id = try organisation.requireID()
        try await helpline.save(on: app.db)
        return (organisation, helpline)
    }

    /// Another organisation with a counsellor on the board and a child waiting.
    private func busyElsewhere(_ app: Application) async throws {
        let (elsewhere, helpline) = try await otherOrganisation(app)
        let stranger = try await named(try await People.person(.counsellor, on: app, in: elsewhere), "Boris Stranger", on: app)
        try await app.routing.setStatus(.away, for: try stranger.requireID())
        try await Conversation(helplineID: try helpline.requireID(), channel: "web-chat", language: "en", at: app.clock.now())
            .create(on: app.db)
    }

    private func named(_ person: Person, _ name: String, on app: Application) async throws -> Person {
        person.name = name
        try await person.save(on: app.db)
        return person
    }

    private func signedIn(_ person: Person, on app: Application) async throws -> Browser {
        let browser = Browser(app)
        try await browser.signIn(person.email, People.password)
        return browser
    }

    /// A counsellor holding one chat with a child's line and a reply in it.
    private func heldChat(_ fixture: ContactCentreFixture) async throws -> (conversation: UUID, counsellor: Person) {
        let counsellor = try await fixture.counsellor()
        let chat = try await fixture.startChat()
        try await fixture.app.routing.accept(chat.conversation, by: try counsellor.requireID())
        let store = fixture.app.routing.store
        _ = try await store.append(to: chat.conversation, from: .child, clientID: "c1", text: "Nobody at school talks to me")
        _ = try await store.append(to: chat.conversation, from: .counsellor, author: counsellor.id, clientID: "k1",
                                   text: "Thank you for telling me about it")
        return (chat.conversation, counsellor)
    }

    private func finalContact(_ fixture: ContactCentreFixture, status: Contact.Status = .final) async throws -> Contact {
        let contact = Contact(helplineID: try fixture.helpline.requireID(), conversationID: nil, counsellorID: nil,
                              channel: "voice", taxonomyVersion: try Taxonomy.bundled.version, startedAt: fixture.app.clock.now())
        contact.status = status
        contact.finalisedAt = status == .final ? fixture.app.clock.now() : nil
        try await contact.create(on: fixture.app.db)
        return contact
    }

    @Test func theFloorShowsOwnQueuesAndLoadsAndNothingOfAnotherOrganisation() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await named(try await fixture.counsellor(), "Amina Wanjiru", on: app)
            let supervisor = try await fixture.counsellor(available: false, role: .supervisor)
            let held = try await fixture.startChat()
            try await app.routing.accept(held.conversation, by: try counsellor.requireID())
            _ = try await fixture.startChat()
            try await busyElsewhere(app)
            let browser = try await signedIn(supervisor, on: app)

            let data = try await browser.get("/en/supervision?format=json")
            let page = try await browser.get("/en/supervision")

            let floor = try data.content.decode(SupervisionFloor.self)
            #expect(floor.queues.map(\.waiting) == [1], "the other organisation's child is not counted")
            let amina = try #require(floor.counsellors.first { $0.name == "Amina Wanjiru" })
            #expect((amina.active, amina.capacity, amina.offered, amina.status) == (1, 3, 1, "available"))
            #expect(!floor.counsellors.contains { $0.name == "Boris Stranger" })
            #expect(floor.conversations.map(\.conversation) == [held.conversation])
            #expect(floor.conversations.first?.counsellor == "Amina Wanjiru")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("data-waiting=\"1\""))
            #expect(page.body.string.contains("Amina Wanjiru") && !page.body.string.contains("Boris Stranger"))
            #expect(page.body.string.contains("/en/supervision/conversations/\(held.conversation)"))
            #expect(page.headers.first(name: .cacheControl) == "no-store")
            await fixture.stop()
        }
    }

    @Test func aCounsellorIsRefusedTheFloor() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let browser = try await signedIn(try await fixture.counsellor(), on: app)

            #expect(try await browser.get("/en/supervision").status == .forbidden)
            #expect(try await browser.get("/en/supervision?format=json").status == .forbidden)
            await fixture.stop()
        }
    }

    @Test func monitoringShowsTheTranscriptAndIsAuditedOnOpen() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let (conversation, _) = try await heldChat(fixture)
            let supervisor = try await fixture.counsellor(available: false, role: .supervisor)
            let browser = try await signedIn(supervisor, on: app)
            let path = "/en/supervision/conversations/\(conversation)"

            let page = try await browser.get(path)
            let poll = try await browser.get(path + "?format=json&after=1")

            #expect(page.status == .ok)
            #expect(page.body.string.contains("Nobody at school talks to me"))
            #expect(page.body.string.contains("Thank you for telling me about it"))
            #expect(!page.body.string.contains("<textarea"), "a supervisor only reads")
            #expect(page.headers.first(name: .cacheControl) == "no-store")
            let transcript = try poll.content.decode(SupervisionTranscript.self)
            #expect(transcript.lines.map(\.sequence) == [2])
            #expect(transcript.lines.map(\.sender) == ["counsellor"])
            let audited = try await People.audit(app, action: "contact.conversation.monitored")
            #expect(audited.map(\.recordID) == [conversation.uuidString], "reads within a minute make one entry")
            #expect(audited.first?.actorID == supervisor.id)
            clock.advance(by: 61)
            _ = try await browser.get(path + "?format=json&after=2")
            #expect(try await People.audit(app, action: "contact.conversation.monitored").count == 2, "a poll is a read too")
            await fixture.stop()
        }
    }

    @Test func anotherOrganisationsSupervisorCannotMonitor() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let (conversation, _) = try await heldChat(fixture)
            let (elsewhere, _) = try await otherOrganisation(app)
            let browser = try await signedIn(try await People.person(.supervisor, on: app, in: elsewhere), on: app)

            #expect(try await browser.get("/en/supervision/conversations/\(conversation)").status == .notFound)
            #expect(try await browser.get("/en/supervision/conversations/\(conversation)?format=json").status == .notFound)
            #expect(try await People.audit(app, action: "contact.conversation.monitored").isEmpty)
            await fixture.stop()
        }
    }

    @Test func aFinalContactIsReviewedWithItsNotesSealed() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let contact = try await finalContact(fixture)
            let supervisor = try await fixture.counsellor(available: false, role: .supervisor)
            let browser = try await signedIn(supervisor, on: app)
            let path = "/en/supervision/contacts/\(try contact.requireID())/review"
            #expect(try await browser.get(path).status == .ok)

            let saved = try await browser.post(path, [("score", "4"), ("notes", "Warm and careful; check the referral"),
                                                      ("follow_up", "1")])

            #expect(saved.status == .seeOther)
            #expect(saved.location == path + "?saved=1")
            let review = try #require(try await ContactReview.query(on: app.db).first())
            #expect((review.score, review.followUp, review.$reviewer.id) == (4, true, supervisor.id))
            let sql = try #require(app.db as? any SQLDatabase)
            let raw = try await sql.raw("SELECT notes FROM contact_reviews").all()
            let notes = try raw[0].decode(column: "notes", as: Data.self)
            #expect(notes.range(of: Data("Warm and careful".utf8)) == nil)
            #expect(try app.dataProtection.sealer.open(notes, context: ContactReview.sealingContext(try review.requireID()))
                == "Warm and careful; check the referral")
            #expect(try await People.audit(app, action: "contact.reviewed").map(\.detail) == ["score=4"])
            let again = try await browser.get(path + "?saved=1")
            #expect(again.body.string.contains("id=\"review-saved\""))
            #expect(again.body.string.contains("Warm and careful; check the referral"))
            await fixture.stop()
        }
    }

    @Test func aDraftContactCannotBeReviewed() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let contact = try await finalContact(fixture, status: .draft)
            let browser = try await signedIn(try await fixture.counsellor(available: false, role: .supervisor), on: app)
            let path = "/en/supervision/contacts/\(try contact.requireID())/review"

            #expect(try await browser.get(path).status == .conflict)
            try await browser.get("/en/supervision")
            #expect(try await browser.post(path, [("score", "3")]).status == .conflict)
            #expect(try await ContactReview.query(on: app.db).count() == 0)
            await fixture.stop()
        }
    }

    @Test func aScoreOutOfRangeIsRefusedBesideItsField() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let contact = try await finalContact(fixture)
            let browser = try await signedIn(try await fixture.counsellor(available: false, role: .supervisor), on: app)
            let path = "/en/supervision/contacts/\(try contact.requireID())/review"
            try await browser.get(path)

            let refused = try await browser.post(path, [("score", "7"), ("notes", "Fine")])

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("data-field=\"score\""))
            #expect(refused.body.string.contains("Choose a score from 1 to 5."))
            #expect(!refused.body.string.contains("data-field=\"notes\""))
            #expect(try await ContactReview.query(on: app.db).count() == 0)
            #expect(try await People.audit(app, action: "contact.reviewed").isEmpty)
            await fixture.stop()
        }
    }
}
