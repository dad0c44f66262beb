import Foundation

/// How a dataflow keeps small counts from identifying a child. Each dataflow picks one, since a
/// national helpline's monthly table and a global yearly one need different protection.
///
/// JSON: `{"method":"suppression","threshold":5}` or `{"method":"rounding","base":3}`.
public enum DisclosureRule: Hashable, Sendable {
    /// Counts from 1 to `threshold` − 1 are hidden, with whatever else would reveal them.
    case suppress(threshold: Int)
    /// Every count becomes a multiple of `base`, up or down at random, so nothing is hidden but
    /// no published count is known to be exact.
    case randomRounding(base: Int)

    public static let defaultThreshold = 5
    public static let roundingBases: Set<Int> = [3, 5]
    public static let standard = DisclosureRule.suppress(threshold: defaultThreshold)
}

extension DisclosureRule: Codable {
    private enum CodingKeys: String, CodingKey {
        case method, threshold, base
    }

    private enum Method: String, Codable {
        case suppression, rounding
    }

    /// Refuses thresholds below 2 and bases other than 3 or 5: a configuration typo must not
    /// quietly publish small counts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Method.self, forKey: .method) {
        case .suppression:
            let threshold = try container.decodeIfPresent(Int.self, forKey: .threshold) ?? Self.defaultThreshold
            guard threshold >= 2 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .threshold, in: container, debugDescription: "threshold must be at least 2")
            }
            self = .suppress(threshold: threshold)
        case .rounding:
            let base = try container.decode(Int.self, forKey: .base)
            guard Self.roundingBases.contains(base) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .base, in: container, debugDescription: "rounding base must be 3 or 5")
            }
            self = .randomRounding(base: base)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .suppress(let threshold):
            try container.encode(Method.suppression, forKey: .method)
            try container.encode(threshold, forKey: .threshold)
        case .randomRounding(let base):
            try container.encode(Method.rounding, forKey: .method)
            try container.encode(base, forKey: .base)
        }
    }
}
