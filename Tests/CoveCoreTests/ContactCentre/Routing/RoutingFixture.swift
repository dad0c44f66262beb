import Foundation
@testable import CoveCore

/// Small boards with readable ids: counsellors 1–99, conversations 100 and up, helplines 900 and up.
enum RoutingFixture {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let helpline = id(900)
    static let otherHelpline = id(901)
    static let timeout: TimeInterval = 30

    /// `start` plus some seconds, so each test reads as a timeline.
    static func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    static func id(_ number: Int) -> UUID {
        let digits = String(number)
        let text = "00000000-0000-0000-0000-" + String(repeating: "0", count: 12 - digits.count) + digits
        guard let id = UUID(uuidString: text) else { preconditionFailure("not a UUID: \(text)") }
        return id
    }

    static func counsellor(_ number: Int, languages: Set<String> = ["en"], capacity: Int = 1,
                           idleSince seconds: TimeInterval = 0, helplines: Set<UUID> = [helpline],
                           status: RoutingBoard.Counsellor.Status = .available,
                           isSupervisor: Bool = false) -> RoutingBoard.Counsellor {
        RoutingBoard.Counsellor(id: id(number), helplineIDs: helplines, languages: languages, capacity: capacity,
                                status: status, idleSince: at(seconds), isSupervisor: isSupervisor)
    }

    static func conversation(_ number: Int, language: String = "en", priority: ConversationPriority = .normal,
                             waitingSince seconds: TimeInterval = 0,
                             helpline: UUID = helpline) -> RoutingBoard.Conversation {
        RoutingBoard.Conversation(id: id(number), helplineID: helpline, language: language, priority: priority,
                                  waitingSince: at(seconds))
    }

    static func board(_ counsellors: [RoutingBoard.Counsellor], waiting: [RoutingBoard.Conversation] = [],
                      languageFallbackAfter: TimeInterval = 120) throws -> RoutingBoard {
        var board = RoutingBoard(counsellors: counsellors, languageFallbackAfter: languageFallbackAfter)
        for conversation in waiting { try board.enqueue(conversation) }
        return board
    }
}

extension RoutingBoard {
    /// Who holds the offer of a conversation, as a fixture number (id 7 → 7).
    func offeredTo(_ conversation: Int) -> Int? {
        offers[RoutingFixture.id(conversation)].map { Self.number($0.counsellorID) }
    }

    /// Offers made at `seconds`, as conversation → counsellor numbers.
    mutating func offer(at seconds: TimeInterval) -> [Int: Int] {
        let made = makeOffers(at: RoutingFixture.at(seconds), offerTimeout: RoutingFixture.timeout)
        return Dictionary(uniqueKeysWithValues: made.map {
            (Self.number($0.conversationID), Self.number($0.counsellorID))
        })
    }

    /// Opens a conversation with a chosen counsellor through a direct offer and its acceptance,
    /// for tests about what happens once conversations are open.
    mutating func open(_ conversation: RoutingBoard.Conversation, with counsellor: Int,
                       at seconds: TimeInterval) throws {
        try enqueue(conversation)
        let now = RoutingFixture.at(seconds)
        offers[conversation.id] = Offer(conversationID: conversation.id, counsellorID: RoutingFixture.id(counsellor),
                                        offeredAt: now, expiresAt: now.addingTimeInterval(RoutingFixture.timeout))
        try accept(conversation: conversation.id, by: RoutingFixture.id(counsellor), at: now)
    }

    func counsellor(_ number: Int) -> Counsellor? { counsellors[RoutingFixture.id(number)] }

    private static func number(_ id: UUID) -> Int { Int(id.uuidString.suffix(12)) ?? -1 }
}
