import Foundation

/// What a supervisor watches on the floor: each helpline's queue and each counsellor's load.
public struct SupervisorView: Equatable, Codable, Sendable {
    public struct Queue: Equatable, Codable, Sendable {
        public let helplineID: UUID
        public let waitingCount: Int
        /// How long the longest-waiting conversation has waited; zero when nobody waits.
        public let longestWait: TimeInterval
        /// The most pressing priority waiting; nil when nobody waits.
        public let highestPriority: ConversationPriority?
        /// Available counsellors who serve this helpline, whether or not they have room.
        public let availableCounsellors: Int
    }

    public struct CounsellorLoad: Equatable, Codable, Sendable {
        public let counsellorID: UUID
        public let status: RoutingBoard.Counsellor.Status
        public let activeCount: Int
        public let offeredCount: Int
        public let capacity: Int
        public let isSupervisor: Bool
    }

    /// One per helpline that has a conversation waiting or a counsellor, by helpline id.
    public let queues: [Queue]
    /// Every counsellor on the board, by id.
    public let counsellors: [CounsellorLoad]

    public var waitingCount: Int { queues.reduce(0) { $0 + $1.waitingCount } }
    public var longestWait: TimeInterval { queues.map(\.longestWait).max() ?? 0 }
}

extension RoutingBoard {
    public func supervisorView(at now: Date) -> SupervisorView {
        let byHelpline = Dictionary(grouping: waiting.values, by: \.helplineID)
        let served = counsellors.values.flatMap(\.helplineIDs)
        let helplineIDs = Set(byHelpline.keys).union(served).sorted()
        let queues = helplineIDs.map { helplineID in
            let waiting = byHelpline[helplineID] ?? []
            let available = counsellors.values.count(where: {
                $0.status == .available && $0.helplineIDs.contains(helplineID)
            })
            return SupervisorView.Queue(
                helplineID: helplineID, waitingCount: waiting.count,
                longestWait: waiting.map { max(0, now.timeIntervalSince($0.waitingSince)) }.max() ?? 0,
                highestPriority: waiting.map(\.priority).max(), availableCounsellors: available)
        }
        let loads = counsellors.values.sorted { $0.id < $1.id }.map { counsellor in
            SupervisorView.CounsellorLoad(
                counsellorID: counsellor.id, status: counsellor.status, activeCount: counsellor.activeCount,
                offeredCount: load(of: counsellor.id) - counsellor.activeCount, capacity: counsellor.capacity,
                isSupervisor: counsellor.isSupervisor)
        }
        return SupervisorView(queues: queues, counsellors: loads)
    }
}
