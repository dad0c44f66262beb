import Foundation

extension RoutingBoard {
    /// The offered counsellor takes the conversation: it leaves the queue and counts against
    /// their capacity until `finish` or `transfer`.
    public mutating func accept(conversation conversationID: UUID, by counsellorID: UUID, at now: Date) throws {
        let offer = try offer(of: conversationID, to: counsellorID)
        guard offer.isLive(at: now) else { throw RoutingError.offerLapsed(conversation: conversationID) }
        guard let conversation = waiting.removeValue(forKey: conversationID) else {
            throw RoutingError.notWaiting(conversationID)
        }
        offers[conversationID] = nil
        assignments[conversationID] = Assignment(conversation: conversation, counsellorID: counsellorID, since: now)
        counsellors[counsellorID]?.activeCount += 1
    }

    /// The offered counsellor turns the conversation down; it goes back to the queue and is
    /// not offered to them again while someone else could take it. Declining an offer that has
    /// just lapsed has the same effect, so it is not an error.
    public mutating func decline(conversation conversationID: UUID, by counsellorID: UUID) throws {
        _ = try offer(of: conversationID, to: counsellorID)
        offers[conversationID] = nil
        waiting[conversationID]?.excludedCounsellors.insert(counsellorID)
    }

    /// The conversation ends. A counsellor left with none becomes idle from `now`.
    public mutating func finish(conversation conversationID: UUID, counsellor counsellorID: UUID,
                                at now: Date) throws {
        try assignment(of: conversationID, to: counsellorID)
        assignments[conversationID] = nil
        release(counsellorID, at: now)
    }

    /// Switches a counsellor between available and away, and returns the offers this withdraws.
    /// Going away sends their offers back to the queue without counting as a decline (the
    /// conversations were not turned down) and keeps their open conversations with them.
    /// Coming back makes them idle from `now`, behind those who stayed.
    @discardableResult
    public mutating func setStatus(_ status: Counsellor.Status, for counsellorID: UUID,
                                   at now: Date) throws -> [Offer] {
        guard let counsellor = counsellors[counsellorID] else { throw RoutingError.unknownCounsellor(counsellorID) }
        guard counsellor.status != status else { return [] }
        counsellors[counsellorID]?.status = status
        guard status == .away else {
            counsellors[counsellorID]?.idleSince = now
            return []
        }
        let withdrawn = offers.values.filter { $0.counsellorID == counsellorID }.sorted {
            $0.conversationID < $1.conversationID
        }
        for offer in withdrawn { offers[offer.conversationID] = nil }
        return withdrawn
    }

    /// Hands an open conversation to a named colleague, who must serve its helpline, be
    /// available and have room. A supervisor takes transfers even while away from the queue,
    /// since supervisors often stay off it to watch the floor and still take escalations.
    /// Language is not checked: the counsellor choosing the colleague knows best.
    public mutating func transfer(conversation conversationID: UUID, from counsellorID: UUID, to colleagueID: UUID,
                                  at now: Date) throws {
        let assignment = try assignment(of: conversationID, to: counsellorID)
        guard colleagueID != counsellorID else { throw RoutingError.sameCounsellor(colleagueID) }
        guard let colleague = counsellors[colleagueID] else { throw RoutingError.unknownCounsellor(colleagueID) }
        let helplineID = assignment.conversation.helplineID
        guard colleague.helplineIDs.contains(helplineID) else {
            throw RoutingError.doesNotServeHelpline(counsellor: colleagueID, helpline: helplineID)
        }
        guard colleague.status == .available || colleague.isSupervisor else {
            throw RoutingError.notAvailable(colleagueID)
        }
        guard hasRoom(colleague) else { throw RoutingError.noRoom(colleagueID) }
        assignments[conversationID]?.counsellorID = colleagueID
        assignments[conversationID]?.since = now
        counsellors[colleagueID]?.activeCount += 1
        release(counsellorID, at: now)
    }

    private func offer(of conversationID: UUID, to counsellorID: UUID) throws -> Offer {
        guard counsellors[counsellorID] != nil else { throw RoutingError.unknownCounsellor(counsellorID) }
        guard let offer = offers[conversationID], offer.counsellorID == counsellorID else {
            throw RoutingError.notOffered(conversation: conversationID, counsellor: counsellorID)
        }
        return offer
    }

    @discardableResult
    private func assignment(of conversationID: UUID, to counsellorID: UUID) throws -> Assignment {
        guard counsellors[counsellorID] != nil else { throw RoutingError.unknownCounsellor(counsellorID) }
        guard let assignment = assignments[conversationID], assignment.counsellorID == counsellorID else {
            throw RoutingError.notAssigned(conversation: conversationID, counsellor: counsellorID)
        }
        return assignment
    }

    private mutating func release(_ counsellorID: UUID, at now: Date) {
        guard let counsellor = counsellors[counsellorID] else { return }
        let remaining = max(0, counsellor.activeCount - 1)
        counsellors[counsellorID]?.activeCount = remaining
        if remaining == 0 { counsellors[counsellorID]?.idleSince = now }
    }
}
