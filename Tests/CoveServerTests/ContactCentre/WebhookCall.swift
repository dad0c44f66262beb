import CoveCore
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CoveServer

/// Plays the providers against the in-memory app: Twilio's signed forms, Meta's signed JSON.
enum WebhookCall {
    static let accountSID = "AC0123456789abcdef0123456789abcdef"
    static let twilioToken = "twilio-auth-token"
    static let appSecret = "meta-app-secret"
    static let accessToken = "meta-access-token"
    static let verifyToken = "meta-verify-token"
    static let phoneNumberID = "106540352242922"

    /// The fields Twilio posts for an inbound SMS, in its order.
    static func twilioFields(sid: String, text: String, from: String = WebhookTests.child) -> [(String, String)] {
        [("ToCountry", "KE"), ("SmsMessageSid", sid), ("NumMedia", "0"), ("SmsSid", sid), ("SmsStatus", "received"),
         ("Body", text), ("To", "+254700000116"), ("NumSegments", "1"), ("MessageSid", sid), ("AccountSid", accountSID),
         ("From", from), ("ApiVersion", "2010-04-01")]
    }

    static func twilioPath(_ channel: MessagingChannel?) -> String {
        "/api/v1/webhooks/twilio/\(channel?.id ?? UUID())"
    }

    static func publicURL(_ app: Application) -> String {
        var base = app.settings.effectivePublicURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Posts `fields` signed with `token` as Twilio would, or unsigned when `token` is nil.
    static func twilio(_ app: Application, channel: MessagingChannel?, fields: [(String, String)],
                       signedWith token: String? = WebhookCall.twilioToken) async throws -> TestingHTTPResponse {
        let path = twilioPath(channel)
        let signature = token.map { TwilioSignature.expected(url: publicURL(app) + path, parameters: fields, authToken: $0) }
        return try await postForm(app, path, fields: fields, signature: signature)
    }

    static func twilio(_ app: Application, channel: MessagingChannel?, fields: [(String, String)],
                       signature: String) async throws -> TestingHTTPResponse {
        try await postForm(app, twilioPath(channel), fields: fields, signature: signature)
    }

    private static func postForm(_ app: Application, _ path: String, fields: [(String, String)],
                                 signature: String?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")])
        if let signature { headers.add(name: TwilioSignature.headerName, value: signature) }
        let body = fields.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts `body` with an HMAC-SHA256 signature in `header`, or none when `secret` is nil.
    static func signedJSON(_ app: Application, _ path: String, body: Data, header: String,
                           secret: String?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders([("Content-Type", "application/json")])
        if let secret { headers.add(name: header, value: MetaSignature.expected(body: body, appSecret: secret)) }
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(bytes: body))
    }

    /// A GET whose path may carry a query string, which `sendRequest` would escape.
    static func get(_ app: Application, _ pathAndQuery: String) async throws -> TestingHTTPResponse {
        try await app.testing().performTest(request: TestingHTTPRequest(method: .GET, url: URI(string: pathAndQuery),
                                                                        headers: [:], body: ByteBuffer()))
    }

    /// A WhatsApp Cloud API notification carrying one text message.
    static func whatsAppText(from: String, id: String, text: String, phoneNumberID: String = WebhookCall.phoneNumberID) throws -> Data {
        let message: [String: Any] = ["from": from, "id": id, "timestamp": "1790000000", "type": "text", "text": ["body": text]]
        let value: [String: Any] = [
            "messaging_product": "whatsapp",
            "metadata": ["display_phone_number": "254700000116", "phone_number_id": phoneNumberID],
            "contacts": [["profile": ["name": "A"], "wa_id": from]],
            "messages": [message],
        ]
        let payload: [String: Any] = [
            "object": "whatsapp_business_account",
            "entry": [["id": "102290129340398", "changes": [["field": "messages", "value": value]]]],
        ]
        return try JSONSerialization.data(withJSONObject: payload)
    }

    /// Every column of the tables that hold conversations whose stored value contains `needle`,
    /// as text or as bytes, named `table.column`.
    static func columns(containing needle: String, on app: Application) async throws -> [String] {
        let sql = try #require(app.db as? any SQLDatabase)
        var found: [String] = []
        for table in ["conversations", "chat_messages", "routing_offers", "contacts", "audit_events"] {
            for row in try await sql.raw("SELECT * FROM \(unsafeRaw: table)").all() {
                for column in row.allColumns where text(of: row, column).contains(needle) {
                    found.append("\(table).\(column)")
                }
            }
        }
        return found
    }

    private static func text(of row: any SQLRow, _ column: String) -> String {
        if let text = try? row.decode(column: column, as: String?.self) { return text ?? "" }
        if let bytes = try? row.decode(column: column, as: Data?.self) { return String(decoding: bytes ?? Data(), as: UTF8.self) }
        return ""
    }
}
