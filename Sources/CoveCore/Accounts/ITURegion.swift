/// The six ITU-D regions, as named in the ITU-D regional country lists.
public enum ITURegion: String, CaseIterable, Codable, Sendable {
    case africa
    case americas
    case arabStates = "arab_states"
    case asiaPacific = "asia_pacific"
    case cis
    case europe

    /// Reads the English region name used in ITU's published lists (and our seed file).
    public init?(englishName: String) {
        let found = Self.englishNames.first { $0.value == englishName.trimmingCharacters(in: .whitespaces) }
        guard let found else { return nil }
        self = found.key
    }

    public var englishName: String { Self.englishNames[self]! }
    public var catalogueKey: String { "region.\(rawValue)" }

    private static let englishNames: [ITURegion: String] = [
        .africa: "Africa", .americas: "Americas", .arabStates: "Arab States",
        .asiaPacific: "Asia-Pacific", .cis: "CIS", .europe: "Europe",
    ]
}

import Foundation
