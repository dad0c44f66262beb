import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import CoveServer

@Suite("Transcript retention")
struct TranscriptRetentionTests {
    @Test func transcriptsGoAfterTheRetentionPeriodAndTheClassificationStays() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let fixture = try await ContactCentreFixture.make(app) { $0.retentionDays = 30 }
            let counsellor = try await fixture.counsellor()
            let chat = try await fixture.startChat()
            try await app.routing.accept(chat.conversation, by: try counsellor.requireID())
            _ = try await app.routing.store.append(to: chat.conversation, from: .child, clientID: "c1", text: "it happened again")
            try await app.routing.finish(chat.conversation, by: try counsellor.requireID())
            let retention = TranscriptRetention(db: app.db)

            clock.advance(by: 29 * 86_400)
            let early = try await retention.purge(at: clock.now)
            clock.advance(by: 2 * 86_400)
            let due = try await retention.purge(at: clock.now)

            #expect(early == .init())
            #expect(due == .init(conversations: 1, messages: 1))
            #expect(try await ChatMessage.query(on: app.db).count() == 0)
            #expect(try await Contact.query(on: app.db).filter(\.$conversation.$id == chat.conversation).count() == 1)
            let conversation = try #require(try await Conversation.find(chat.conversation, on: app.db))
            #expect(conversation.transcriptDeletedAt == clock.now)
            #expect(try await People.audit(app, action: "contact_centre.transcripts_deleted").count == 1)
            await fixture.stop()
        }
    }

    @Test func anOpenConversationIsNeverPurged() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let fixture = try await ContactCentreFixture.make(app) { $0.retentionDays = 1 }
            _ = try await fixture.counsellor()
            let chat = try await fixture.startChat()
            _ = try await app.routing.store.append(to: chat.conversation, from: .child, clientID: "c1", text: "still here")

            clock.advance(by: 10 * 86_400)
            let outcome = try await TranscriptRetention(db: app.db).purge(at: clock.now)

            #expect(outcome == .init())
            #expect(try await ChatMessage.query(on: app.db).count() == 1)
            await fixture.stop()
        }
    }

    @Test func aTextersNumberIsForgottenOnceTheConversationEndedAndNothingWaitsToBeSent() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let conversation = Conversation(helplineID: try fixture.helpline.requireID(), channel: "sms", language: "en", at: clock.now)
            conversation.sealedIdentifier = try app.dataProtection.sealer.seal("+254700000001", context: "test")
            conversation.state = .active
            try await conversation.create(on: app.db)
            let reply = try await app.routing.store.append(to: try conversation.requireID(), from: .counsellor, clientID: "k1",
                                                           text: "take care", delivery: .pending)
            conversation.state = .ended
            conversation.endedAt = clock.now
            try await conversation.save(on: app.db)
            let retention = TranscriptRetention(db: app.db)

            let whilePending = try await retention.purge(at: clock.now)
            try await ChatMessage.query(on: app.db).filter(\.$id == reply.messageID).set(\.$delivery, to: .sent).update()
            let afterSending = try await retention.purge(at: clock.now)

            #expect(whilePending.numbersForgotten == 0)
            #expect(afterSending.numbersForgotten == 1)
            #expect(try await Conversation.find(conversation.id, on: app.db)?.sealedIdentifier == nil)
            await fixture.stop()
        }
    }
}
