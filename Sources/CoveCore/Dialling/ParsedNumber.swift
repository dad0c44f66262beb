import Foundation

/// A caller's number, split into calling code and national number and attributed to a region.
public struct ParsedNumber: Sendable, Hashable, CustomStringConvertible {
    /// Country calling code, e.g. 1, 7, 44.
    public let countryCode: Int
    /// National significant number: digits only, trunk prefix removed ("7700900123").
    public let nationalNumber: String
    /// ISO 3166-1 alpha-2 region; nil when a shared calling code's number matches no region's
    /// ranges (e.g. an unassigned NANP area code) or the code is non-geographic (+800, +882…).
    public let region: String?

    public init(countryCode: Int, nationalNumber: String, region: String?) {
        self.countryCode = countryCode
        self.nationalNumber = nationalNumber
        self.region = region
    }

    /// "+447700900123".
    public var e164: String { "+\(countryCode)\(nationalNumber)" }

    public var description: String { e164 + (region.map { " (\($0))" } ?? "") }
}

/// Why a caller's number could not be parsed. Messages name the input so a log line is enough.
public enum DiallingError: Error, Hashable, CustomStringConvertible {
    /// Nothing but blanks or separators.
    case empty
    /// Letters, as in vanity numbers ("1-800-FLOWERS") or a name in the caller-ID field.
    case containsLetters(String)
    /// A character that is neither a digit, a separator ( .-/()) nor a leading "+".
    case unexpectedCharacter(Character, in: String)
    /// Fewer digits than any number under this calling code has.
    case tooShort(String, minimumDigits: Int)
    /// More digits than any number under this calling code has.
    case tooLong(String, maximumDigits: Int)
    /// The digits after "+" or an international prefix start with no assigned calling code.
    case unknownCallingCode(String)
    /// A national-format number, with no country hint to say which country's.
    case nationalNumberWithoutCountryHint(String)
    /// The country hint is not a region in the dialling plan.
    case unknownRegion(String)

    public var description: String {
        switch self {
        case .empty:
            "the number is empty"
        case .containsLetters(let input):
            "\"\(input)\" contains letters; a phone number has only digits, separators and a leading +"
        case .unexpectedCharacter(let character, let input):
            "\"\(input)\" contains \"\(character)\", which is not a digit, separator or leading +"
        case .tooShort(let input, let minimum):
            "\"\(input)\" is too short: numbers there have at least \(minimum) digits after the calling code"
        case .tooLong(let input, let maximum):
            "\"\(input)\" is too long: numbers there have at most \(maximum) digits after the calling code"
        case .unknownCallingCode(let digits):
            "no country calling code starts +\(digits)"
        case .nationalNumberWithoutCountryHint(let input):
            "\"\(input)\" has no + or international prefix, and no country hint says which country it belongs to"
        case .unknownRegion(let hint):
            "\"\(hint)\" is not a known ISO 3166-1 alpha-2 region"
        }
    }
}
