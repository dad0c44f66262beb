import CoveCore
import Fluent
import Vapor

/// One SMS number or WhatsApp number through which a helpline takes texts from children: which
/// provider carries it, the helpline's own address there, and the provider's secrets, sealed.
/// Its id is the last part of the webhook address the provider is given.
final class MessagingChannel: Model, @unchecked Sendable {
    static let schema = "messaging_channels"

    enum Provider: String, Codable, Sendable, CaseIterable {
        case twilio
        case whatsAppCloud = "whatsapp-cloud"
        /// Cove's own signed JSON, for gateways that are neither, and for development.
        case json

        /// Where the provider's API lives; a test points a channel at a local fake instead.
        var defaultAPIBaseURL: String {
            switch self {
            case .twilio: "https://api.twilio.com"
            case .whatsAppCloud: "https://graph.facebook.com/v19.0"
            case .json: ""
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "helpline_id") var helpline: Helpline
    @Enum(key: "provider") var provider: Provider
    /// A channel code of the taxonomy: `sms` or `whatsapp`.
    @Field(key: "channel") var channel: String
    /// The helpline's number in E.164, or for the WhatsApp Cloud API its phone_number_id.
    @Field(key: "address") var address: String
    /// `MessagingCredentials` as JSON, sealed to this row.
    @Field(key: "credentials") var sealedCredentials: Data
    @Field(key: "api_base_url") var apiBaseURL: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID = UUID(), helplineID: UUID, provider: Provider, channel: ContactChannel, address: String,
         credentials: MessagingCredentials, apiBaseURL: String? = nil, protection: DataProtection, at now: Date) throws {
        self.id = id
        self.$helpline.id = helplineID
        self.provider = provider
        self.channel = channel.rawValue
        self.address = address
        self.apiBaseURL = apiBaseURL ?? provider.defaultAPIBaseURL
        self.createdAt = now
        self.sealedCredentials = try Self.seal(credentials, id: id, with: protection)
    }

    static func sealingContext(_ id: UUID) -> String { "messaging-channel:\(id.uuidString)" }

    private static func seal(_ credentials: MessagingCredentials, id: UUID, with protection: DataProtection) throws -> Data {
        let json = String(decoding: try JSONEncoder().encode(credentials), as: UTF8.self)
        return try protection.sealer.seal(json, context: sealingContext(id))
    }

    /// Replaces the secrets, e.g. after the helpline rotates a token at the provider.
    func setCredentials(_ credentials: MessagingCredentials, with protection: DataProtection) throws {
        sealedCredentials = try Self.seal(credentials, id: try requireID(), with: protection)
    }

    func credentials(opening protection: DataProtection) throws -> MessagingCredentials {
        let json = try protection.sealer.open(sealedCredentials, context: Self.sealingContext(try requireID()))
        return try JSONDecoder().decode(MessagingCredentials.self, from: Data(json.utf8))
    }

    /// What a sender needs to send through this channel, secrets opened.
    func endpoint(opening protection: DataProtection) throws -> MessagingEndpoint {
        MessagingEndpoint(channelID: try requireID(), provider: provider, address: address,
                          apiBaseURL: apiBaseURL, credentials: try credentials(opening: protection))
    }
}

/// A provider's secrets. Each provider uses its own few fields; the rest stay nil.
struct MessagingCredentials: Codable, Sendable, Equatable {
    var accountSID: String?
    var authToken: String?
    var appSecret: String?
    var accessToken: String?
    var verifyToken: String?
    var sharedSecret: String?

    static func twilio(accountSID: String, authToken: String) -> MessagingCredentials {
        MessagingCredentials(accountSID: accountSID, authToken: authToken)
    }

    static func whatsAppCloud(appSecret: String, accessToken: String, verifyToken: String) -> MessagingCredentials {
        MessagingCredentials(appSecret: appSecret, accessToken: accessToken, verifyToken: verifyToken)
    }

    static func json(sharedSecret: String) -> MessagingCredentials {
        MessagingCredentials(sharedSecret: sharedSecret)
    }
}

// Interpolating or dumping the secrets by mistake must not put them in a log.
extension MessagingCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    var description: String { "MessagingCredentials(redacted)" }
    var debugDescription: String { description }
    var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// A channel ready to send through: where, from which address, and with which secrets.
struct MessagingEndpoint: Sendable {
    var channelID: UUID
    var provider: MessagingChannel.Provider
    var address: String
    var apiBaseURL: String
    var credentials: MessagingCredentials

    /// `path` under the API base, however the base was written.
    func url(_ path: String) -> URI {
        var base = apiBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        return URI(string: base + path)
    }
}
