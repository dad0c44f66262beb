import Foundation

/// One-way counts of contacts, within each contact type and across all of them: how many had a
/// given online mark, age band, gender, channel, category or subcategory. Indicators read these.
///
/// Two things the full cells of `ContactRollup` cannot give: a contact counts once in a category
/// however many of its subcategories it names, so category totals are exact; and their number is
/// bounded by the codelists, not by the data, so a year of the world's contacts is a few hundred
/// thousand rows rather than millions.
public struct ContactMargin: Hashable, Sendable {
    public enum Dimension: String, Sendable, CaseIterable {
        case total = "TOTAL"
        case online = "ONLINE"
        case ageBand = "AGE_BAND"
        case gender = "GENDER"
        case channel = "CHANNEL"
        case category = "CATEGORY"
        case subcategory = "SUBCATEGORY"
    }

    /// The code for "all contact types" and for the total itself.
    public static let total = IndicatorCatalogue.Codelist.total

    public var helplineID: UUID
    public var country: String
    /// "2025-03", on the helpline's clock.
    public var month: String
    /// A contact type's code, or `total` for all of them.
    public var contactType: String
    public var dimension: Dimension
    /// The dimension's code; a subcategory is written "category/subcategory".
    public var code: String
    public var taxonomyVersion: String

    public init(helplineID: UUID, country: String, month: String, contactType: String, dimension: Dimension,
                code: String, taxonomyVersion: String) {
        self.helplineID = helplineID
        self.country = country
        self.month = month
        self.contactType = contactType
        self.dimension = dimension
        self.code = code
        self.taxonomyVersion = taxonomyVersion
    }

    /// The margins one contact adds, from the cells `ContactRollup.keys` gave it: the first is its
    /// total cell, the others one per classification.
    public static func margins(ofContact keys: [ContactRollup.Key]) -> [ContactMargin] {
        guard let base = keys.first else { return [] }
        let classified = keys.dropFirst()
        let subcategories = classified.filter { $0.subcategory != ContactRollup.none }
            .map { subcategoryCode(category: $0.category, subcategory: $0.subcategory) }
        var codes: [(Dimension, String)] = [
            (.total, total), (.online, base.online ? "Y" : "N"), (.ageBand, base.ageBand), (.gender, base.gender),
            (.channel, base.channel),
        ]
        codes += Set(classified.map(\.category)).sorted().map { (Dimension.category, $0) }
        codes += Set(subcategories).sorted().map { (Dimension.subcategory, $0) }
        return [base.contactType, total].flatMap { type in
            codes.map { dimension, code in
                ContactMargin(helplineID: base.helplineID, country: base.country, month: base.month, contactType: type,
                              dimension: dimension, code: code, taxonomyVersion: base.taxonomyVersion)
            }
        }
    }

    public static func subcategoryCode(category: String, subcategory: String) -> String {
        "\(category)/\(subcategory)"
    }

    /// The HELPLINE_CONTACTS codes this margin is the count of; dimensions left out are at their total.
    public static func seriesCodes(contactType: String, dimension: Dimension, code: String) -> [String: String] {
        var codes = ["CONTACT_TYPE": contactType]
        switch dimension {
        case .total: break
        case .subcategory:
            let parts = code.split(separator: "/", maxSplits: 1).map(String.init)
            codes["CATEGORY"] = parts.first
            codes["SUBCATEGORY"] = parts.last
        case .channel: codes["CHANNEL"] = RollupSubmission.statisticalChannel(code)
        case .online, .ageBand, .gender, .category: codes[dimension.rawValue] = code
        }
        return codes
    }
}
