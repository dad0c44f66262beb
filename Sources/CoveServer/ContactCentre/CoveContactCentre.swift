import CoveCore
import Fluent
import Vapor

/// The contact-centre commands of the CLI.
public enum CoveContactCentre {
    public struct ChatEnabled: Sendable {
        public let helplineName: String
        public let organisationName: String
        public let createdOrganisation: Bool
    }

    public enum CommandError: Error, CustomStringConvertible {
        case unknownHelpline(String)
        case organisationNotAHelpline(String)
        case linkedElsewhere(helpline: String, organisation: String)
        case unknownProvider(String)
        case unknownChannel(String)
        case secrets(String)

        public var description: String {
            switch self {
            case let .unknownHelpline(slug): "No helpline has the id \"\(slug)\"; `cove directory export` lists them."
            case let .organisationNotAHelpline(name): "\"\(name)\" is not a helpline organisation."
            case let .unknownProvider(name):
                "--provider \"\(name)\" is not one of \(MessagingChannel.Provider.allCases.map(\.rawValue).joined(separator: ", "))."
            case let .unknownChannel(name): "--channel \"\(name)\" must be sms or whatsapp."
            case let .secrets(reason): "The secrets file \(reason)."
            case let .linkedElsewhere(helpline, organisation):
                "\(helpline) is run by \"\(organisation)\"; give that organisation, or relink it on the directory page."
            }
        }
    }

    /// Turns Cove chat on for a helpline run by `organisation` (a helpline organisation, created
    /// in the helpline's country when it does not exist), so its counsellors can answer.
    public static func enableChat(helpline slug: String, organisation name: String, retentionDays: Int,
                                  maximumWaiting: Int = 30, on app: Application) async throws -> ChatEnabled {
        try await app.db.transaction { db in
            guard let helpline = try await Helpline.query(on: db).filter(\.$slug == slug).first() else {
                throw CommandError.unknownHelpline(slug)
            }
            let (organisation, created) = try await organisation(named: name, for: helpline, on: db)
            let organisationID = try organisation.requireID()
            if let current = helpline.$organisation.id, current != organisationID {
                let holder = try await Organisation.find(current, on: db)?.name ?? "another organisation"
                throw CommandError.linkedElsewhere(helpline: slug, organisation: holder)
            }
            helpline.$organisation.id = organisationID
            try await helpline.save(on: db)
            let helplineID = try helpline.requireID()
            let settings = try await ContactCentreSettings.query(on: db).filter(\.$helpline.$id == helplineID).first()
                ?? ContactCentreSettings(helplineID: helplineID)
            settings.chatEnabled = true
            settings.retentionDays = retentionDays
            settings.maximumWaiting = maximumWaiting
            try await settings.save(on: db)
            try await AuditLog.record("contact_centre.chat_enabled", on: db, at: app.clock.now(), actorID: nil,
                                      recordType: "helpline", recordID: helplineID, detail: "retention_days=\(retentionDays)")
            return ChatEnabled(helplineName: helpline.name, organisationName: organisation.name, createdOrganisation: created)
        }
    }

    private static func organisation(named name: String, for helpline: Helpline,
                                     on db: any Database) async throws -> (Organisation, Bool) {
        if let found = try await Organisation.query(on: db).filter(\.$name == name).first() {
            guard found.kind == .helpline else { throw CommandError.organisationNotAHelpline(name) }
            return (found, false)
        }
        let country = helpline.countries.first.map { String($0.prefix(2)) }
        let organisation = Organisation(name: name, kind: .helpline, countryCode: country)
        try await organisation.create(on: db)
        return (organisation, true)
    }

    public struct ChannelAdded: Sendable {
        public let webhookPath: String
    }

    /// Connects a helpline's SMS or WhatsApp number. Secrets come as a JSON file (never flags,
    /// which shells keep in history) and are stored sealed.
    public static func addChannel(helpline slug: String, provider: String, channel: String, address: String,
                                  secrets: Data, apiBaseURL: String?, on app: Application) async throws -> ChannelAdded {
        guard let provider = MessagingChannel.Provider(rawValue: provider) else { throw CommandError.unknownProvider(provider) }
        guard let channel = ContactChannel(rawValue: channel), [.sms, .whatsApp].contains(channel) else {
            throw CommandError.unknownChannel(channel)
        }
        let credentials = try checkedSecrets(secrets, for: provider)
        guard let helpline = try await Helpline.query(on: app.db).filter(\.$slug == slug).first() else {
            throw CommandError.unknownHelpline(slug)
        }
        let record = try MessagingChannel(helplineID: try helpline.requireID(), provider: provider, channel: channel,
                                          address: address, credentials: credentials, apiBaseURL: apiBaseURL,
                                          protection: app.dataProtection, at: app.clock.now())
        try await record.create(on: app.db)
        try await AuditLog.record("contact_centre.channel_added", on: app.db, at: app.clock.now(), actorID: nil,
                                  recordType: "messaging_channel", recordID: try record.requireID(),
                                  detail: "provider=\(provider.rawValue) channel=\(channel.rawValue)")
        return ChannelAdded(webhookPath: "/api/v1/webhooks/\(provider.webhookSegment)/\(try record.requireID().uuidString)")
    }

    private static func checkedSecrets(_ data: Data, for provider: MessagingChannel.Provider) throws -> MessagingCredentials {
        guard let credentials = try? JSONDecoder().decode(MessagingCredentials.self, from: data) else {
            throw CommandError.secrets("is not a JSON object of strings")
        }
        let needed: [(String, String?)] = switch provider {
        case .twilio: [("accountSID", credentials.accountSID), ("authToken", credentials.authToken)]
        case .whatsAppCloud: [("appSecret", credentials.appSecret), ("accessToken", credentials.accessToken),
                              ("verifyToken", credentials.verifyToken)]
        case .json: [("sharedSecret", credentials.sharedSecret)]
        }
        if let missing = needed.first(where: { $0.1?.isEmpty ?? true }) {
            throw CommandError.secrets("lacks \"\(missing.0)\" for \(provider.rawValue)")
        }
        return credentials
    }
}

extension MessagingChannel.Provider {
    /// The webhook route's path segment for this provider.
    var webhookSegment: String {
        switch self {
        case .twilio: "twilio"
        case .whatsAppCloud: "whatsapp"
        case .json: "json"
        }
    }
}
