import Foundation

extension RoutingBoard {
    /// Where a waiting conversation stands, from 1, among those waiting for the same helpline in
    /// the same language, in routing order; nil when it is not waiting. A child is shown this,
    /// so it counts only the conversations they are really behind.
    public func queuePosition(of conversationID: UUID) -> Int? {
        guard let conversation = waiting[conversationID] else { return nil }
        let queue = routingOrder.filter {
            $0.helplineID == conversation.helplineID && $0.language == conversation.language
        }
        return queue.firstIndex { $0.id == conversationID }.map { $0 + 1 }
    }

    /// A rough wait, simple enough to explain to a child or a supervisor: the position in the
    /// queue times the average handling time, shared across the capacity of the available
    /// counsellors who could take it (those who speak the language, or the whole helpline when
    /// nobody available does). Nil when nobody could take it now, so the page can say that no
    /// counsellor is free and show other ways to get help, rather than a made-up number.
    public func estimatedWait(of conversationID: UUID, averageHandlingTime: TimeInterval) -> TimeInterval? {
        guard let conversation = waiting[conversationID], let position = queuePosition(of: conversationID) else {
            return nil
        }
        let capacity = queuePool(for: conversation).counsellors.reduce(0) { $0 + max(0, $1.capacity) }
        guard capacity > 0 else { return nil }
        return Double(position) * averageHandlingTime / Double(capacity)
    }
}
