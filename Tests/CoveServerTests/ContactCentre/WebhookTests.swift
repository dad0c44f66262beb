import CoveCore
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

@Suite("Messaging webhooks")
struct WebhookTests {
    static let child = "+254712345678"
    static let childDigits = "254712345678"

    @Test func aSignedTwilioTextOpensARoutedConversationAndKeepsNoNumberOrTextInTheClear() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            let channel = try await fixture.twilioChannel()
            let text = "my secret words \(UUID().uuidString)"

            let response = try await WebhookCall.twilio(app, channel: channel, fields: WebhookCall.twilioFields(sid: "SM0001", text: text))

            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "xml")
            #expect(response.body.string.contains("<Response/>"))
            let conversation = try #require(try await Conversation.query(on: app.db).first())
            let id = try conversation.requireID()
            #expect(conversation.channel == "sms")
            #expect(conversation.identifierHash == app.dataProtection.identifiers.hash(Self.child, channel: "sms"))
            let sealed = try #require(conversation.sealedIdentifier)
            #expect(try app.dataProtection.sealer.open(sealed, context: ChatIntake.identifierContext(id)) == Self.child)
            let lines = try await app.routing.store.lines(of: id, after: 0)
            #expect(lines.map(\.text) == [text])
            #expect(lines.map(\.sender) == [.child])
            #expect(lines.map(\.clientID) == ["SM0001"])
            #expect(try await RoutingOffer.query(on: app.db).count() == 1, "the new conversation is offered at once")
            #expect(try await WebhookCall.columns(containing: Self.childDigits, on: app).isEmpty)
            #expect(try await WebhookCall.columns(containing: "my secret words", on: app).isEmpty)
            await fixture.stop()
        }
    }

    @Test func aWebhookTheProviderRetriesIsStoredOnceAndTheNextTextJoinsTheSameConversation() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            let channel = try await fixture.twilioChannel()

            let first = WebhookCall.twilioFields(sid: "SM0001", text: "hello")
            #expect(try await WebhookCall.twilio(app, channel: channel, fields: first).status == .ok)
            #expect(try await WebhookCall.twilio(app, channel: channel, fields: first).status == .ok)
            let next = WebhookCall.twilioFields(sid: "SM0002", text: "are you there")
            #expect(try await WebhookCall.twilio(app, channel: channel, fields: next).status == .ok)

            #expect(try await Conversation.query(on: app.db).count() == 1)
            let conversation = try #require(try await Conversation.query(on: app.db).first())
            let lines = try await app.routing.store.lines(of: try conversation.requireID(), after: 0)
            #expect(lines.map(\.text) == ["hello", "are you there"])
            await fixture.stop()
        }
    }

    @Test(arguments: [nil, "not-the-auth-token"] as [String?])
    func anUnsignedOrWronglySignedTwilioWebhookIsRefusedAndStoresNothing(signingToken: String?) async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            let channel = try await fixture.twilioChannel()

            let response = try await WebhookCall.twilio(app, channel: channel, fields: WebhookCall.twilioFields(sid: "SM0001", text: "hi"),
                                                        signedWith: signingToken)

            #expect(response.status == .forbidden)
            #expect(try await Conversation.query(on: app.db).count() == 0)
            #expect(try await ChatMessage.query(on: app.db).count() == 0)
            await fixture.stop()
        }
    }

    @Test func aSignatureOverOtherFieldsIsRefused() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let channel = try await fixture.twilioChannel()
            let signed = WebhookCall.twilioFields(sid: "SM0001", text: "hi")
            let signature = TwilioSignature.expected(url: WebhookCall.publicURL(app) + WebhookCall.twilioPath(channel),
                                                     parameters: signed, authToken: WebhookCall.twilioToken)

            let response = try await WebhookCall.twilio(app, channel: channel, fields: WebhookCall.twilioFields(sid: "SM0001", text: "changed"),
                                                        signature: signature)

            #expect(response.status == .forbidden)
            #expect(try await ChatMessage.query(on: app.db).count() == 0)
            await fixture.stop()
        }
    }

    @Test func aChannelThatDoesNotExistOrBelongsToAnotherProviderIsNotFound() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let whatsApp = try await fixture.whatsAppChannel()
            let fields = WebhookCall.twilioFields(sid: "SM0001", text: "hi")

            let unknown = try await WebhookCall.twilio(app, channel: nil, fields: fields)
            let mismatched = try await WebhookCall.twilio(app, channel: whatsApp, fields: fields)

            #expect(unknown.status == .notFound)
            #expect(mismatched.status == .notFound)
            #expect(try await ChatMessage.query(on: app.db).count() == 0)
            await fixture.stop()
        }
    }

    @Test func aTextToAClosedHelplineIsKeptAndTheChildIsToldWhereElseToTurn() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let channel = try await fixture.twilioChannel()

            let response = try await WebhookCall.twilio(app, channel: channel, fields: WebhookCall.twilioFields(sid: "SM0001", text: "help"))

            #expect(response.status == .ok)
            let conversation = try #require(try await Conversation.query(on: app.db).first())
            #expect(conversation.state == .waiting, "a counsellor coming on duty can still answer")
            let lines = try await app.routing.store.lines(of: try conversation.requireID(), after: 0)
            #expect(lines.map(\.sender) == [.child, .system])
            #expect(lines.map(\.delivery) == [.delivered, .pending], "the notice goes out by SMS")
            #expect(lines.last?.text.contains("999") == true)
            #expect(lines.last?.text.contains("/en/help/KE") == true)
            await fixture.stop()
        }
    }

    @Test func whatsAppVerificationEchoesTheChallengeOnlyForTheRightToken() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let channel = try await fixture.whatsAppChannel()
            let path = "/api/v1/webhooks/whatsapp/\(try channel.requireID())"

            let right = try await WebhookCall.get(app, path + "?hub.mode=subscribe&hub.verify_token=\(WebhookCall.verifyToken)&hub.challenge=1158201444")
            let wrong = try await WebhookCall.get(app, path + "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444")

            #expect(right.status == .ok)
            #expect(right.body.string == "1158201444")
            #expect(right.headers.contentType?.subType == "plain")
            #expect(wrong.status == .forbidden)
            await fixture.stop()
        }
    }

    @Test func aSignedWhatsAppTextIsStoredOnceAndABadSignatureIsRefused() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            let channel = try await fixture.whatsAppChannel()
            let path = "/api/v1/webhooks/whatsapp/\(try channel.requireID())"
            let body = try WebhookCall.whatsAppText(from: Self.childDigits, id: "wamid.HBgMMjU0NzEyMzQ1Njc4FQIAEhggQTI=", text: "hello")

            let forged = try await WebhookCall.signedJSON(app, path, body: body, header: MetaSignature.headerName, secret: "guess")
            #expect(forged.status == .forbidden)
            #expect(try await ChatMessage.query(on: app.db).count() == 0)

            for _ in 0..<2 {
                let response = try await WebhookCall.signedJSON(app, path, body: body, header: MetaSignature.headerName,
                                                                secret: WebhookCall.appSecret)
                #expect(response.status == .ok)
            }
            let conversation = try #require(try await Conversation.query(on: app.db).first())
            #expect(conversation.channel == "whatsapp")
            let lines = try await app.routing.store.lines(of: try conversation.requireID(), after: 0)
            #expect(lines.map(\.text) == ["hello"])
            #expect(lines.first?.clientID.count == 64, "an id with dots and = is keyed by its hash")
            await fixture.stop()
        }
    }

    @Test func whatsAppStatusesOtherMessageTypesAndOtherNumbersAreAcknowledgedAndIgnored() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            let channel = try await fixture.whatsAppChannel()
            let path = "/api/v1/webhooks/whatsapp/\(try channel.requireID())"
            let statuses = Data(#"{"entry":[{"changes":[{"value":{"statuses":[{"id":"wamid.1","status":"delivered"}]}}]}]}"#.utf8)
            let image = Data(#"{"entry":[{"changes":[{"value":{"messages":[{"from":"254712345678","id":"wamid.2","type":"image"}]}}]}]}"#.utf8)
            let elsewhere = try WebhookCall.whatsAppText(from: Self.childDigits, id: "wamid.3", text: "hi", phoneNumberID: "999999")

            for body in [statuses, image, elsewhere] {
                let response = try await WebhookCall.signedJSON(app, path, body: body, header: MetaSignature.headerName,
                                                                secret: WebhookCall.appSecret)
                #expect(response.status == .ok)
            }

            #expect(try await Conversation.query(on: app.db).count() == 0)
            await fixture.stop()
        }
    }

    @Test func theJSONProviderTakesASignedTextAndNamesAMissingField() async throws {
        try await withCove { app, _ in
            let fixture = try await ContactCentreFixture.make(app)
            _ = try await fixture.counsellor()
            let channel = try await fixture.messagingChannel(.json, channel: .sms, address: "+254700000116",
                                                             credentials: .json(sharedSecret: "shared-secret"))
            let path = "/api/v1/webhooks/json/\(try channel.requireID())"
            let header = WebhookRoutes.coveSignatureHeader
            let good = Data(#"{"from":"+254712345678","id":"gw-1","text":"hello"}"#.utf8)
            let missing = Data(#"{"from":"+254712345678","id":"gw-2"}"#.utf8)

            let forged = try await WebhookCall.signedJSON(app, path, body: good, header: header, secret: "guess")
            let stored = try await WebhookCall.signedJSON(app, path, body: good, header: header, secret: "shared-secret")
            let incomplete = try await WebhookCall.signedJSON(app, path, body: missing, header: header, secret: "shared-secret")

            #expect(forged.status == .forbidden)
            #expect(stored.status == .ok)
            #expect(incomplete.status == .badRequest)
            #expect(try incomplete.content.decode(HelpAPIRoutes.ParameterError.self).parameter == "text")
            #expect(try await ChatMessage.query(on: app.db).count() == 1)
            await fixture.stop()
        }
    }
}

extension ContactCentreFixture {
    func messagingChannel(_ provider: MessagingChannel.Provider, channel: ContactChannel, address: String,
                          credentials: MessagingCredentials, apiBaseURL: String? = nil) async throws -> MessagingChannel {
        let row = try MessagingChannel(helplineID: try helpline.requireID(), provider: provider, channel: channel, address: address,
                                       credentials: credentials, apiBaseURL: apiBaseURL, protection: app.dataProtection, at: Date())
        try await row.create(on: app.db)
        return row
    }

    func twilioChannel(apiBaseURL: String? = nil) async throws -> MessagingChannel {
        try await messagingChannel(.twilio, channel: .sms, address: "+254700000116",
                                   credentials: .twilio(accountSID: WebhookCall.accountSID, authToken: WebhookCall.twilioToken),
                                   apiBaseURL: apiBaseURL)
    }

    func whatsAppChannel(apiBaseURL: String? = nil) async throws -> MessagingChannel {
        try await messagingChannel(.whatsAppCloud, channel: .whatsApp, address: WebhookCall.phoneNumberID,
                                   credentials: .whatsAppCloud(appSecret: WebhookCall.appSecret, accessToken: WebhookCall.accessToken,
                                                               verifyToken: WebhookCall.verifyToken),
                                   apiBaseURL: apiBaseURL)
    }
}
