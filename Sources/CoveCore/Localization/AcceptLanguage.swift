/// Picks a language from an `Accept-Language` header (RFC 9110 §12.5.4).
public enum AcceptLanguage {
    public static func preferred(from header: String?, default fallback: Language = .default) -> Language {
        guard let header, !header.isEmpty else { return fallback }
        let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (Language, Double, Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = pieces.first, let language = Language(bcp47: range) else { return nil }
            let weight = pieces.dropFirst().compactMap(quality).first ?? 1
            return weight > 0 ? (language, weight, index) : nil
        }
        let best = ranked.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }.first
        return best?.0 ?? fallback
    }

    private static func quality(_ parameter: String) -> Double? {
        let pair = parameter.split(separator: "=", maxSplits: 1)
        guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "q" else { return nil }
        return Double(pair[1].trimmingCharacters(in: .whitespaces))
    }
}

import Foundation
