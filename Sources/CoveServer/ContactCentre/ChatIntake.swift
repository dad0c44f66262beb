import CoveCore
import Fluent
import Vapor

/// Opens conversations: a child's web chat, or the first text from a number or handle. Refuses
/// plainly when the helpline is closed, has nobody on duty, or has too many children waiting,
/// so the child can be shown other ways to get help at once instead of waiting for nothing.
struct ChatIntake: Sendable {
    let db: any Database
    let protection: DataProtection
    let now: Date

    enum Refusal: String, Error, Sendable {
        /// The helpline does not take chats through Cove.
        case chatNotOffered = "chat-not-offered"
        /// Outside its hours, or nobody is on duty now.
        case closed
        /// Too many children are already waiting.
        case full
    }

    struct Opening: Sendable {
        var helpline: Helpline
        var settings: ContactCentreSettings
    }

    /// Checks that `helpline` takes a new conversation now.
    func opening(for helpline: Helpline) async throws -> Result<Opening, Refusal> {
        let helplineID = try helpline.requireID()
        guard let settings = try await ContactCentreSettings.query(on: db).filter(\.$helpline.$id == helplineID).first(),
              settings.chatEnabled else { return .failure(.chatNotOffered) }
        if let schedule = helpline.schedule, !schedule.isOpen(at: now) { return .failure(.closed) }
        guard try await CounsellorRoster(db: db).availableCount(for: helpline) > 0 else { return .failure(.closed) }
        let waiting = try await Conversation.query(on: db)
            .filter(\.$helpline.$id == helplineID).filter(\.$state == .waiting).count()
        guard waiting < settings.maximumWaiting else { return .failure(.full) }
        return .success(Opening(helpline: helpline, settings: settings))
    }

    struct WebChat: Sendable {
        var conversation: Conversation
        var token: String
    }

    func startWebChat(at opening: Opening, language: String, nickname: String?, age: Int?) async throws -> WebChat {
        let conversation = Conversation(helplineID: try opening.helpline.requireID(), channel: ContactChannel.webChat.rawValue,
                                        language: language, at: now)
        let (token, hash) = ConversationStore.newAccessToken()
        conversation.accessTokenHash = hash
        conversation.childAge = age
        if let nickname, !nickname.isEmpty {
            conversation.sealedNickname = try protection.sealer.seal(nickname, context: Self.nicknameContext(conversation.id!))
        }
        try await db.writeTransaction { db in
            try await conversation.create(on: db)
            try await OperationsRollups.offered(conversation, helpline: opening.helpline, on: db)
        }
        return WebChat(conversation: conversation, token: token)
    }

    static func nicknameContext(_ id: UUID) -> String { "conversation-nickname:\(id.uuidString)" }
}
