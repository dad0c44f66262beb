/// Texts by language written on one line, `fr=Ligne enfance | ar=خط الطفل`, for the CSV and the form.
public enum LanguageTexts {
    public static func texts(from text: String) throws(LanguageTextsError) -> [String: String] {
        var texts: [String: String] = [:]
        for pair in text.components(separatedBy: "|").map({ $0.trimmingCharacters(in: .whitespaces) }) where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw .malformed(pair) }
            guard texts[parts[0]] == nil else { throw .repeated(parts[0]) }
            texts[parts[0]] = parts[1]
        }
        return texts
    }

    /// Sorted by language tag, so the same texts always write the same line.
    public static func text(for texts: [String: String]) -> String {
        texts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " | ")
    }
}

public enum LanguageTextsError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformed(String)
    case repeated(String)

    public var description: String {
        switch self {
        case .malformed(let pair): "\"\(pair)\" is not language=text, such as \"fr=Ligne enfance\""
        case .repeated(let tag): "\(tag) is given twice"
        }
    }
}
