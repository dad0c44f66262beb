import CoveCore
import Fluent
import Foundation
import Testing
import Vapor
@testable import CoveServer

@Suite("Outbound delivery")
struct OutboundDeliveryTests {
    @Test func aReplyLeavesThroughTwilioWithTheAccountsCredentialsAndIsMarkedSent() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            try await FakeProvider.run { fake in
                let fixture = try await ContactCentreFixture.make(app)
                _ = try await fixture.twilioChannel(apiBaseURL: fake.baseURL)
                let messageID = try await Self.pendingReply(in: fixture, channel: .sms, to: WebhookTests.child, at: clock.now)

                await OutboundDelivery(application: app).deliverDue(at: clock.now)

                let request = try #require(fake.requests.first)
                #expect(fake.requests.count == 1)
                #expect(request.path == "/2010-04-01/Accounts/\(WebhookCall.accountSID)/Messages.json")
                let credentials = Data("\(WebhookCall.accountSID):\(WebhookCall.twilioToken)".utf8).base64EncodedString()
                #expect(request.headers.first(name: .authorization) == "Basic \(credentials)")
                #expect(request.headers.contentType == .urlEncodedForm)
                let form = Dictionary(FormFields.parse(Data(request.body.utf8)) ?? [], uniquingKeysWith: { first, _ in first })
                #expect(form == ["To": WebhookTests.child, "From": "+254700000116", "Body": "Hello, I am here to listen."])
                let message = try #require(try await ChatMessage.find(messageID, on: app.db))
                #expect(message.delivery == .sent)
                #expect(message.attempts == 1)
                #expect(message.nextAttemptAt == nil)
                await fixture.stop()
            }
        }
    }

    @Test func aReplyLeavesThroughWhatsAppCloudAsJSONWithTheBearerToken() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            try await FakeProvider.run { fake in
                let fixture = try await ContactCentreFixture.make(app)
                _ = try await fixture.whatsAppChannel(apiBaseURL: fake.baseURL + "/v19.0/")
                let messageID = try await Self.pendingReply(in: fixture, channel: .whatsApp, to: WebhookTests.childDigits, at: clock.now)

                await OutboundDelivery(application: app).deliverDue(at: clock.now)

                let request = try #require(fake.requests.first)
                #expect(request.path == "/v19.0/\(WebhookCall.phoneNumberID)/messages")
                #expect(request.headers.first(name: .authorization) == "Bearer \(WebhookCall.accessToken)")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
                #expect(json["messaging_product"] as? String == "whatsapp")
                #expect(json["to"] as? String == WebhookTests.childDigits)
                #expect(json["type"] as? String == "text")
                #expect((json["text"] as? [String: Any])?["body"] as? String == "Hello, I am here to listen.")
                #expect(try await ChatMessage.find(messageID, on: app.db)?.delivery == .sent)
                await fixture.stop()
            }
        }
    }

    @Test func aFailingProviderIsTriedAgainAfterGrowingWaitsUntilTheReplyGoesOut() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            try await FakeProvider.run(failing: 2) { fake in
                let fixture = try await ContactCentreFixture.make(app)
                _ = try await fixture.twilioChannel(apiBaseURL: fake.baseURL)
                let messageID = try await Self.pendingReply(in: fixture, channel: .sms, to: WebhookTests.child, at: clock.now)
                let delivery = OutboundDelivery(application: app)
                let start = clock.now

                await delivery.deliverDue(at: clock.now)
                let first = try #require(try await ChatMessage.find(messageID, on: app.db))
                #expect(first.delivery == .pending)
                #expect(first.attempts == 1)
                #expect(first.nextAttemptAt == start.addingTimeInterval(5))

                clock.advance(by: 4)
                await delivery.deliverDue(at: clock.now)
                #expect(fake.requests.count == 1, "not due yet")

                clock.advance(by: 1)
                await delivery.deliverDue(at: clock.now)
                let second = try #require(try await ChatMessage.find(messageID, on: app.db))
                #expect(second.attempts == 2)
                #expect(second.nextAttemptAt == start.addingTimeInterval(5 + 30))

                clock.advance(by: 30)
                await delivery.deliverDue(at: clock.now)
                let sent = try #require(try await ChatMessage.find(messageID, on: app.db))
                #expect(sent.delivery == .sent)
                #expect(sent.attempts == 3)
                #expect(fake.requests.count == 3)
                await fixture.stop()
            }
        }
    }

    @Test func afterFiveFailedAttemptsTheReplyIsMarkedFailedAndLeftAlone() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            try await FakeProvider.run(failing: 100) { fake in
                let fixture = try await ContactCentreFixture.make(app)
                _ = try await fixture.twilioChannel(apiBaseURL: fake.baseURL)
                let messageID = try await Self.pendingReply(in: fixture, channel: .sms, to: WebhookTests.child, at: clock.now)
                let delivery = OutboundDelivery(application: app)

                for _ in 0..<(OutboundDelivery.maximumAttempts + 1) {
                    await delivery.deliverDue(at: clock.now)
                    clock.advance(by: 60 * 60)
                }

                let message = try #require(try await ChatMessage.find(messageID, on: app.db))
                #expect(message.delivery == .failed)
                #expect(message.attempts == OutboundDelivery.maximumAttempts)
                #expect(fake.requests.count == OutboundDelivery.maximumAttempts)
                await fixture.stop()
            }
        }
    }

    @Test func webChatRepliesAreNotTouchedAndAJSONChannelOnlyLogs() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            _ = try await fixture.messagingChannel(.json, channel: .sms, address: "+254700000116",
                                                   credentials: .json(sharedSecret: "shared-secret"))
            let chat = try await fixture.startChat()
            let store = ConversationStore(db: app.db, protection: app.dataProtection, now: clock.now)
            let webReply = try await store.append(to: chat.conversation, from: .counsellor, clientID: "w1", text: "hi", delivery: .pending)
            let smsReply = try await Self.pendingReply(in: fixture, channel: .sms, to: WebhookTests.child, at: clock.now)

            await OutboundDelivery(application: app).deliverDue(at: clock.now)

            #expect(try await ChatMessage.find(webReply.messageID, on: app.db)?.delivery == .pending)
            #expect(try await ChatMessage.find(smsReply, on: app.db)?.delivery == .sent)
            await fixture.stop()
        }
    }

    @Test func aReplyWithNoChannelYetWaitsAndOneWhoseNumberIsGoneFails() async throws {
        let clock = TestClock()
        try await withCove(clock: clock) { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.twilioChannel()
            let noChannel = try await Self.pendingReply(in: fixture, channel: .whatsApp, to: WebhookTests.childDigits, at: clock.now)
            let noNumber = try await Self.pendingReply(in: fixture, channel: .sms, to: WebhookTests.child, at: clock.now)
            let orphan = try #require(try await ChatMessage.find(noNumber, on: app.db))
            try await Conversation.query(on: app.db).filter(\.$id == orphan.$conversation.id)
                .set(\.$sealedIdentifier, to: nil).update()
            let recorder = RecordingSender()

            await OutboundDelivery(application: app, sender: recorder).deliverDue(at: clock.now)

            #expect(recorder.recipients.isEmpty)
            let waiting = try #require(try await ChatMessage.find(noChannel, on: app.db))
            #expect(waiting.delivery == .pending, "an operator may still add the WhatsApp channel")
            #expect(waiting.attempts == 1)
            #expect(try await ChatMessage.find(noNumber, on: app.db)?.delivery == .failed)
            await fixture.stop()
        }
    }

    /// A text conversation holding one counsellor reply waiting to go out; the message's id.
    static func pendingReply(in fixture: ContactCentreFixture, channel: ContactChannel, to number: String,
                             at now: Date) async throws -> UUID {
        let (app, protection) = (fixture.app, fixture.app.dataProtection)
        let conversation = try await ChatIntake(db: app.db, protection: protection, now: now)
            .startTextConversation(helpline: fixture.helpline, channel: channel.rawValue, language: "en",
                                   identifierHash: protection.identifiers.hash(number, channel: channel.rawValue), identifier: number)
        let store = ConversationStore(db: app.db, protection: protection, now: now)
        return try await store.append(to: try conversation.requireID(), from: .counsellor, clientID: "k1",
                                      text: "Hello, I am here to listen.", delivery: .pending).messageID
    }
}

/// Records recipients instead of sending, and sends nothing.
final class RecordingSender: MessageSender, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [String] = []

    var recipients: [String] { lock.withLock { sent } }

    func send(to recipient: String, text: String, via endpoint: MessagingEndpoint) async throws {
        lock.withLock { sent.append(recipient) }
    }
}

/// A stand-in for Twilio and Meta on a loopback port: records every request and answers 500 for
/// the first `failing` of them, then 201 as the real APIs do.
final class FakeProvider: @unchecked Sendable {
    struct Received: Sendable {
        var path: String
        var headers: HTTPHeaders
        var body: String
    }

    private let lock = NSLock()
    private var received: [Received] = []
    private var failuresLeft: Int
    let port: Int

    private init(port: Int, failing: Int) {
        self.port = port
        self.failuresLeft = failing
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requests: [Received] { lock.withLock { received } }

    /// Runs `body` with a fake listening, and stops it however `body` ends.
    static func run(failing: Int = 0, _ body: (FakeProvider) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        let fake = FakeProvider(port: try await freeLoopbackPort(), failing: failing)
        app.post("**") { req in fake.answer(req) }
        do {
            try await app.asyncBoot()
            try await app.server.start(address: .hostname("127.0.0.1", port: fake.port))
            try await body(fake)
        } catch {
            await app.server.shutdown()
            try? await app.asyncShutdown()
            throw error
        }
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    private func answer(_ req: Request) -> Response {
        let failing = lock.withLock {
            received.append(Received(path: req.url.path, headers: req.headers, body: req.body.string ?? ""))
            defer { failuresLeft -= 1 }
            return failuresLeft > 0
        }
        guard !failing else { return Response(status: .internalServerError) }
        return Response(status: .created, body: .init(string: #"{"sid":"SM0123456789abcdef0123456789abcdef","status":"queued"}"#))
    }
}
