import CoveCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Child chat")
struct ChildChatTests {
    @Test func aChatIsRefusedWithAlternativesWhenNobodyIsOnDuty() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/chats", beforeRequest: { request in
                try request.content.encode(ContactCentreFixture.StartBody(helpline: ContactCentreFixture.slug,
                                                                          language: "en", consent: true), as: .json)
            })
            #expect(response.status == .conflict)
            let body = try response.content.decode(ChildChatRoutes.Refused.self)
            #expect(body.error == "closed")
            #expect(body.help == "/en/help/KE")
            #expect(body.emergencyNumbers.contains("999"))
            #expect(try await Conversation.query(on: app.db).count() == 0)
            await fixture.stop()
        }
    }

    @Test func aChatNeedsConsentAndNamesTheField() async throws {
        try await withCove { app, _ in
            let response = try await app.testing().sendRequest(.POST, "/api/v1/chats", beforeRequest: { request in
                try request.content.encode(["helpline": ContactCentreFixture.slug], as: .json)
            })
            #expect(response.status == .badRequest)
            let problem = try response.content.decode(HelpAPIRoutes.ParameterError.self)
            #expect(problem.parameter == "consent")
        }
    }

    @Test func aMessageIsAcknowledgedOnlyOnceStoredAndIsSealedAtRest() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            let chat = try await fixture.startChat()
            let socket = try await fixture.childSocket(chat)
            let secret = "my secret words \(UUID().uuidString)"

            try await socket.send(["type": "send", "clientId": "c1", "text": secret])
            let ack = try await socket.next("ack")

            #expect(ack["seq"] as? Int == 1)
            let sql = try #require(app.db as? any SQLDatabase)
            let rows = try await sql.raw("SELECT body FROM chat_messages").all()
            #expect(rows.count == 1)
            let stored = try rows[0].decode(column: "body", as: Data.self)
            #expect(stored.range(of: Data(secret.utf8)) == nil)
            #expect(stored.range(of: Data("secret".utf8)) == nil)
            let lines = try await ConversationStore(db: app.db, protection: app.dataProtection, now: Date())
                .lines(of: chat.conversation, after: 0)
            #expect(lines.map(\.text) == [secret])
            await socket.close()
            await fixture.stop()
        }
    }

    @Test func aResendAfterReconnectIsStoredOnceAndMissedMessagesAreReplayed() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            let chat = try await fixture.startChat()
            let first = try await fixture.childSocket(chat)
            try await first.send(["type": "send", "clientId": "c1", "text": "hello"])
            _ = try await first.next("ack")
            await first.close()

            let second = try await fixture.childSocket(chat, after: 0)
            try await second.send(["type": "send", "clientId": "c1", "text": "hello"])
            let ack = try await second.next("ack")
            try await second.send(["type": "send", "clientId": "c2", "text": "are you there"])
            let nextAck = try await second.next("ack")
            let replayed = try await second.next("message") { $0["seq"] as? Int == 1 }

            #expect(ack["seq"] as? Int == 1, "the resend is the same message")
            #expect(nextAck["seq"] as? Int == 2)
            #expect(replayed["text"] as? String == "hello")
            #expect(try await ChatMessage.query(on: app.db).count() == 2)
            await second.close()
            await fixture.stop()
        }
    }

    @Test func theWrongSecretIsRefused() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            let chat = try await fixture.startChat()
            let socket = try await TestSocket.connect("ws://127.0.0.1:\(fixture.port)/api/v1/chats/\(chat.conversation)/socket")

            try await socket.send(["type": "hello", "token": "not-the-token", "after": 0])
            let problem = try await socket.next("error")

            #expect(problem["code"] as? String == "unknown-chat")
            #expect(socket.taken("message").isEmpty)
            await socket.close()
            await fixture.stop()
        }
    }

    @Test func endingWithDeletionRemovesTheTranscript() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            let chat = try await fixture.startChat()
            let socket = try await fixture.childSocket(chat)
            try await socket.send(["type": "send", "clientId": "c1", "text": "please forget this"])
            _ = try await socket.next("ack")

            try await socket.send(["type": "end", "delete": true])
            _ = try await socket.next("state") { $0["state"] as? String == "ended" }

            #expect(try await ChatMessage.query(on: app.db).count() == 0)
            let conversation = try #require(try await Conversation.find(chat.conversation, on: app.db))
            #expect(conversation.deletionRequested)
            #expect(conversation.transcriptDeletedAt != nil)
            await socket.close()
            await fixture.stop()
        }
    }
}
