import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import CoveServer

@Suite("Coalescer")
struct CoalescerTests {
    /// Work that records the mark it started at and waits until the test lets it finish.
    final class Probe: Sendable {
        let mark = NIOLockedValueBox(0)
        let started = NIOLockedValueBox<[Int]>([])
        private let releases = NIOLockedValueBox<[CheckedContinuation<Void, Never>]>([])

        func work() async throws -> Int {
            let mark = self.mark.withLockedValue { $0 }
            started.withLockedValue { $0.append(mark) }
            await withCheckedContinuation { continuation in releases.withLockedValue { $0.append(continuation) } }
            return mark
        }

        /// Lets the oldest waiting run finish, once it has started.
        func releaseNext() async throws {
            for _ in 0..<2_500 {
                let next = releases.withLockedValue { $0.isEmpty ? nil : $0.removeFirst() }
                if let next { return next.resume() }
                try await Task.sleep(for: .milliseconds(2))
            }
            Issue.record("no run was waiting to be released")
        }

        /// Waits (on a busy machine, for a while) until `count` runs have started.
        func waitForStarts(_ count: Int) async throws {
            for _ in 0..<2_500 {
                if started.withLockedValue({ $0.count }) >= count { return }
                try await Task.sleep(for: .milliseconds(2))
            }
            Issue.record("\(count) runs did not start")
        }
    }

    @Test func callersDuringARunShareOneFollowingRunThatSeesTheirChange() async throws {
        let probe = Probe()
        let coalescer = Coalescer<Int>(currentMark: { probe.mark.withLockedValue { $0 } })
        let first = Task { try await coalescer.value(atLeast: 0, work: probe.work) }
        try await probe.waitForStarts(1)
        probe.mark.withLockedValue { $0 = 1 }

        let later = (0..<10).map { _ in Task { try await coalescer.value(atLeast: 1, work: probe.work) } }
        try await probe.releaseNext()
        try await probe.releaseNext()

        #expect(try await first.value == 0)
        for caller in later { #expect(try await caller.value == 1) }
        #expect(probe.started.withLockedValue { $0 } == [0, 1])
        #expect(await coalescer.runCount == 2)
    }

    @Test func aResultNewEnoughIsReusedWithoutRunningAgain() async throws {
        let probe = Probe()
        probe.mark.withLockedValue { $0 = 5 }
        let coalescer = Coalescer<Int>(currentMark: { probe.mark.withLockedValue { $0 } })
        let first = Task { try await coalescer.value(atLeast: 5, work: probe.work) }
        try await probe.releaseNext()
        _ = try await first.value

        let again = try await coalescer.value(atLeast: 4, work: probe.work)

        #expect(again == 5)
        #expect(await coalescer.runCount == 1)
    }

    @Test func aFailedRunFailsItsCallersAndTheNextCallRunsAgain() async throws {
        struct Broken: Error {}
        let coalescer = Coalescer<Int>(currentMark: { 0 })

        await #expect(throws: Broken.self) { try await coalescer.value(atLeast: 0) { throw Broken() } }
        let value = try await coalescer.value(atLeast: 0) { 7 }

        #expect(value == 7)
        #expect(await coalescer.runCount == 2)
    }
}

@Suite("Chat mailbox")
struct ChatMailboxTests {
    @Test func eventsPostedWhileBusyMergeIntoOneWakeWithEachTopicOnce() async throws {
        let mailbox = ChatMailbox()
        let chat = UUID()
        for _ in 0..<3 {
            mailbox.post(.routing)
            mailbox.post(.conversation(chat))
        }
        mailbox.finish()

        var batches: [[ChatHub.Topic]] = []
        for await _ in mailbox.wakes { batches.append(mailbox.take()) }

        #expect(batches == [[.routing, .conversation(chat)]])
    }

    @Test func theHubCountsRoutingEventsAndDeliversToSubscribersOfTheTopic() async throws {
        let hub = ChatHub()
        let chat = UUID()
        let (_, console) = await hub.subscribe([.routing])
        let (_, child) = await hub.subscribe([.conversation(chat)])

        await hub.publish(.routing)
        await hub.publish(.routing)
        await hub.publish(.conversation(chat))

        #expect(hub.routingGeneration == 2)
        #expect(console.take() == [.routing])
        #expect(child.take() == [.conversation(chat)])
    }
}
