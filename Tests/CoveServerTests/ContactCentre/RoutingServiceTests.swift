import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import CoveServer

@Suite("Routing service")
struct RoutingServiceTests {
    @Test func aWaitingChatIsOfferedAcceptedAndTheCounsellorsReplyReachesTheChild() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await fixture.counsellor()
            let counsellorID = try counsellor.requireID()
            let chat = try await fixture.startChat()
            let child = try await fixture.childSocket(chat)

            let offer = try #require(try await RoutingOffer.query(on: app.db).first())
            #expect(offer.$counsellor.id == counsellorID)
            try await app.routing.accept(chat.conversation, by: counsellorID)
            _ = try await child.next("state") { $0["state"] as? String == "active" }
            let store = ConversationStore(db: app.db, protection: app.dataProtection, now: clock.now)
            _ = try await store.append(to: chat.conversation, from: .counsellor, author: counsellorID, clientID: "k1",
                                       text: "Hello, I am here to listen.")
            await app.chatHub.publish(.conversation(chat.conversation))
            let reply = try await child.next("message") { $0["from"] as? String == "counsellor" }

            #expect(reply["text"] as? String == "Hello, I am here to listen.")
            let contact = try #require(try await Contact.query(on: app.db).filter(\.$conversation.$id == chat.conversation).first())
            #expect(contact.status == .draft)
            #expect(contact.$counsellor.id == counsellorID)
            #expect(try await People.audit(app, action: "contact.conversation.accepted").count == 1)
            await child.close()
            await fixture.stop()
        }
    }

    @Test func anUnansweredOfferMovesOnToTheNextCounsellor() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let first = try await fixture.counsellor()
            clock.advance(by: 10)
            let second = try await fixture.counsellor()
            let chat = try await fixture.startChat()
            let offered = try #require(try await RoutingOffer.query(on: app.db).first())
            #expect(offered.$counsellor.id == first.id, "the longest idle is offered first")

            clock.advance(by: RoutingService.offerTimeout + 1)
            await app.routing.route()

            let next = try #require(try await RoutingOffer.query(on: app.db).first())
            #expect(next.$counsellor.id == second.id)
            await #expect(throws: RoutingError.self) { try await app.routing.accept(chat.conversation, by: try first.requireID()) }
            await fixture.stop()
        }
    }

    @Test func goingAwayWithdrawsOffersAndAnAwayCounsellorGetsNone() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await fixture.counsellor()
            let backup = try await fixture.counsellor(available: false)
            _ = try await fixture.startChat()
            #expect(try await RoutingOffer.query(on: app.db).count() == 1)

            try await app.routing.setStatus(.away, for: try counsellor.requireID())

            #expect(try await RoutingOffer.query(on: app.db).count() == 0)
            try await app.routing.setStatus(.available, for: try backup.requireID())
            let offer = try #require(try await RoutingOffer.query(on: app.db).first())
            #expect(offer.$counsellor.id == backup.id)
            await fixture.stop()
        }
    }

    @Test func aDangerPhraseRaisesPriorityAndTheAuditKeepsOnlyTheRule() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            let chat = try await fixture.startChat()
            let socket = try await fixture.childSocket(chat)

            try await socket.send(["type": "send", "clientId": "c1", "text": "I want to kill myself tonight"])
            _ = try await socket.next("ack")

            // The rules run just after the acknowledgement, off the child's path.
            var conversation = try #require(try await Conversation.find(chat.conversation, on: app.db))
            for _ in 0..<200 where conversation.alertCode == nil {
                try await Task.sleep(for: .milliseconds(25))
                conversation = try #require(try await Conversation.find(chat.conversation, on: app.db))
            }
            #expect(conversation.priority == ConversationPriority.urgent.rawValue || conversation.priority == ConversationPriority.high.rawValue)
            #expect(conversation.alertCode == DefaultPriorityRules.suicideCode)
            let events = try await People.audit(app, action: "contact.priority.raised")
            #expect(events.count == 1)
            #expect(events.allSatisfy { !($0.detail ?? "").contains("kill") })
            await socket.close()
            await fixture.stop()
        }
    }

    @Test func aTransferNeedsAColleagueOfTheSameHelplineWithRoom() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await fixture.counsellor()
            let colleague = try await fixture.counsellor(available: false)
            let outsider = try await People.person(.counsellor, on: app)
            try await app.routing.setStatus(.available, for: try outsider.requireID())
            let chat = try await fixture.startChat()
            try await app.routing.accept(chat.conversation, by: try counsellor.requireID())

            await #expect(throws: RoutingError.doesNotServeHelpline(counsellor: try outsider.requireID(), helpline: try fixture.helpline.requireID())) {
                try await app.routing.transfer(chat.conversation, from: try counsellor.requireID(), to: try outsider.requireID())
            }
            await #expect(throws: RoutingError.notAvailable(try colleague.requireID())) {
                try await app.routing.transfer(chat.conversation, from: try counsellor.requireID(), to: try colleague.requireID())
            }
            try await app.routing.setStatus(.available, for: try colleague.requireID())
            try await app.routing.transfer(chat.conversation, from: try counsellor.requireID(), to: try colleague.requireID())

            let conversation = try #require(try await Conversation.find(chat.conversation, on: app.db))
            #expect(conversation.$counsellor.id == colleague.id)
            let contact = try #require(try await Contact.query(on: app.db).filter(\.$conversation.$id == chat.conversation).first())
            #expect(contact.$counsellor.id == colleague.id, "the draft contact goes with the conversation")
            await fixture.stop()
        }
    }

    @Test func theConsoleShowsEarlierContactsFromTheSameNumberAndTheColleaguesToHandTo() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let fixture = try await ContactCentreFixture.make(app) { $0.cannedResponses = #"{"sw": ["Habari, niko hapa kukusikiliza."]}"# }
            let counsellor = try await fixture.counsellor()
            let colleague = try await fixture.counsellor(available: false)
            let hash = app.dataProtection.identifiers.hash("+254700000009", channel: "sms")
            let before = Conversation(helplineID: try fixture.helpline.requireID(), channel: "sms", language: "sw", at: clock.now)
            before.identifierHash = hash
            before.state = .ended
            try await before.create(on: app.db)
            clock.advance(by: 86_400)
            let now = Conversation(helplineID: try fixture.helpline.requireID(), channel: "sms", language: "sw", at: clock.now)
            now.identifierHash = hash
            now.state = .active
            now.$counsellor.id = try counsellor.requireID()
            try await now.create(on: app.db)

            let board = try await app.routing.consoleView(for: try counsellor.requireID()).board

            let held = try #require(board.held.first)
            #expect(held.earlier.map(\.startedAt) == [before.startedAt])
            #expect(held.canned == ["Habari, niko hapa kukusikiliza."])
            #expect(board.colleagues.map(\.id) == [colleague.id])
            await fixture.stop()
        }
    }
}
