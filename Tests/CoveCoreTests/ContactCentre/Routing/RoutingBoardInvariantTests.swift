import Foundation
import Testing
@testable import CoveCore

/// Thousands of random operations, legal and not, on a small board; after every step the board
/// must still make sense, and a refused operation must have changed nothing.
@Suite("Routing: invariants under random operations")
struct RoutingBoardInvariantTests {
    typealias F = RoutingFixture

    static let helplines = [F.helpline, F.otherHelpline]
    static let languages = ["en", "fr", "ar"]

    @Test(arguments: [0x5EED_0001, 0xC0FE_2026, 0xB0A2_D000] as [UInt64])
    func invariantsHoldAfterEveryStep(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        var board = RoutingBoard(counsellors: Self.counsellors(using: &random), languageFallbackAfter: 60)
        var clock: TimeInterval = 0
        var nextConversation = 100
        for step in 0..<3_000 {
            clock += Double(Int.random(in: 0...15, using: &random))
            let before = board
            do {
                try Self.randomOperation(on: &board, at: F.at(clock), next: &nextConversation, using: &random)
            } catch {
                #expect(board == before, "step \(step): refused \(error) but changed the board")
            }
            Self.checkInvariants(of: board, step: step)
        }
        #expect(nextConversation > 200, "the run exercised enough conversations")
    }

    static func counsellors(using random: inout SplitMix64) -> [RoutingBoard.Counsellor] {
        (1...6).map { number in
            let helplines = Set(helplines.filter { _ in Bool.random(using: &random) })
            let spoken = Set(languages.filter { _ in Bool.random(using: &random) })
            return F.counsellor(number, languages: spoken, capacity: Int.random(in: 1...3, using: &random),
                                idleSince: Double(-number), helplines: helplines.isEmpty ? [F.helpline] : helplines,
                                isSupervisor: number == 6)
        }
    }

    /// One operation chosen at random: a tenth of them new conversations, a fifth routing
    /// passes, the rest what counsellors and children do, now and then with the wrong person.
    static func randomOperation(on board: inout RoutingBoard, at now: Date, next: inout Int,
                                using random: inout SplitMix64) throws {
        switch Int.random(in: 0..<10, using: &random) {
        case 0:
            next += 1
            try board.enqueue(RoutingBoard.Conversation(
                id: F.id(next), helplineID: helplines.randomElement(using: &random)!,
                language: languages.randomElement(using: &random)!,
                priority: ConversationPriority.allCases.randomElement(using: &random)!, waitingSince: now))
        case 1, 2:
            _ = board.makeOffers(at: now, offerTimeout: 20)
        case 3, 4, 5:
            try answerOffer(on: &board, at: now, using: &random)
        case 6, 7, 8:
            try actOnCounsellor(on: &board, at: now, using: &random)
        default:
            guard let conversationID = board.waiting.keys.sorted().randomElement(using: &random) else { return }
            if Bool.random(using: &random) {
                try board.abandon(conversation: conversationID)
            } else {
                try board.raisePriority(of: conversationID, to: .urgent)
            }
        }
    }

    /// Accepts (a quarter of the time by someone else) or declines an offer that may have lapsed.
    static func answerOffer(on board: inout RoutingBoard, at now: Date, using random: inout SplitMix64) throws {
        let offers = board.offers.values.sorted { $0.conversationID < $1.conversationID }
        guard let offer = offers.randomElement(using: &random) else { return }
        let someone = board.counsellors.keys.sorted().randomElement(using: &random)!
        switch Int.random(in: 0..<3, using: &random) {
        case 0: try board.decline(conversation: offer.conversationID, by: offer.counsellorID)
        default:
            let byOffered = Int.random(in: 0..<4, using: &random) > 0
            try board.accept(conversation: offer.conversationID, by: byOffered ? offer.counsellorID : someone,
                             at: now)
        }
    }

    /// Finishes or transfers an open conversation, or switches someone's status.
    static func actOnCounsellor(on board: inout RoutingBoard, at now: Date, using random: inout SplitMix64) throws {
        let someone = board.counsellors.keys.sorted().randomElement(using: &random)!
        let assignments = board.assignments.values.sorted { $0.conversation.id < $1.conversation.id }
        let assignment = assignments.randomElement(using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            guard let assignment else { return }
            try board.finish(conversation: assignment.conversation.id, counsellor: assignment.counsellorID, at: now)
        case 1:
            guard let assignment else { return }
            try board.transfer(conversation: assignment.conversation.id, from: assignment.counsellorID,
                               to: someone, at: now)
        default:
            try board.setStatus(Bool.random(using: &random) ? .available : .away, for: someone, at: now)
        }
    }

    static func checkInvariants(of board: RoutingBoard, step: Int) {
        for counsellor in board.counsellors.values {
            let open = board.assignments.values.count(where: { $0.counsellorID == counsellor.id })
            #expect(counsellor.activeCount == open, "step \(step): active count drifted")
            #expect(board.load(of: counsellor.id) <= counsellor.capacity, "step \(step): over capacity")
            if counsellor.status == .away {
                #expect(!board.offers.values.contains { $0.counsellorID == counsellor.id },
                        "step \(step): offer to an away counsellor")
            }
        }
        for (conversationID, offer) in board.offers {
            #expect(offer.conversationID == conversationID, "step \(step): offer filed under another conversation")
            #expect(board.waiting[conversationID] != nil, "step \(step): offer for a conversation not waiting")
        }
        #expect(Set(board.waiting.keys).isDisjoint(with: board.assignments.keys),
                "step \(step): a conversation both waiting and open")
    }
}
