import Foundation

extension RoutingBoard {
    /// Withdraws every offer not accepted in time and returns them, oldest deadline first, so
    /// the server can clear them from counsellors' consoles. Their counsellors are excluded
    /// from the next round for those conversations.
    public mutating func expireOffers(at now: Date) -> [Offer] {
        let lapsed = offers.values.filter { !$0.isLive(at: now) }.sorted {
            ($0.expiresAt, $0.conversationID) < ($1.expiresAt, $1.conversationID)
        }
        for offer in lapsed {
            offers[offer.conversationID] = nil
            waiting[offer.conversationID]?.excludedCounsellors.insert(offer.counsellorID)
        }
        return lapsed
    }

    /// Offers every waiting conversation that has no live offer to the best counsellor free to
    /// take it, in routing order, and returns the new offers. Lapsed offers are expired first;
    /// call `expireOffers(at:)` beforehand to learn which.
    public mutating func makeOffers(at now: Date, offerTimeout: TimeInterval) -> [Offer] {
        _ = expireOffers(at: now)
        var made: [Offer] = []
        for conversation in routingOrder where offers[conversation.id] == nil {
            guard let counsellorID = nextCounsellor(for: conversation.id, at: now) else { continue }
            let offer = Offer(conversationID: conversation.id, counsellorID: counsellorID, offeredAt: now,
                              expiresAt: now.addingTimeInterval(offerTimeout))
            offers[conversation.id] = offer
            made.append(offer)
        }
        return made
    }

    /// Counsellors who may be offered this conversation now, ignoring capacity and exclusions:
    /// the queue's pool, except that the language fallback waits for `languageFallbackAfter`.
    func routingPool(for conversation: Conversation, at now: Date) -> [Counsellor] {
        let pool = queuePool(for: conversation)
        guard pool.isFallback else { return pool.counsellors }
        let hasWaitedEnough = now.timeIntervalSince(conversation.waitingSince) > languageFallbackAfter
        return hasWaitedEnough ? pool.counsellors : []
    }

    /// The counsellor to offer a conversation to: least loaded, then idle longest, then lowest id.
    /// Empties the exclusions when they cover the whole pool, so a conversation that everyone
    /// has passed over goes round again instead of starving.
    mutating func nextCounsellor(for conversationID: UUID, at now: Date) -> UUID? {
        guard let conversation = waiting[conversationID] else { return nil }
        let pool = routingPool(for: conversation, at: now)
        var excluded = conversation.excludedCounsellors
        if !pool.isEmpty, pool.allSatisfy({ excluded.contains($0.id) }) {
            excluded = []
            waiting[conversationID]?.excludedCounsellors = []
        }
        let candidates = pool.filter { !excluded.contains($0.id) && hasRoom($0) }
        let ranked = candidates.map { (load: load(of: $0.id), idleSince: $0.idleSince, id: $0.id) }
        return ranked.min { ($0.load, $0.idleSince, $0.id) < ($1.load, $1.idleSince, $1.id) }?.id
    }
}
