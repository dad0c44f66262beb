import CoveCore

extension RoutingError {
    /// A short code for the console, which words it in the counsellor's language.
    var code: String {
        switch self {
        case .unknownCounsellor: "unknown-counsellor"
        case .duplicateCounsellor, .duplicateConversation: "duplicate"
        case .notWaiting: "not-waiting"
        case .notOffered: "not-offered"
        case .offerLapsed: "offer-lapsed"
        case .notAssigned: "not-assigned"
        case .sameCounsellor: "same-counsellor"
        case .doesNotServeHelpline: "other-helpline"
        case .notAvailable: "colleague-away"
        case .noRoom: "colleague-full"
        }
    }
}
