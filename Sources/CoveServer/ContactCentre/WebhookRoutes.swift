import CoveCore
import Vapor

/// Where SMS and WhatsApp providers deliver what children write. Each helpline channel has its own
/// address, `…/{channel}` with the channel's id, and every request must carry the provider's
/// signature over exactly the bytes received: an unsigned one is refused (403) before anything
/// of it is stored. An id that names no channel of that provider is simply not found (404).
struct WebhookRoutes: RouteCollection {
    /// Far above any text a provider sends; keeps an unsigned flood from costing memory.
    static let maximumBodyBytes = 64 * 1024
    static let coveSignatureHeader = "X-Cove-Signature"

    func boot(routes: any RoutesBuilder) throws {
        let hooks = routes.grouped("api", "v1", "webhooks")
        let body = HTTPBodyStreamStrategy.collect(maxSize: ByteCount(integerLiteral: Self.maximumBodyBytes))
        hooks.on(.POST, "twilio", ":channel", body: body, use: twilio).access(.public).bodyLimit(Self.maximumBodyBytes)
        hooks.get("whatsapp", ":channel", use: verifyWhatsApp).access(.public)
        hooks.on(.POST, "whatsapp", ":channel", body: body, use: whatsApp).access(.public).bodyLimit(Self.maximumBodyBytes)
        hooks.on(.POST, "json", ":channel", body: body, use: json).access(.public).bodyLimit(Self.maximumBodyBytes)
    }

    /// Twilio's messaging webhook, form-encoded; answered with empty TwiML so Twilio sends nothing
    /// back by itself (replies come from counsellors, through the outbound sender).
    @Sendable func twilio(req: Request) async throws -> Response {
        let (channel, body) = try await Self.signed(req, provider: .twilio) { credentials, body in
            guard let fields = FormFields.parse(body), let signature = req.headers.first(name: TwilioSignature.headerName) else {
                return false
            }
            return TwilioSignature.isValid(signature, url: Self.calledURL(of: req), parameters: fields,
                                           authToken: credentials.authToken ?? "")
        }
        let fields = FormFields.parse(body) ?? []
        let from = FormFields.first("From", in: fields) ?? ""
        let sid = FormFields.first("MessageSid", in: fields) ?? FormFields.first("SmsMessageSid", in: fields) ?? ""
        guard !from.isEmpty, !sid.isEmpty else {
            return try await Self.fieldError(from.isEmpty ? "From" : "MessageSid", "Twilio always sends it", on: req)
        }
        // A picture without words has no Body; there is nothing to file yet.
        let text = FormFields.first("Body", in: fields) ?? ""
        try await InboundTextReceiver(application: req.application)
            .receive(InboundText(from: from, providerMessageID: sid, text: text), on: channel)
        return Self.emptyTwiML()
    }

    struct CoveText: Decodable {
        var from: String?
        var id: String?
        var text: String?
    }

    /// Cove's own format, `{"from", "id", "text"}`, signed like Meta's webhooks but in
    /// `X-Cove-Signature` with the channel's shared secret.
    @Sendable func json(req: Request) async throws -> Response {
        let (channel, body) = try await Self.signed(req, provider: .json) { credentials, body in
            req.headers.first(name: Self.coveSignatureHeader)
                .map { MetaSignature.isValid($0, body: body, appSecret: credentials.sharedSecret ?? "") } ?? false
        }
        guard let payload = try? JSONDecoder().decode(CoveText.self, from: body) else {
            return try await Self.fieldError("body", "a JSON object with from, id and text", on: req)
        }
        let fields = [("from", payload.from), ("id", payload.id), ("text", payload.text)]
        if let missing = fields.first(where: { ($0.1 ?? "").isEmpty }) {
            return try await Self.fieldError(missing.0, "required", on: req)
        }
        let message = InboundText(from: payload.from ?? "", providerMessageID: payload.id ?? "", text: payload.text ?? "")
        try await InboundTextReceiver(application: req.application).receive(message, on: channel)
        return Response(status: .ok)
    }

    /// The channel named in the path, when it exists and is carried by `provider`.
    static func channel(of req: Request, provider: MessagingChannel.Provider) async throws -> MessagingChannel? {
        guard let id = req.parameters.get("channel", as: UUID.self),
              let channel = try await MessagingChannel.find(id, on: req.db), channel.provider == provider else { return nil }
        return channel
    }

    /// The channel the request is for and the body exactly as received, once `signatureHolds`
    /// says the provider signed it. Otherwise nothing is read further: an unknown channel is
    /// not found (404) and a bad signature forbidden (403).
    static func signed(_ req: Request, provider: MessagingChannel.Provider,
                       signatureHolds: (MessagingCredentials, Data) -> Bool) async throws -> (MessagingChannel, Data) {
        guard let channel = try await channel(of: req, provider: provider) else { throw Abort(.notFound) }
        let credentials = try channel.credentials(opening: req.application.dataProtection)
        let body = rawBody(of: req)
        guard signatureHolds(credentials, body) else {
            refuse(req, channel: channel)
            throw Abort(.forbidden)
        }
        return (channel, body)
    }

    /// The body exactly as it arrived: signatures cover these bytes, not a re-encoding of them.
    static func rawBody(of req: Request) -> Data {
        req.body.data.map { Data(buffer: $0) } ?? Data()
    }

    /// The address the provider called: Cove's public URL and the path and query as received.
    static func calledURL(of req: Request) -> String {
        var base = req.application.settings.effectivePublicURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + req.url.string
    }

    /// Logged without the body or sender, so a misconfigured secret can be found, and nothing more.
    private static func refuse(_ req: Request, channel: MessagingChannel) {
        req.logger.warning("webhook signature refused", metadata: [
            "provider": "\(channel.provider.rawValue)", "channel": "\(channel.id?.uuidString ?? "")",
        ])
    }

    static func emptyTwiML() -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "xml", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers,
                        body: .init(string: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response/>\n"))
    }

    static func fieldError(_ field: String, _ reason: String, on req: Request) async throws -> Response {
        try await HelpAPIRoutes.ParameterError(error: "invalid-field", parameter: field, reason: reason, message: "\(field): \(reason)")
            .encodeResponse(status: .badRequest, for: req)
    }
}

/// `application/x-www-form-urlencoded` pairs in the order sent, repeats kept: Twilio signs every
/// pair, so collapsing them into a dictionary would break the signature.
enum FormFields {
    /// Nil when the bytes are not UTF-8 or a pair is not validly percent-encoded.
    static func parse(_ body: Data) -> [(String, String)]? {
        guard let text = String(data: body, encoding: .utf8) else { return nil }
        var fields: [(String, String)] = []
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else { return nil }
            fields.append((name, value))
        }
        return fields
    }

    static func first(_ name: String, in fields: [(String, String)]) -> String? {
        fields.first { $0.0 == name }?.1
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
