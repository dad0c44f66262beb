import Foundation

/// Why a routing operation was refused; each case names the conversation or counsellor concerned.
/// A refused operation leaves the board as it was.
public enum RoutingError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownCounsellor(UUID)
    case duplicateCounsellor(UUID)
    case duplicateConversation(UUID)
    case notWaiting(UUID)
    case notOffered(conversation: UUID, counsellor: UUID)
    case offerLapsed(conversation: UUID)
    case notAssigned(conversation: UUID, counsellor: UUID)
    case sameCounsellor(UUID)
    case doesNotServeHelpline(counsellor: UUID, helpline: UUID)
    case notAvailable(UUID)
    case noRoom(UUID)

    public var description: String {
        switch self {
        case .unknownCounsellor(let id):
            "counsellor \(id) is not on the routing board"
        case .duplicateCounsellor(let id):
            "counsellor \(id) is already on the routing board"
        case .duplicateConversation(let id):
            "conversation \(id) is already waiting or open"
        case .notWaiting(let id):
            "conversation \(id) is not waiting in the queue"
        case .notOffered(let conversation, let counsellor):
            "conversation \(conversation) is not offered to counsellor \(counsellor)"
        case .offerLapsed(let conversation):
            "the offer of conversation \(conversation) has lapsed; it goes back to the queue"
        case .notAssigned(let conversation, let counsellor):
            "conversation \(conversation) is not open with counsellor \(counsellor)"
        case .sameCounsellor(let id):
            "counsellor \(id) already has this conversation"
        case .doesNotServeHelpline(let counsellor, let helpline):
            "counsellor \(counsellor) does not answer for helpline \(helpline)"
        case .notAvailable(let id):
            "counsellor \(id) is away; only a supervisor takes transfers while away"
        case .noRoom(let id):
            "counsellor \(id) has no room for another conversation"
        }
    }
}
