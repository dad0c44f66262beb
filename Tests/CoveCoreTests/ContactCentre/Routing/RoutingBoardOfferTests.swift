import Foundation
import Testing
@testable import CoveCore

@Suite("Routing: offers")
struct RoutingBoardOfferTests {
    typealias F = RoutingFixture

    @Test func theLongestIdleCounsellorGetsTheOffer() throws {
        var board = try F.board([F.counsellor(1, idleSince: 50), F.counsellor(2, idleSince: 10),
                                 F.counsellor(3, idleSince: 30)], waiting: [F.conversation(100, waitingSince: 60)])
        #expect(board.offer(at: 70) == [100: 2])
    }

    @Test func equalIdleTimesGoToTheLowestID() throws {
        var board = try F.board([F.counsellor(4), F.counsellor(3)], waiting: [F.conversation(100)])
        #expect(board.offer(at: 1) == [100: 3])
    }

    @Test func aCounsellorWithNoConversationComesBeforeOneIdleLongerButBusy() throws {
        var board = try F.board([F.counsellor(1, capacity: 3, idleSince: 0), F.counsellor(2, idleSince: 40)])
        try board.open(F.conversation(100), with: 1, at: 50)
        try board.enqueue(F.conversation(101, waitingSince: 60))
        #expect(board.offer(at: 61) == [101: 2])
    }

    @Test func outstandingOffersCountAgainstCapacity() throws {
        var board = try F.board([F.counsellor(1, capacity: 2), F.counsellor(2, capacity: 1, idleSince: 5)],
                                waiting: (100...104).map { F.conversation($0, waitingSince: Double($0)) })
        let offers = board.offer(at: 200)
        #expect(offers == [100: 1, 101: 2, 102: 1])
        #expect(board.load(of: F.id(1)) == 2)
        #expect(board.offer(at: 201).isEmpty, "everyone is full with offers alone")
    }

    @Test func openConversationsCountAgainstCapacity() throws {
        var board = try F.board([F.counsellor(1, capacity: 2)])
        try board.open(F.conversation(100), with: 1, at: 0)
        try board.open(F.conversation(101), with: 1, at: 0)
        try board.enqueue(F.conversation(102, waitingSince: 10))
        #expect(board.offer(at: 11).isEmpty)
    }

    @Test func conversationsGoToCounsellorsWhoSpeakTheirLanguage() throws {
        var board = try F.board([F.counsellor(1, languages: ["en"]),
                                 F.counsellor(2, languages: ["sw", "en"], idleSince: 9)],
                                waiting: [F.conversation(100, language: "sw-KE", waitingSince: 10)])
        #expect(board.offer(at: 11) == [100: 2])
    }

    @Test func languageFallsBackOnlyAfterTheThresholdAndOnlyWhenNobodySpeaksIt() throws {
        var board = try F.board([F.counsellor(1, languages: ["en"])],
                                waiting: [F.conversation(100, language: "fr", waitingSince: 0)],
                                languageFallbackAfter: 120)
        #expect(board.offer(at: 60).isEmpty)
        #expect(board.offer(at: 120).isEmpty, "waited exactly the threshold, not longer")
        #expect(board.offer(at: 121) == [100: 1])
    }

    @Test func aBusySpeakerIsWaitedForInsteadOfFallingBack() throws {
        var board = try F.board([F.counsellor(1, languages: ["en"]), F.counsellor(2, languages: ["fr"])])
        try board.open(F.conversation(99, language: "fr"), with: 2, at: 0)
        try board.enqueue(F.conversation(100, language: "fr", waitingSince: 0))
        #expect(board.offer(at: 600).isEmpty)
        try board.setStatus(.away, for: F.id(2), at: F.at(601))
        #expect(board.offer(at: 602) == [100: 1], "with the only speaker away, the fallback applies")
    }

    @Test func fallbackStaysWithinTheHelpline() throws {
        var board = try F.board([F.counsellor(1, languages: ["fr"], helplines: [F.otherHelpline])],
                                waiting: [F.conversation(100, language: "fr")])
        #expect(board.offer(at: 1_000).isEmpty)
    }

    @Test func urgentConversationsGoBeforeOlderNormalOnes() throws {
        var board = try F.board([F.counsellor(1)], waiting: [
            F.conversation(100, priority: .normal, waitingSince: 0),
            F.conversation(101, priority: .high, waitingSince: 20),
            F.conversation(102, priority: .urgent, waitingSince: 40),
        ])
        #expect(board.routingOrder.map(\.id) == [F.id(102), F.id(101), F.id(100)])
        #expect(board.offer(at: 50) == [102: 1])
    }

    @Test func raisingPriorityMovesAConversationUpButNeverDown() throws {
        var board = try F.board([F.counsellor(1)], waiting: [F.conversation(100), F.conversation(101, waitingSince: 5)])
        try board.raisePriority(of: F.id(101), to: .urgent)
        try board.raisePriority(of: F.id(101), to: .high)
        #expect(board.waiting[F.id(101)]?.priority == .urgent)
        #expect(board.offer(at: 10) == [101: 1])
        #expect(throws: RoutingError.notWaiting(F.id(555))) { try board.raisePriority(of: F.id(555), to: .high) }
    }

    @Test func aConversationHasOneLiveOfferAtATime() throws {
        var board = try F.board([F.counsellor(1), F.counsellor(2, idleSince: 1)], waiting: [F.conversation(100)])
        #expect(board.offer(at: 10) == [100: 1])
        #expect(board.offer(at: 20).isEmpty)
        #expect(board.offers.count == 1)
    }

    @Test func aLapsedOfferMovesToTheNextCounsellor() throws {
        var board = try F.board([F.counsellor(1), F.counsellor(2, idleSince: 1)], waiting: [F.conversation(100)])
        _ = board.offer(at: 10)
        let lapsed = board.expireOffers(at: F.at(10 + F.timeout))
        #expect(lapsed.map(\.counsellorID) == [F.id(1)])
        #expect(board.waiting[F.id(100)]?.excludedCounsellors == [F.id(1)])
        #expect(board.offer(at: 41) == [100: 2])
    }

    @Test func makeOffersExpiresLapsedOffersItself() throws {
        var board = try F.board([F.counsellor(1), F.counsellor(2, idleSince: 1)], waiting: [F.conversation(100)])
        _ = board.offer(at: 10)
        #expect(board.offer(at: 10 + F.timeout) == [100: 2])
    }

    @Test func exclusionsResetWhenEveryEligibleCounsellorHasPassed() throws {
        var board = try F.board([F.counsellor(1), F.counsellor(2, idleSince: 1)], waiting: [F.conversation(100)])
        #expect(board.offer(at: 0) == [100: 1])
        try board.decline(conversation: F.id(100), by: F.id(1))
        #expect(board.offer(at: 1) == [100: 2])
        #expect(board.offer(at: 1 + F.timeout) == [100: 1], "both passed, so it goes round again")
        #expect(board.waiting[F.id(100)]?.excludedCounsellors == [])
    }

    @Test func anExcludedCounsellorIsNotReofferedWhileAnotherEligibleOneIsBusy() throws {
        var board = try F.board([F.counsellor(1), F.counsellor(2, idleSince: 1)])
        try board.open(F.conversation(99), with: 2, at: 0)
        try board.enqueue(F.conversation(100, waitingSince: 5))
        #expect(board.offer(at: 6) == [100: 1])
        try board.decline(conversation: F.id(100), by: F.id(1))
        #expect(board.offer(at: 7).isEmpty, "counsellor 2 has not passed on it and will be free")
        try board.finish(conversation: F.id(99), counsellor: F.id(2), at: F.at(8))
        #expect(board.offer(at: 9) == [100: 2])
    }
}
