import Foundation

extension RoutingBoard {
    /// Rebuilds a board from what the database holds, so any instance can route: counsellors
    /// with the number of conversations each has open, the queue, and the offers still out.
    /// Offers for conversations no longer waiting, or to counsellors not on the board, are dropped.
    public init(counsellors: [Counsellor], openCounts: [UUID: Int], waiting: [Conversation],
                excluded: [UUID: Set<UUID>], offers: [Offer], languageFallbackAfter: TimeInterval = 120) {
        self.init(counsellors: counsellors, languageFallbackAfter: languageFallbackAfter)
        for (id, count) in openCounts where self.counsellors[id] != nil {
            self.counsellors[id]?.activeCount = count
        }
        for var conversation in waiting {
            conversation.excludedCounsellors = excluded[conversation.id] ?? []
            self.waiting[conversation.id] = conversation
        }
        for offer in offers where self.waiting[offer.conversationID] != nil && self.counsellors[offer.counsellorID] != nil {
            self.offers[offer.conversationID] = offer
        }
    }
}
