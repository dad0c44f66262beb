import CoveCore
import Vapor

/// The WhatsApp Cloud API's webhooks: Meta's one-time verification, then signed notifications.
extension WebhookRoutes {
    /// Meta checks a new callback address by asking it to echo a challenge, which only the holder
    /// of the verify token set for this channel may do.
    @Sendable func verifyWhatsApp(req: Request) async throws -> Response {
        guard let channel = try await Self.channel(of: req, provider: .whatsAppCloud) else { return Response(status: .notFound) }
        let expected = try channel.credentials(opening: req.application.dataProtection).verifyToken ?? ""
        let query = FormFields.parse(Data((req.url.query ?? "").utf8)) ?? []
        guard FormFields.first("hub.mode", in: query) == "subscribe", !expected.isEmpty,
              let token = FormFields.first("hub.verify_token", in: query), ConstantTime.isEqual(expected.utf8, token.utf8),
              let challenge = FormFields.first("hub.challenge", in: query) else {
            return Response(status: .forbidden)
        }
        var headers = HTTPHeaders()
        headers.contentType = .plainText
        return Response(status: .ok, headers: headers, body: .init(string: challenge))
    }

    /// Messages and delivery statuses for the helpline's number. Only text messages are filed;
    /// statuses and other message types are acknowledged so Meta does not send them again.
    @Sendable func whatsApp(req: Request) async throws -> Response {
        let (channel, body) = try await Self.signed(req, provider: .whatsAppCloud) { credentials, body in
            req.headers.first(name: MetaSignature.headerName)
                .map { MetaSignature.isValid($0, body: body, appSecret: credentials.appSecret ?? "") } ?? false
        }
        guard let notification = try? JSONDecoder().decode(WhatsAppNotification.self, from: body) else {
            return try await Self.fieldError("body", "a WhatsApp Cloud API notification", on: req)
        }
        let receiver = InboundTextReceiver(application: req.application)
        for message in notification.texts(to: channel.address) {
            try await receiver.receive(message, on: channel)
        }
        return Response(status: .ok)
    }
}

/// The parts of a WhatsApp Cloud API notification Cove reads. Everything is optional: Meta adds
/// fields and message types freely, and one odd entry must not lose the texts beside it.
struct WhatsAppNotification: Decodable {
    struct Entry: Decodable {
        var changes: [Change]?
    }

    struct Change: Decodable {
        var value: Value?
    }

    struct Value: Decodable {
        var metadata: Metadata?
        var messages: [Message]?
    }

    struct Metadata: Decodable {
        var phoneNumberID: String?

        enum CodingKeys: String, CodingKey { case phoneNumberID = "phone_number_id" }
    }

    struct Message: Decodable {
        var from: String?
        var id: String?
        var type: String?
        var text: Text?
    }

    struct Text: Decodable {
        var body: String?
    }

    var entry: [Entry]?

    /// The text messages sent to `phoneNumberID`. One Meta app may deliver several numbers'
    /// traffic to the same address, so each change is checked against the channel's number.
    func texts(to phoneNumberID: String) -> [InboundText] {
        let values = (entry ?? []).flatMap { $0.changes ?? [] }.compactMap(\.value)
            .filter { $0.metadata?.phoneNumberID.map { $0 == phoneNumberID } ?? true }
        return values.flatMap { $0.messages ?? [] }.compactMap { message in
            guard message.type == "text", let from = message.from, let id = message.id,
                  let body = message.text?.body else { return nil }
            return InboundText(from: from, providerMessageID: id, text: body)
        }
    }
}
