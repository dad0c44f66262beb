import Foundation
import Testing
@testable import CoveCore

@Suite("Routing: accepting, finishing and transfers")
struct RoutingBoardActionTests {
    typealias F = RoutingFixture

    @Test func acceptingOpensTheConversation() throws {
        var board = try F.board([F.counsellor(1, capacity: 2)], waiting: [F.conversation(100)])
        _ = board.offer(at: 5)
        try board.accept(conversation: F.id(100), by: F.id(1), at: F.at(6))
        #expect(board.waiting.isEmpty && board.offers.isEmpty)
        #expect(board.assignments[F.id(100)]?.counsellorID == F.id(1))
        #expect(board.counsellor(1)?.activeCount == 1)
        #expect(board.counsellor(1)?.idleSince == F.at(0), "idle time only restarts when they are free again")
    }

    @Test func onlyTheOfferedCounsellorMayAcceptAndOnlyWhileTheOfferIsLive() throws {
        var board = try F.board([F.counsellor(1), F.counsellor(2, idleSince: 1)], waiting: [F.conversation(100)])
        _ = board.offer(at: 5)
        let before = board
        #expect(throws: RoutingError.notOffered(conversation: F.id(100), counsellor: F.id(2))) {
            try board.accept(conversation: F.id(100), by: F.id(2), at: F.at(6))
        }
        #expect(throws: RoutingError.offerLapsed(conversation: F.id(100))) {
            try board.accept(conversation: F.id(100), by: F.id(1), at: F.at(5 + F.timeout))
        }
        #expect(throws: RoutingError.unknownCounsellor(F.id(77))) {
            try board.accept(conversation: F.id(100), by: F.id(77), at: F.at(6))
        }
        #expect(board == before, "a refused accept changes nothing")
    }

    @Test func decliningRequiresTheOffer() throws {
        var board = try F.board([F.counsellor(1), F.counsellor(2, idleSince: 1)], waiting: [F.conversation(100)])
        _ = board.offer(at: 5)
        #expect(throws: RoutingError.notOffered(conversation: F.id(100), counsellor: F.id(2))) {
            try board.decline(conversation: F.id(100), by: F.id(2))
        }
        try board.decline(conversation: F.id(100), by: F.id(1))
        #expect(board.offers.isEmpty && board.waiting[F.id(100)]?.excludedCounsellors == [F.id(1)])
    }

    @Test func finishingFreesRoomAndRestartsIdleTimeOnlyWhenNoneAreLeft() throws {
        var board = try F.board([F.counsellor(1, capacity: 2)])
        try board.open(F.conversation(100), with: 1, at: 10)
        try board.open(F.conversation(101), with: 1, at: 20)
        try board.finish(conversation: F.id(100), counsellor: F.id(1), at: F.at(30))
        #expect(board.counsellor(1)?.activeCount == 1)
        #expect(board.counsellor(1)?.idleSince == F.at(0))
        try board.finish(conversation: F.id(101), counsellor: F.id(1), at: F.at(40))
        #expect(board.counsellor(1)?.activeCount == 0)
        #expect(board.counsellor(1)?.idleSince == F.at(40))
        #expect(throws: RoutingError.notAssigned(conversation: F.id(101), counsellor: F.id(1))) {
            try board.finish(conversation: F.id(101), counsellor: F.id(1), at: F.at(50))
        }
    }

    @Test func goingAwayWithdrawsOffersWithoutCountingAsADecline() throws {
        var board = try F.board([F.counsellor(1), F.counsellor(2, idleSince: 1)], waiting: [F.conversation(100)])
        _ = board.offer(at: 5)
        let withdrawn = try board.setStatus(.away, for: F.id(1), at: F.at(6))
        #expect(withdrawn.map(\.conversationID) == [F.id(100)])
        #expect(board.waiting[F.id(100)]?.excludedCounsellors == [])
        #expect(board.offer(at: 7) == [100: 2])
        #expect(throws: RoutingError.unknownCounsellor(F.id(9))) {
            try board.setStatus(.away, for: F.id(9), at: F.at(8))
        }
    }

    @Test func comingBackRestartsIdleTimeButRepeatingAStatusDoesNot() throws {
        var board = try F.board([F.counsellor(1, status: .away), F.counsellor(2, idleSince: 50)])
        try board.setStatus(.available, for: F.id(1), at: F.at(100))
        try board.setStatus(.available, for: F.id(1), at: F.at(200))
        #expect(board.counsellor(1)?.idleSince == F.at(100))
        try board.enqueue(F.conversation(100, waitingSince: 210))
        #expect(board.offer(at: 211) == [100: 2])
    }

    @Test func awayCounsellorsKeepTheirOpenConversations() throws {
        var board = try F.board([F.counsellor(1, capacity: 2)])
        try board.open(F.conversation(100), with: 1, at: 0)
        try board.setStatus(.away, for: F.id(1), at: F.at(1))
        #expect(board.assignments[F.id(100)]?.counsellorID == F.id(1))
        try board.enqueue(F.conversation(101, waitingSince: 2))
        #expect(board.offer(at: 3).isEmpty)
    }

    @Test func transferMovesTheConversationAndTheLoad() throws {
        var board = try F.board([F.counsellor(1), F.counsellor(2, languages: ["fr"], idleSince: 5)])
        try board.open(F.conversation(100), with: 1, at: 10)
        try board.transfer(conversation: F.id(100), from: F.id(1), to: F.id(2), at: F.at(20))
        #expect(board.assignments[F.id(100)]?.counsellorID == F.id(2))
        #expect(board.assignments[F.id(100)]?.since == F.at(20))
        #expect(board.counsellor(1)?.activeCount == 0 && board.counsellor(1)?.idleSince == F.at(20))
        #expect(board.counsellor(2)?.activeCount == 1)
    }

    @Test func transferIsRefusedWithAReason() throws {
        var board = try F.board([
            F.counsellor(1), F.counsellor(2), F.counsellor(3, helplines: [F.otherHelpline]),
            F.counsellor(4, status: .away), F.counsellor(5),
        ])
        try board.open(F.conversation(100), with: 1, at: 0)
        try board.open(F.conversation(101), with: 5, at: 0)
        let before = board
        let cases: [(UUID, UUID, RoutingError)] = [
            (F.id(2), F.id(3), .notAssigned(conversation: F.id(100), counsellor: F.id(2))),
            (F.id(1), F.id(1), .sameCounsellor(F.id(1))),
            (F.id(1), F.id(66), .unknownCounsellor(F.id(66))),
            (F.id(1), F.id(3), .doesNotServeHelpline(counsellor: F.id(3), helpline: F.helpline)),
            (F.id(1), F.id(4), .notAvailable(F.id(4))),
            (F.id(1), F.id(5), .noRoom(F.id(5))),
        ]
        for (from, to, error) in cases {
            #expect(throws: error) { try board.transfer(conversation: F.id(100), from: from, to: to, at: F.at(1)) }
        }
        #expect(board == before)
    }

    @Test func aSupervisorAwayFromTheQueueStillTakesTransfersWithinCapacity() throws {
        var board = try F.board([F.counsellor(1), F.counsellor(9, status: .away, isSupervisor: true)])
        try board.open(F.conversation(100), with: 1, at: 0)
        try board.transfer(conversation: F.id(100), from: F.id(1), to: F.id(9), at: F.at(5))
        #expect(board.counsellor(9)?.activeCount == 1)
        try board.open(F.conversation(101), with: 1, at: 6)
        #expect(throws: RoutingError.noRoom(F.id(9))) {
            try board.transfer(conversation: F.id(101), from: F.id(1), to: F.id(9), at: F.at(7))
        }
    }

    @Test func anOutstandingOfferTakesTheRoomATransferWouldNeed() throws {
        var board = try F.board([F.counsellor(1), F.counsellor(2, idleSince: 5)])
        try board.open(F.conversation(100), with: 1, at: 0)
        try board.enqueue(F.conversation(101, waitingSince: 1))
        #expect(board.offer(at: 2) == [101: 2])
        #expect(throws: RoutingError.noRoom(F.id(2))) {
            try board.transfer(conversation: F.id(100), from: F.id(1), to: F.id(2), at: F.at(3))
        }
    }

    @Test func abandoningWithdrawsTheOfferAndDuplicatesAreRefused() throws {
        var board = try F.board([F.counsellor(1)], waiting: [F.conversation(100)])
        _ = board.offer(at: 1)
        #expect(throws: RoutingError.duplicateConversation(F.id(100))) { try board.enqueue(F.conversation(100)) }
        #expect(throws: RoutingError.duplicateCounsellor(F.id(1))) { try board.add(F.counsellor(1)) }
        let withdrawn = try board.abandon(conversation: F.id(100))
        #expect(withdrawn?.counsellorID == F.id(1))
        #expect(board.waiting.isEmpty && board.offers.isEmpty)
        #expect(throws: RoutingError.notWaiting(F.id(100))) { try board.abandon(conversation: F.id(100)) }
    }

    @Test func errorsExplainThemselves() {
        let noRoom = RoutingError.noRoom(F.id(5)).description
        #expect(noRoom == "counsellor \(F.id(5)) has no room for another conversation")
        #expect(RoutingError.offerLapsed(conversation: F.id(100)).description.contains("lapsed"))
    }
}
