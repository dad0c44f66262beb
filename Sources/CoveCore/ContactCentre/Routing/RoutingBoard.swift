import Foundation

/// Who can answer, who is waiting, and which offers are out, for the text conversations of
/// one or more helplines.
///
/// A plain value, so the server can keep it in one place, persist it (it is `Codable`) and
/// test it: every change is a mutating call that is given the time, and a call that throws
/// leaves the board as it was. Conversations move waiting → offered → open (an assignment)
/// → finished, and an offer that is declined or lapses puts its conversation back in the queue.
public struct RoutingBoard: Equatable, Codable, Sendable {
    public internal(set) var counsellors: [UUID: Counsellor]
    /// Conversations in the queue, including those with an offer out.
    public internal(set) var waiting: [UUID: Conversation]
    /// Offers keyed by conversation, so a conversation can never have two at once.
    public internal(set) var offers: [UUID: Offer]
    /// Open conversations keyed by conversation.
    public internal(set) var assignments: [UUID: Assignment]
    /// How long a conversation waits for a counsellor who speaks its language before any
    /// counsellor of its helpline may take it. Applies only while no available counsellor of
    /// the helpline speaks the language at all: a busy speaker is worth waiting for.
    public var languageFallbackAfter: TimeInterval

    /// A counsellor listed twice keeps their first entry.
    public init(counsellors: [Counsellor] = [], languageFallbackAfter: TimeInterval = 120) {
        self.counsellors = Dictionary(counsellors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.waiting = [:]
        self.offers = [:]
        self.assignments = [:]
        self.languageFallbackAfter = languageFallbackAfter
    }

    public mutating func add(_ counsellor: Counsellor) throws {
        guard counsellors[counsellor.id] == nil else { throw RoutingError.duplicateCounsellor(counsellor.id) }
        counsellors[counsellor.id] = counsellor
    }

    /// Puts a new conversation in the queue; `makeOffers` routes it.
    public mutating func enqueue(_ conversation: Conversation) throws {
        guard waiting[conversation.id] == nil, assignments[conversation.id] == nil else {
            throw RoutingError.duplicateConversation(conversation.id)
        }
        waiting[conversation.id] = conversation
    }

    /// Moves a waiting conversation up, as when its messages match a priority rule. Never lowers
    /// it: a later, calmer message does not undo an earlier sign of danger.
    public mutating func raisePriority(of conversationID: UUID, to priority: ConversationPriority) throws {
        guard let conversation = waiting[conversationID] else { throw RoutingError.notWaiting(conversationID) }
        waiting[conversationID]?.priority = max(conversation.priority, priority)
    }

    /// Takes a conversation out of the queue because the child left before anyone answered.
    /// Returns the offer it withdraws, so that counsellor's console can drop it.
    @discardableResult
    public mutating func abandon(conversation conversationID: UUID) throws -> Offer? {
        guard waiting[conversationID] != nil else { throw RoutingError.notWaiting(conversationID) }
        waiting[conversationID] = nil
        return offers.removeValue(forKey: conversationID)
    }

    /// Waiting conversations in the order they are offered: highest priority, then longest
    /// waiting, then id so equal cases always come out the same way.
    public var routingOrder: [Conversation] {
        waiting.values.sorted {
            ($1.priority, $0.waitingSince, $0.id) < ($0.priority, $1.waitingSince, $1.id)
        }
    }

    /// Conversations open and offered: what counts against a counsellor's capacity.
    public func load(of counsellorID: UUID) -> Int {
        let offered = offers.values.count(where: { $0.counsellorID == counsellorID })
        return (counsellors[counsellorID]?.activeCount ?? 0) + offered
    }

    func hasRoom(_ counsellor: Counsellor) -> Bool {
        load(of: counsellor.id) < counsellor.capacity
    }

    /// Available counsellors who serve the conversation's helpline and speak its language or,
    /// when none of them does, every available counsellor of the helpline. Capacity and
    /// exclusions are left to the caller.
    func queuePool(for conversation: Conversation) -> (counsellors: [Counsellor], isFallback: Bool) {
        let helpline = counsellors.values.filter {
            $0.status == .available && $0.helplineIDs.contains(conversation.helplineID)
        }
        let speakers = helpline.filter { $0.speaks(conversation.language) }
        return speakers.isEmpty ? (helpline, true) : (speakers, false)
    }
}
