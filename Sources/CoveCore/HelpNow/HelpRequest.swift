import Foundation

/// A child's question "who can I talk to right now?", once its parameters make sense.
public struct HelpRequest: Hashable, Sendable {
    /// ISO 3166-1 alpha-2, upper case.
    public let country: String
    /// BCP 47 tag of the language the child asked in.
    public let language: String?
    public let age: Int?
    /// A topic code such as "bullying"; it reorders the answer, never narrows it.
    public let topic: String?
    /// The instant "now" means.
    public let at: Date

    public init(country: String, language: String? = nil, age: Int? = nil, topic: String? = nil, at: Date) {
        self.country = country.uppercased()
        self.language = language
        self.age = age
        self.topic = topic
        self.at = at
    }
}

/// Why a request's parameters were refused, for a 400 that says which one to fix.
public enum HelpRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `parameter` is the query parameter as the client spelt it: "country", "caller", "lang", "age", "topic", "at".
    case invalid(parameter: String, reason: Reason)

    /// A stable code the server may localise or return as is; no prose, so no language is assumed.
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        /// Neither `country` nor `caller` was given.
        case missing
        /// Both `country` and `caller` were given; they might disagree, so neither wins.
        case conflicting = "both-country-and-caller"
        case notAlpha2 = "not-iso-3166-alpha-2"
        case unknownCountry = "unknown-country"
        case notAPhoneNumber = "not-a-phone-number"
        /// A valid number with no country: +800 freephone, an unassigned area code under +1.
        case noCountryForNumber = "no-country-for-number"
        /// The server has no dialling plan loaded, so it cannot read a caller's number.
        case diallingPlanUnavailable = "dialling-plan-unavailable"
        case notBCP47 = "not-bcp-47"
        case notAnInteger = "not-an-integer"
        case outOfRange = "out-of-range"
        case notATopicCode = "not-a-topic-code"
        case notISO8601WithOffset = "not-iso-8601-with-offset"
    }

    public var parameter: String {
        switch self { case .invalid(let parameter, _): parameter }
    }

    public var reason: Reason {
        switch self { case .invalid(_, let reason): reason }
    }

    /// For logs: "country: not-iso-3166-alpha-2".
    public var description: String { "\(parameter): \(reason.rawValue)" }
}
