/// How soon a waiting conversation must reach a counsellor. Higher levels are offered first,
/// whatever their wait, so a child at risk never queues behind routine conversations.
public enum ConversationPriority: Int, CaseIterable, Codable, Comparable, Sendable, CustomStringConvertible {
    case normal
    case high
    case urgent

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .normal: "normal"
        case .high: "high"
        case .urgent: "urgent"
        }
    }
}
