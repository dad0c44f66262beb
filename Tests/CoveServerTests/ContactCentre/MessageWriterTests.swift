import Fluent
import Foundation
import Testing
import Vapor
@testable import CoveServer

@Suite("Message writer")
struct MessageWriterTests {
    @Test func messagesWrittenTogetherEachGetTheNextNumberOfTheirOwnChat() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            let chats = [try await fixture.startChat(), try await fixture.startChat()]
            let store = app.routing.store

            let stored = try await withThrowingTaskGroup(of: (UUID, ConversationStore.Stored).self) { group in
                for index in 0..<40 {
                    let chat = chats[index % 2].conversation
                    group.addTask { (chat, try await store.append(to: chat, from: .child, clientID: "m\(index)", text: "hello \(index)")) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            for chat in chats {
                let numbers = stored.filter { $0.0 == chat.conversation }.map(\.1.sequence).sorted()
                #expect(numbers == Array(1...20))
                let lines = try await store.lines(of: chat.conversation, after: 0)
                #expect(lines.map(\.sequence) == Array(1...20))
            }
            let allNew = stored.allSatisfy { $0.1.isNew }
            #expect(allNew)
            await fixture.stop()
        }
    }

    @Test func anEndedChatRefusesItsMessageWithoutFailingTheOthersInTheBatch() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            let open = try await fixture.startChat()
            let ended = try await fixture.startChat()
            try await Conversation.query(on: app.db).filter(\.$id == ended.conversation).set(\.$state, to: .ended).update()
            let store = app.routing.store

            async let kept = store.append(to: open.conversation, from: .child, clientID: "a", text: "still here")
            async let refused: ConversationStore.Stored? = try? store.append(to: ended.conversation, from: .child,
                                                                                clientID: "b", text: "too late")
            let (written, late) = (try await kept, await refused)

            #expect(written.isNew && written.sequence == 1)
            #expect(late == nil)
            #expect(try await ChatMessage.query(on: app.db).filter(\.$conversation.$id == ended.conversation).count() == 0)
            await fixture.stop()
        }
    }

    @Test func aResendIsStoredOnceAndAnsweredWithTheFirstNumber() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            let chat = try await fixture.startChat()
            let store = app.routing.store

            async let first = store.append(to: chat.conversation, from: .child, clientID: "same", text: "hello")
            async let second = store.append(to: chat.conversation, from: .child, clientID: "same", text: "hello")
            let (one, two) = (try await first, try await second)

            let next = try await store.append(to: chat.conversation, from: .child, clientID: "next", text: "and then")

            #expect(one.sequence == two.sequence)
            #expect([one.isNew, two.isNew].filter { $0 }.count == 1)
            #expect(try await ChatMessage.query(on: app.db).filter(\.$conversation.$id == chat.conversation).count() == 2)
            #expect(next.sequence == one.sequence + 1, "a resend leaves no gap in the numbering")
            await fixture.stop()
        }
    }
}
