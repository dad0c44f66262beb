/// The six official languages of ITU, in which every Cove page exists.
public enum Language: String, CaseIterable, Codable, Sendable {
    case arabic = "ar"
    case chinese = "zh"
    case english = "en"
    case french = "fr"
    case russian = "ru"
    case spanish = "es"

    public static let `default` = Language.english

    /// BCP 47 tag for `lang` attributes and `hreflang`.
    public var tag: String { rawValue }

    public var isRightToLeft: Bool { self == .arabic }
    public var direction: String { isRightToLeft ? "rtl" : "ltr" }

    /// The language's name in itself, as shown in a language switcher.
    public var nativeName: String {
        switch self {
        case .arabic: "العربية"
        case .chinese: "中文"
        case .english: "English"
        case .french: "Français"
        case .russian: "Русский"
        case .spanish: "Español"
        }
    }

    /// Maps any BCP 47 tag (`fr-CA`, `zh-Hant-TW`, `AR`) to one of ours by its primary subtag.
    public init?(bcp47 tag: String) {
        guard let language = Language(rawValue: Self.primarySubtag(of: tag)) else { return nil }
        self = language
    }

    /// The language part of any BCP 47 tag, lower-cased: "fr" for "fr-CA", "zh" for "zh-Hant-TW".
    public static func primarySubtag(of tag: String) -> String {
        tag.split(separator: "-", maxSplits: 1).first.map { $0.lowercased() } ?? ""
    }
}
