import Foundation

/// Text reduced to what priority keywords are compared with: folded for case, accents and
/// width, cut into words at every run of spaces, punctuation and symbols.
struct FoldedText: Sendable {
    /// Languages written without spaces between words, matched by substring instead of by word.
    static let unspacedLanguages: Set<String> = ["zh", "ja", "th", "lo", "km", "my"]

    let words: [String]
    /// The words run together, for unspaced languages, where a child may still type spaces.
    let unspaced: String

    init(_ text: String) {
        words = Self.fold(text).unicodeScalars
            .split(whereSeparator: { !Self.isWordPart($0) })
            .map { String(Substring($0)) }
        unspaced = words.joined()
    }

    /// Whether `phrase` appears as whole, consecutive words, so "skill" never matches "kill".
    func contains(words phrase: [String]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= words.count else { return false }
        return (0...(words.count - phrase.count)).contains { start in
            words[start..<(start + phrase.count)].elementsEqual(phrase)
        }
    }

    /// Foundation's folding first; then compatibility decomposition and removal of the marks
    /// left over, because on Linux the folding keeps Arabic vowel signs and hamza. Arabic
    /// spellings that children use interchangeably are made one.
    static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive],
                                  locale: nil)
        var kept = String.UnicodeScalarView()
        for scalar in folded.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: continue
            default: break
            }
            guard scalar != arabicTatweel else { continue }
            kept.append(arabicVariants[scalar] ?? scalar)
        }
        return String(kept).lowercased()
    }

    /// The elongation stroke, which only stretches a word on screen.
    private static let arabicTatweel: Unicode.Scalar = "\u{0640}"

    /// Alef maksura written for yeh, and teh marbuta written for heh.
    private static let arabicVariants: [Unicode.Scalar: Unicode.Scalar] = [
        "\u{0649}": "\u{064A}", "\u{0629}": "\u{0647}",
    ]

    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .spacingMark:
            true
        default:
            false
        }
    }
}
