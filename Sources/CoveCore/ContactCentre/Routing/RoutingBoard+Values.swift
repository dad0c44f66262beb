import Foundation

extension RoutingBoard {
    /// Someone who answers conversations, as routing sees them. The board keeps `status`,
    /// `activeCount` and `idleSince` up to date; change them through the board's operations.
    public struct Counsellor: Identifiable, Equatable, Codable, Sendable {
        public enum Status: String, Codable, Sendable {
            /// Taking offers from the queue.
            case available
            /// On a break or off the queue: gets no offers, keeps the conversations already open.
            case away
        }

        public let id: UUID
        public let helplineIDs: Set<UUID>
        /// BCP 47 primary subtags, lower-cased ("en", "sw"), so "en-GB" and "EN" meet "en".
        public let languages: Set<String>
        /// How many conversations this counsellor can hold at once.
        public let capacity: Int
        public let isSupervisor: Bool
        public internal(set) var status: Status
        public internal(set) var activeCount: Int
        /// When they last had no conversation left or came back from away. Routing prefers
        /// the longest idle among counsellors carrying the same load.
        public internal(set) var idleSince: Date

        public init(id: UUID, helplineIDs: Set<UUID>, languages: Set<String>, capacity: Int = 1,
                    status: Status = .available, idleSince: Date, isSupervisor: Bool = false) {
            self.id = id
            self.helplineIDs = helplineIDs
            self.languages = Set(languages.map(Language.primarySubtag(of:)))
            self.capacity = capacity
            self.isSupervisor = isSupervisor
            self.status = status
            self.activeCount = 0
            self.idleSince = idleSince
        }

        /// Whether they speak a language given as any BCP 47 tag.
        public func speaks(_ language: String) -> Bool { languages.contains(Language.primarySubtag(of: language)) }
    }

    /// A conversation waiting in the queue for a counsellor.
    public struct Conversation: Identifiable, Equatable, Codable, Sendable {
        public let id: UUID
        public let helplineID: UUID
        /// BCP 47 primary subtag, lower-cased.
        public let language: String
        public internal(set) var priority: ConversationPriority
        public let waitingSince: Date
        /// Counsellors who declined it or let its offer lapse; they are skipped while anyone
        /// else could take it, and the set is emptied when nobody else could.
        public internal(set) var excludedCounsellors: Set<UUID>

        public init(id: UUID, helplineID: UUID, language: String, priority: ConversationPriority = .normal,
                    waitingSince: Date) {
            self.id = id
            self.helplineID = helplineID
            self.language = Language.primarySubtag(of: language)
            self.priority = priority
            self.waitingSince = waitingSince
            self.excludedCounsellors = []
        }
    }

    /// A conversation put to one counsellor, who may accept it until `expiresAt`.
    public struct Offer: Equatable, Codable, Sendable {
        public let conversationID: UUID
        public let counsellorID: UUID
        public let offeredAt: Date
        public let expiresAt: Date

        public init(conversationID: UUID, counsellorID: UUID, offeredAt: Date, expiresAt: Date) {
            self.conversationID = conversationID
            self.counsellorID = counsellorID
            self.offeredAt = offeredAt
            self.expiresAt = expiresAt
        }

        public func isLive(at now: Date) -> Bool { now < expiresAt }
    }

    /// A conversation a counsellor has taken and not yet finished.
    public struct Assignment: Equatable, Codable, Sendable {
        public let conversation: Conversation
        public internal(set) var counsellorID: UUID
        /// When its current counsellor took it, by accepting or by transfer.
        public internal(set) var since: Date
    }
}
