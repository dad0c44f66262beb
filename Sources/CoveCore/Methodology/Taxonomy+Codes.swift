// The taxonomy's fixed code lists as Swift enums, for the rules and rollups that branch on them.
// Their raw values are the taxonomy's codes; a test holds the two in step both ways.

/// The reporting bands of age (DESIGN.md §5), which is how statistics publish ages.
public enum AgeBand: String, CaseIterable, Codable, Sendable {
    case zeroToNine = "0-9"
    case tenToTwelve = "10-12"
    case thirteenToFifteen = "13-15"
    case sixteenToSeventeen = "16-17"
    case eighteenToTwentyFive = "18-25"
    case overTwentyFive = "over-25"
    case unknown

    /// The years a closed band covers; nil for the open band over 25 and for unknown.
    public var years: ClosedRange<Int>? {
        switch self {
        case .zeroToNine: 0...9
        case .tenToTwelve: 10...12
        case .thirteenToFifteen: 13...15
        case .sixteenToSeventeen: 16...17
        case .eighteenToTwentyFive: 18...25
        case .overTwentyFive, .unknown: nil
        }
    }

    /// The band of an age in whole years: nil is unknown, and anything above 25 is over 25.
    ///
    /// A negative age also counts as unknown rather than trapping: finalising refuses ages outside
    /// 0…120, so only a draft can hold one, and a draft is never counted.
    public static func band(forAge age: Int?) -> AgeBand {
        guard let age, age >= 0 else { return .unknown }
        return allCases.first { $0.years?.contains(age) == true } ?? .overTwentyFive
    }
}

/// An age as a contact records it: a single year up to 25, then only "over 25", or unknown.
public enum RecordedAge: Hashable, Sendable {
    case years(Int)
    case overTwentyFive
    case unknown

    /// The ages recorded one by one; older callers are adults, whose exact age the methodology does not need.
    public static let singleYears = 0...25

    /// A negative age is unknown, as in `AgeBand.band(forAge:)`.
    public init(age: Int?) {
        switch age {
        case let age? where Self.singleYears.contains(age): self = .years(age)
        case let age? where age > Self.singleYears.upperBound: self = .overTwentyFive
        default: self = .unknown
        }
    }

    /// The taxonomy's code: "14", "over-25" or "unknown".
    public var code: String {
        switch self {
        case .years(let years): String(years)
        case .overTwentyFive: "over-25"
        case .unknown: "unknown"
        }
    }

    public var band: AgeBand {
        switch self {
        case .years(let years): .band(forAge: years)
        case .overTwentyFive: .overTwentyFive
        case .unknown: .unknown
        }
    }
}

public enum Gender: String, CaseIterable, Codable, Sendable {
    case girl, boy
    case nonBinary = "non-binary"
    case unknown
}

/// How a contact reached the helpline, as statistics count it.
///
/// Not `Channel`: Vapor re-exports NIO's `Channel`, and server files see both modules.
public enum ContactChannel: String, CaseIterable, Codable, Sendable {
    case voice, sms
    case webChat = "web-chat"
    case whatsApp = "whatsapp"
    case other

    /// The statistical channel of a directory contact point; email and apps are counted as other.
    public init(_ channel: ContactPoint.Channel) {
        switch channel {
        case .voice: self = .voice
        case .sms: self = .sms
        case .webChat: self = .webChat
        case .whatsApp: self = .whatsApp
        case .email, .app: self = .other
        }
    }
}

/// Who a contact was about, or that it held no counselling.
public enum ContactType: String, CaseIterable, Codable, Sendable {
    case childSelf = "child-self"
    case aboutChild = "about-child"
    case nonCounselling = "non-counselling"

    public var isCounselling: Bool { self != .nonCounselling }
}
