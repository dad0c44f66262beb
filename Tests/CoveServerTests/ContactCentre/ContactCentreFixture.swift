import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import CoveServer

/// A helpline that takes Cove chats (the seeded Kenyan line), run by an organisation whose
/// counsellors the tests create.
struct ContactCentreFixture {
    let app: Application
    let helpline: Helpline
    let organisation: Organisation
    let port: Int

    static let slug = "ke-child-helpline-116"

    static func make(_ app: Application, settings: (ContactCentreSettings) -> Void = { _ in }) async throws -> ContactCentreFixture {
        let organisation = try await People.organisation(.helpline, on: app)
        let helpline = try #require(try await Helpline.query(on: app.db).filter(\.$slug == slug).first())
        helpline.$organisation.id = try organisation.requireID()
        try await helpline.save(on: app.db)
        let chat = ContactCentreSettings(helplineID: try helpline.requireID())
        settings(chat)
        try await chat.create(on: app.db)
        let port = try await freeLoopbackPort()
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        return ContactCentreFixture(app: app, helpline: helpline, organisation: organisation, port: port)
    }

    func counsellor(available: Bool = true, role: Role = .counsellor) async throws -> Person {
        let person = try await People.person(role, on: app, in: organisation)
        try await app.routing.setStatus(available ? .available : .away, for: try person.requireID())
        return person
    }

    struct StartBody: Content {
        var helpline: String
        var language: String
        var consent: Bool
    }

    struct Chat {
        var conversation: UUID
        var token: String
    }

    func startChat(language: String = "en") async throws -> Chat {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/chats", beforeRequest: { request in
            try request.content.encode(StartBody(helpline: Self.slug, language: language, consent: true), as: .json)
        })
        struct Started: Decodable { var conversation: UUID; var token: String }
        let started = try response.content.decode(Started.self)
        return Chat(conversation: started.conversation, token: started.token)
    }

    func childSocket(_ chat: Chat, after: Int = 0) async throws -> TestSocket {
        let socket = try await TestSocket.connect("ws://127.0.0.1:\(port)/api/v1/chats/\(chat.conversation)/socket")
        try await socket.send(["type": "hello", "token": chat.token, "after": after])
        _ = try await socket.next("welcome")
        return socket
    }

    func stop() async {
        await app.server.shutdown()
    }
}

extension ContactCentreFixture {
    /// Takes a chat, fills in its contact form with `fields` as a counsellor does, and ends it.
    func finalise(_ fields: [(String, String)], browser: Browser, counsellor: Person) async throws {
        let chat = try await startChat()
        try await app.routing.accept(chat.conversation, by: try counsellor.requireID())
        let contact = try #require(try await Contact.query(on: app.db).filter(\.$conversation.$id == chat.conversation).first())
        let path = "/en/console/contacts/\(try contact.requireID())"
        try await browser.get(path)
        let response = try await browser.post(path, fields)
        #expect(response.status == .seeOther)
        try await app.routing.finish(chat.conversation, by: try counsellor.requireID())
    }
}
