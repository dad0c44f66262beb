import Foundation

/// One libphonenumber regular expression, compiled once when the plan loads.
///
/// libphonenumber writes its patterns for Java's `java.util.regex`; the ones in its metadata use
/// only literals, classes, `\d`, `(?:…)`, capture groups, `|`, `?` and `{m,n}`, which ICU (behind
/// `NSRegularExpression`) reads identically. The patterns in the data file are unanchored, as in
/// libphonenumber, so we anchor here: `\A…\z` for a whole-number match (Java's `matches()`),
/// `\A…` for a prefix match (Java's `lookingAt()`). Input is ASCII digits only by then, so ICU's
/// Unicode-aware `\d` cannot widen a match.
///
/// `NSRegularExpression` is immutable and documented as safe to share between threads, which is
/// why this wrapper can promise `Sendable`.
struct DiallingPattern: @unchecked Sendable {
    enum Anchoring: Sendable { case whole, prefix }

    let source: String
    private let regex: NSRegularExpression

    init(_ source: String, _ anchoring: Anchoring) throws {
        self.source = source
        let anchored = anchoring == .whole ? "\\A(?:\(source))\\z" : "\\A(?:\(source))"
        regex = try NSRegularExpression(pattern: anchored)
    }

    /// Java `matches()` for `.whole`, `lookingAt()` for `.prefix`.
    func matches(_ digits: String) -> Bool {
        firstMatch(in: digits) != nil
    }

    func firstMatch(in digits: String) -> NSTextCheckingResult? {
        regex.firstMatch(in: digits, range: NSRange(digits.startIndex..., in: digits))
    }

    /// The text a match's template produces, e.g. `1481$1` for Guernsey's six-digit local numbers.
    func replacement(for match: NSTextCheckingResult, in digits: String, template: String) -> String {
        regex.replacementString(for: match, in: digits, offset: 0, template: template)
    }
}
