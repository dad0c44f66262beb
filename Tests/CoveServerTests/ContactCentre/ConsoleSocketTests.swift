import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import CoveServer

@Suite("Console socket")
struct ConsoleSocketTests {
    private func consoleSocket(_ fixture: ContactCentreFixture, as person: Person, origin: String? = nil) async throws -> TestSocket {
        let browser = Browser(fixture.app)
        try await browser.signIn(person.email, People.password)
        var headers = HTTPHeaders([("Cookie", browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))])
        headers.add(name: .origin, value: origin ?? "http://127.0.0.1:\(fixture.port)")
        return try await TestSocket.connect("ws://127.0.0.1:\(fixture.port)/console/socket", headers: headers)
    }

    @Test func aCounsellorTakesAnOfferAndChatsWithTheChild() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await fixture.counsellor()
            let console = try await consoleSocket(fixture, as: counsellor)
            try await console.send(["type": "hello", "afterByConversation": [String: Int]()])
            let chat = try await fixture.startChat()
            let child = try await fixture.childSocket(chat)

            let offered = try await console.next("board") { (($0["offers"] as? [Any]) ?? []).count == 1 }
            #expect(offered["waiting"] as? Int == 1)
            try await console.send(["type": "accept", "conversation": chat.conversation.uuidString])
            _ = try await console.next("board") { (($0["held"] as? [Any]) ?? []).count == 1 }
            try await child.send(["type": "send", "clientId": "c1", "text": "can you help me"])
            let received = try await console.next("message") { $0["from"] as? String == "child" }
            try await console.send(["type": "send", "conversation": chat.conversation.uuidString, "clientId": "k1",
                                    "text": "Yes. Tell me what happened."])
            let ack = try await console.next("ack")
            let reply = try await child.next("message") { $0["from"] as? String == "counsellor" }

            #expect(received["text"] as? String == "can you help me")
            #expect(ack["seq"] as? Int == 2)
            #expect(reply["text"] as? String == "Yes. Tell me what happened.")
            await console.close()
            await child.close()
            await fixture.stop()
        }
    }

    @Test func aCounsellorCannotWriteIntoAChatTheyDoNotHold() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let holder = try await fixture.counsellor()
            let other = try await fixture.counsellor(available: false)
            let chat = try await fixture.startChat()
            try await app.routing.accept(chat.conversation, by: try holder.requireID())
            let console = try await consoleSocket(fixture, as: other)
            try await console.send(["type": "hello"])

            try await console.send(["type": "send", "conversation": chat.conversation.uuidString, "clientId": "x1", "text": "hi"])
            let problem = try await console.next("error")

            #expect(problem["code"] as? String == "not-assigned")
            #expect(try await ChatMessage.query(on: app.db).count() == 0)
            await console.close()
            await fixture.stop()
        }
    }

    @Test func aSocketOpenedFromAnotherSiteIsRefused() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await fixture.counsellor()

            await #expect(throws: (any Error).self) {
                _ = try await consoleSocket(fixture, as: counsellor, origin: "https://evil.example")
            }
            await fixture.stop()
        }
    }

    @Test func aCounsellorWhoseLastConsoleClosesIsSetAwayAfterTheGrace() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let counsellor = try await fixture.counsellor(available: false)
            let console = try await consoleSocket(fixture, as: counsellor)
            try await console.send(["type": "hello"])
            try await console.send(["type": "status", "status": "available", "capacity": 5])
            _ = try await console.next("board") { $0["status"] as? String == "available" }

            await console.close()
            var presence = try #require(try await CounsellorPresence.query(on: app.db).filter(\.$person.$id == counsellor.requireID()).first())
            for _ in 0..<100 where presence.status == .available {
                try await Task.sleep(for: .milliseconds(100))
                presence = try #require(try await CounsellorPresence.query(on: app.db).filter(\.$person.$id == counsellor.requireID()).first())
            }

            #expect(presence.status == .away)
            #expect(presence.capacity == 5)
            await fixture.stop()
        }
    }
}
