import Foundation
import Testing
@testable import CoveCore

@Suite("Routing: queue position, estimate and supervisor view")
struct RoutingBoardQueueTests {
    typealias F = RoutingFixture

    @Test func positionCountsOnlyTheSameHelplineAndLanguageInRoutingOrder() throws {
        let board = try F.board([F.counsellor(1)], waiting: [
            F.conversation(100, waitingSince: 0),
            F.conversation(101, language: "fr", waitingSince: 1),
            F.conversation(102, waitingSince: 2, helpline: F.otherHelpline),
            F.conversation(103, waitingSince: 3),
            F.conversation(104, priority: .urgent, waitingSince: 4),
        ])
        #expect(board.queuePosition(of: F.id(104)) == 1)
        #expect(board.queuePosition(of: F.id(100)) == 2)
        #expect(board.queuePosition(of: F.id(103)) == 3)
        #expect(board.queuePosition(of: F.id(101)) == 1)
        #expect(board.queuePosition(of: F.id(102)) == 1)
        #expect(board.queuePosition(of: F.id(999)) == nil)
    }

    @Test func estimateSharesThePositionAcrossTheCapacityOfThoseWhoCouldAnswer() throws {
        let board = try F.board([
            F.counsellor(1, capacity: 2), F.counsellor(2, capacity: 1),
            F.counsellor(3, capacity: 5, status: .away), F.counsellor(4, languages: ["fr"], capacity: 4),
        ], waiting: [F.conversation(100, waitingSince: 0), F.conversation(101, waitingSince: 1)])
        // Second in the queue, 600 s a conversation, three places among available English speakers.
        #expect(board.estimatedWait(of: F.id(101), averageHandlingTime: 600) == 400)
        #expect(board.estimatedWait(of: F.id(100), averageHandlingTime: 600) == 200)
        #expect(board.estimatedWait(of: F.id(999), averageHandlingTime: 600) == nil)
    }

    @Test func estimateUsesTheWholeHelplineWhenNobodyAvailableSpeaksTheLanguage() throws {
        let board = try F.board([F.counsellor(1, capacity: 2), F.counsellor(2, capacity: 2)],
                                waiting: [F.conversation(100, language: "ar")])
        #expect(board.estimatedWait(of: F.id(100), averageHandlingTime: 600) == 150)
    }

    @Test func noEstimateWhenNobodyCouldAnswer() throws {
        var board = try F.board([F.counsellor(1, status: .away), F.counsellor(2, helplines: [F.otherHelpline])],
                                waiting: [F.conversation(100)])
        #expect(board.estimatedWait(of: F.id(100), averageHandlingTime: 600) == nil)
        try board.setStatus(.available, for: F.id(1), at: F.at(10))
        #expect(board.estimatedWait(of: F.id(100), averageHandlingTime: 600) == 600)
    }

    @Test func supervisorViewSumsUpQueuesAndLoads() throws {
        var board = try F.board([
            F.counsellor(1, capacity: 3), F.counsellor(2, status: .away),
            F.counsellor(9, helplines: [F.helpline, F.otherHelpline], isSupervisor: true),
        ])
        try board.open(F.conversation(100), with: 1, at: 0)
        try board.enqueue(F.conversation(101, waitingSince: 10))
        try board.enqueue(F.conversation(102, priority: .high, waitingSince: 40))
        try board.enqueue(F.conversation(103, waitingSince: 30, helpline: F.otherHelpline))
        try board.setStatus(.away, for: F.id(9), at: F.at(45))
        _ = board.offer(at: 50)
        let view = board.supervisorView(at: F.at(100))

        #expect(view.queues.map(\.helplineID) == [F.helpline, F.otherHelpline])
        #expect(view.queues.map(\.waitingCount) == [2, 1])
        #expect(view.queues.map(\.longestWait) == [90, 70])
        #expect(view.queues.map(\.highestPriority) == [.high, .normal])
        #expect(view.queues.map(\.availableCounsellors) == [1, 0])
        #expect(view.waitingCount == 3 && view.longestWait == 90)

        let loads = view.counsellors
        #expect(loads.map(\.counsellorID) == [F.id(1), F.id(2), F.id(9)])
        #expect(loads.map(\.status) == [.available, .away, .away])
        #expect(loads.map(\.activeCount) == [1, 0, 0])
        #expect(loads.map(\.offeredCount) == [2, 0, 0])
        #expect(loads.map(\.capacity) == [3, 1, 1])
        #expect(loads.map(\.isSupervisor) == [false, false, true])
    }

    @Test func anEmptyBoardHasAnEmptyView() {
        let view = RoutingBoard().supervisorView(at: F.start)
        #expect(view.queues.isEmpty && view.counsellors.isEmpty && view.waitingCount == 0 && view.longestWait == 0)
    }

    @Test func theBoardSurvivesEncoding() throws {
        var board = try F.board([F.counsellor(1, capacity: 2)], waiting: [F.conversation(100), F.conversation(101)])
        try board.open(F.conversation(102), with: 1, at: 0)
        _ = board.offer(at: 1)
        let decoded = try JSONDecoder().decode(RoutingBoard.self, from: JSONEncoder().encode(board))
        #expect(decoded == board)
    }
}
