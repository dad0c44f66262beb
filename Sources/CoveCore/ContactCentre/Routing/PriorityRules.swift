import Foundation

/// What a priority rule found: how urgent, and a short alert code such as "suicide". Never the
/// words that matched, because alerts reach screens and logs where a child's words must not.
public struct PriorityMatch: Equatable, Codable, Sendable {
    public let level: ConversationPriority
    public let code: String

    public init(level: ConversationPriority, code: String) {
        self.level = level
        self.code = code
    }
}

/// One helpline's keywords that move a conversation up the queue, by language. The server keeps
/// one value per helpline, so each helpline words its own lists.
public struct PriorityRules: Equatable, Codable, Sendable {
    /// Phrases in one language that raise a conversation to `level` and alert with `code`.
    public struct KeywordList: Equatable, Codable, Sendable {
        public let level: ConversationPriority
        public let code: String
        public let phrases: [String]

        public init(level: ConversationPriority, code: String, phrases: [String]) {
            self.level = level
            self.code = code
            self.phrases = phrases
        }
    }

    /// Lists by BCP 47 primary subtag; tags such as "fr-CA" are filed under "fr".
    public let lists: [String: [KeywordList]]
    private let compiled: [CompiledList]

    public init(lists: [String: [KeywordList]]) {
        let grouped = Dictionary(grouping: lists.sorted { $0.key < $1.key }) { Language.primarySubtag(of: $0.key) }
        self.lists = grouped.mapValues { $0.flatMap(\.value) }
        compiled = self.lists.sorted { $0.key < $1.key }.flatMap { language, lists in
            lists.map { CompiledList($0, language: language) }
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(lists: try decoder.singleValueContainer().decode([String: [KeywordList]].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(lists)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.lists == rhs.lists }

    /// The highest level any list matches in `text`. The conversation's own language is checked
    /// first, then every other, since a child may write in another language than the one chosen;
    /// at equal levels the first match wins, so the own language's code is preferred.
    public func assess(_ text: String, language: String) -> PriorityMatch? {
        let folded = FoldedText(text)
        let own = Language.primarySubtag(of: language)
        let ordered = compiled.filter { $0.language == own } + compiled.filter { $0.language != own }
        var best: PriorityMatch?
        for list in ordered where best.map({ list.level > $0.level }) ?? true {
            if list.matches(folded) { best = PriorityMatch(level: list.level, code: list.code) }
        }
        return best
    }
}

/// A keyword list folded once, when the rules are made, rather than on every message.
private struct CompiledList: Sendable {
    enum Phrase: Sendable {
        case words([String])
        case characters(String)
    }

    let language: String
    let level: ConversationPriority
    let code: String
    let phrases: [Phrase]

    init(_ list: PriorityRules.KeywordList, language: String) {
        self.language = language
        level = list.level
        code = list.code
        let unspaced = FoldedText.unspacedLanguages.contains(language)
        phrases = list.phrases.map(FoldedText.init).filter { !$0.words.isEmpty }.map {
            unspaced ? .characters($0.unspaced) : .words($0.words)
        }
    }

    func matches(_ text: FoldedText) -> Bool {
        phrases.contains { phrase in
            switch phrase {
            case .words(let words): text.contains(words: words)
            case .characters(let characters): text.unspaced.contains(characters)
            }
        }
    }
}
