import Foundation
import NIOCore
import Vapor

/// Hands one text to a provider for delivery to a child. Throws when the provider did not take
/// it, so the message is tried again later. No implementation logs the text or the number.
protocol MessageSender: Sendable {
    func send(to recipient: String, text: String, via endpoint: MessagingEndpoint) async throws
}

/// The provider answered, but not with success. Only the status is kept: error bodies can quote
/// the number.
struct MessageNotAccepted: Error, Equatable {
    var status: UInt

    static func check(_ response: ClientResponse) throws {
        guard (200..<300).contains(response.status.code) else { throw MessageNotAccepted(status: response.status.code) }
    }
}

/// The channel lacks a secret its provider needs; the operator must set it.
struct MissingCredential: Error, Equatable {
    var name: String
}

/// Sends through whichever provider carries the channel.
struct ProviderSender: MessageSender {
    let client: any Client
    let logger: Logger

    /// How long a provider may take to answer before the attempt counts as failed.
    static let timeout = TimeAmount.seconds(20)

    func send(to recipient: String, text: String, via endpoint: MessagingEndpoint) async throws {
        switch endpoint.provider {
        case .twilio: try await TwilioSender(client: client).send(to: recipient, text: text, via: endpoint)
        case .whatsAppCloud: try await WhatsAppCloudSender(client: client).send(to: recipient, text: text, via: endpoint)
        case .json: try await LoggingSender(logger: logger).send(to: recipient, text: text, via: endpoint)
        }
    }
}

/// For Cove's plain JSON channel and for development: sends nothing anywhere, and says so in the
/// log with the channel's id only, so a developer sees why no text arrived.
struct LoggingSender: MessageSender {
    let logger: Logger

    func send(to recipient: String, text: String, via endpoint: MessagingEndpoint) async throws {
        logger.notice("message sent to the log only", metadata: ["channel": "\(endpoint.channelID)"])
    }
}

/// Twilio's Messages API: a form post with HTTP Basic auth of the account SID and auth token.
struct TwilioSender: MessageSender {
    let client: any Client

    struct Form: Content {
        var to: String
        var from: String
        var body: String

        enum CodingKeys: String, CodingKey {
            case to = "To", from = "From", body = "Body"
        }
    }

    func send(to recipient: String, text: String, via endpoint: MessagingEndpoint) async throws {
        guard let sid = endpoint.credentials.accountSID, !sid.isEmpty else { throw MissingCredential(name: "accountSID") }
        guard let token = endpoint.credentials.authToken, !token.isEmpty else { throw MissingCredential(name: "authToken") }
        let form = Form(to: recipient, from: Self.sender(endpoint.address, writingTo: recipient), body: text)
        let response = try await client.post(endpoint.url("/2010-04-01/Accounts/\(sid)/Messages.json")) { request in
            request.headers.basicAuthorization = BasicAuthorization(username: sid, password: token)
            try request.content.encode(form, as: .urlEncodedForm)
            request.timeout = ProviderSender.timeout
        }
        try MessageNotAccepted.check(response)
    }

    /// Twilio carries WhatsApp too, with both addresses written `whatsapp:+…`; a channel may
    /// store its number without the prefix.
    static func sender(_ address: String, writingTo recipient: String) -> String {
        let prefix = "whatsapp:"
        guard recipient.lowercased().hasPrefix(prefix), !address.lowercased().hasPrefix(prefix) else { return address }
        return prefix + address
    }
}

/// The WhatsApp Cloud API: JSON to the number's `messages` edge with the access token as bearer.
struct WhatsAppCloudSender: MessageSender {
    let client: any Client

    struct Payload: Content {
        var messagingProduct = "whatsapp"
        var to: String
        var type = "text"
        var text: Body

        struct Body: Content {
            var body: String
        }

        enum CodingKeys: String, CodingKey {
            case messagingProduct = "messaging_product", to, type, text
        }
    }

    func send(to recipient: String, text: String, via endpoint: MessagingEndpoint) async throws {
        guard let token = endpoint.credentials.accessToken, !token.isEmpty else { throw MissingCredential(name: "accessToken") }
        let payload = Payload(to: recipient, text: .init(body: text))
        let response = try await client.post(endpoint.url("/\(endpoint.address)/messages")) { request in
            request.headers.bearerAuthorization = BearerAuthorization(token: token)
            try request.content.encode(payload, as: .json)
            request.timeout = ProviderSender.timeout
        }
        try MessageNotAccepted.check(response)
    }
}
