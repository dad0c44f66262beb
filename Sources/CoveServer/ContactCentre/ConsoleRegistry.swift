import Foundation

/// Which counsellors have a console open on this instance. A counsellor whose last console
/// closes is set away after a grace period, so a closed laptop does not keep taking offers
/// that nobody will see; a reload or a short network drop within the grace changes nothing.
actor ConsoleRegistry {
    private var open: [UUID: Int] = [:]
    private var closedAt: [UUID: Date] = [:]

    func opened(by counsellorID: UUID) {
        open[counsellorID, default: 0] += 1
        closedAt[counsellorID] = nil
    }

    /// Returns true when this was the counsellor's last console here.
    func closed(by counsellorID: UUID, at now: Date) -> Bool {
        let remaining = max(0, (open[counsellorID] ?? 1) - 1)
        open[counsellorID] = remaining == 0 ? nil : remaining
        guard remaining == 0 else { return false }
        closedAt[counsellorID] = now
        return true
    }

    /// Whether the counsellor is still without a console since `since`.
    func stillAway(_ counsellorID: UUID, since: Date) -> Bool {
        open[counsellorID] == nil && closedAt[counsellorID] == since
    }
}
