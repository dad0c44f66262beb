import CoveCore
import Crypto
import Fluent
import Vapor

/// A text a provider says a child sent, once its signature has been checked.
struct InboundText: Sendable, Equatable {
    /// The child's number or handle exactly as the provider wrote it. Never logged.
    var from: String
    /// The provider's own id for the message, which it repeats when it retries a webhook.
    var providerMessageID: String
    var text: String
}

/// Files a verified text into the child's open conversation on that helpline and channel, opening
/// one when there is none, then wakes the consoles and the router. Storing is keyed by the
/// provider's message id, so a webhook the provider retries is stored once.
struct InboundTextReceiver: Sendable {
    let routing: RoutingService
    let protection: DataProtection
    let reference: DirectoryReference
    /// Cove's public address, for the help page a refused child is pointed to.
    let publicURL: String

    init(application: Application) {
        routing = application.routing
        protection = application.dataProtection
        reference = application.directoryReference
        publicURL = application.settings.effectivePublicURL.absoluteString
    }

    /// Where a text was filed.
    struct Filed: Sendable {
        var conversationID: UUID
        var isNew: Bool
        /// Why the helpline could not take a new conversation now, when it could not.
        var refusal: ChatIntake.Refusal?
        var country: String?
    }

    func receive(_ message: InboundText, on channel: MessagingChannel) async throws {
        let text = message.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, !message.from.isEmpty else { return }
        let clientID = Self.clientID(forProviderID: message.providerMessageID)
        let (filed, stored) = try await file(text, clientID: clientID, from: message.from, on: channel)
        if stored.isNew { await routing.assessPriority(of: filed.conversationID, text: text) }
        if filed.refusal != nil {
            let notice = Self.refusalNotice(emergencyNumbers: filed.country.map(reference.plan.emergencyNumbers(for:)) ?? [],
                                            helpPage: filed.country.map { helpPage(for: $0) })
            // Pending, like a counsellor's reply: the outbound sender texts it to the child.
            _ = try await routing.store.append(to: filed.conversationID, from: .system, clientID: Self.refusalClientID,
                                               text: notice, delivery: .pending)
        }
        if filed.isNew {
            await routing.afterChange(filed.conversationID)
        } else if stored.isNew {
            await routing.hub.publish(.conversation(filed.conversationID))
        }
    }

    /// Appends the text, finding the conversation again if it ended in between.
    private func file(_ text: String, clientID: String, from identifier: String,
                      on channel: MessagingChannel) async throws -> (Filed, ConversationStore.Stored) {
        for attempt in 1...2 {
            let filed = try await conversation(for: identifier, on: channel)
            do {
                return (filed, try await routing.store.append(to: filed.conversationID, from: .child, clientID: clientID, text: text))
            } catch is ConversationClosed where attempt == 1 {
                continue
            }
        }
        throw ConversationClosed()
    }

    /// The sender's open conversation, or a new one. Runs in the router's exclusive section, so
    /// two texts from one child arriving at once cannot open two conversations.
    private func conversation(for identifier: String, on channel: MessagingChannel) async throws -> Filed {
        let (protection, helplineID, kind) = (self.protection, channel.$helpline.id, channel.channel)
        let hash = protection.identifiers.hash(identifier, channel: kind)
        return try await routing.exclusive { db, now in
            let intake = ChatIntake(db: db, protection: protection, now: now)
            if let open = try await intake.openTextConversation(helplineID: helplineID, channel: kind, identifierHash: hash) {
                return Filed(conversationID: try open.requireID(), isNew: false)
            }
            guard let helpline = try await Helpline.find(helplineID, on: db) else { throw Abort(.notFound) }
            let opening = try await intake.opening(for: helpline)
            let refusal: ChatIntake.Refusal? = switch opening {
            case .success: nil
            case let .failure(refusal): refusal
            }
            let language = helpline.languages.first.map(Language.primarySubtag(of:)) ?? "en"
            let conversation = try await intake.startTextConversation(helpline: helpline, channel: kind, language: language,
                                                                      identifierHash: hash, identifier: identifier)
            return Filed(conversationID: try conversation.requireID(), isNew: true, refusal: refusal,
                         country: helpline.countries.first.map { String($0.prefix(2)) })
        }
    }

    private func helpPage(for country: String) -> String {
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/en/help/\(country)"
    }

    /// The same system line is stored once per conversation, however often the provider retries.
    static let refusalClientID = "refusal-notice"

    /// English only for now: the message catalogue has no key for it yet, and SMS wants it short.
    static func refusalNotice(emergencyNumbers: [String], helpPage: String?) -> String {
        var parts = ["We have your message, but nobody can answer right now."]
        if let last = emergencyNumbers.last {
            let others = emergencyNumbers.dropLast().joined(separator: ", ")
            let numbers = others.isEmpty ? last : others + " or " + last
            parts.append("If you are in danger, call \(numbers).")
        }
        if let helpPage { parts.append("Other help: \(helpPage)") }
        return parts.joined(separator: " ")
    }

    /// The provider's id when it already fits a client id; otherwise its SHA-256, so ids with other
    /// characters (WhatsApp's `wamid.…=`) or longer ones still key the message uniquely.
    static func clientID(forProviderID id: String) -> String {
        IncomingFrame.isValidClientID(id) ? id : SHA256.hex(of: id)
    }
}
