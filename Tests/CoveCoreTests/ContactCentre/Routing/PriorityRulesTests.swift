import Foundation
import Testing
@testable import CoveCore

@Suite("Priority rules")
struct PriorityRulesTests {
    static let rules = PriorityRules(lists: [
        "en": [
            .init(level: .high, code: "abuse", phrases: ["hits me", "hurt"]),
            .init(level: .urgent, code: "suicide", phrases: ["kill myself", "suicide"]),
        ],
        "fr-FR": [.init(level: .urgent, code: "suicide", phrases: ["me suicider", "mettre fin à mes jours"])],
        "ar": [.init(level: .urgent, code: "suicide", phrases: ["أريد أن أموت"])],
        "ru": [.init(level: .urgent, code: "imminent-danger", phrases: ["убьёт меня"])],
        "zh": [.init(level: .urgent, code: "suicide", phrases: ["自杀", "不想活"])],
    ])

    static let suicide = PriorityMatch(level: .urgent, code: "suicide")

    @Test(arguments: [
        "I want to kill myself",
        "i want to KILL MYSELF.",
        "kill...   myself",
        "kill,\nmyself",
        "ＫＩＬＬ ＭＹＳＥＬＦ",
        "thinking about suicide!",
    ])
    func phrasesMatchWhateverTheCaseSpacingAndPunctuation(text: String) {
        #expect(Self.rules.assess(text, language: "en") == Self.suicide)
    }

    @Test(arguments: ["I have a new skill myself", "killmyself", "suicidesquad", "unhurt", "kill my self-esteem"])
    func onlyWholeWordsAndPhrasesMatch(text: String) {
        #expect(Self.rules.assess(text, language: "en") == nil)
    }

    @Test func theHighestLevelWinsAndOnlyTheCodeIsReturned() {
        #expect(Self.rules.assess("he hits me", language: "en") == PriorityMatch(level: .high, code: "abuse"))
        #expect(Self.rules.assess("he hits me and I want to kill myself", language: "en") == Self.suicide)
    }

    @Test func accentsAreFoldedOnBothSides() {
        #expect(Self.rules.assess("je veux METTRE FIN A MES JOURS", language: "fr") == Self.suicide)
        #expect(Self.rules.assess("je veux me suicidér", language: "fr-CA") == Self.suicide)
    }

    @Test func arabicMatchesWithOrWithoutVowelMarksAndHamza() {
        #expect(Self.rules.assess("أُرِيدُ أَنْ أَمُوتَ", language: "ar") == Self.suicide)
        #expect(Self.rules.assess("اريد ان اموت", language: "ar") == Self.suicide)
        // Tatweel only stretches a word on screen.
        #expect(Self.rules.assess("أريـــد أن أموت!", language: "ar") == Self.suicide)
        #expect(Self.rules.assess("أريد أن أموتها", language: "ar") == nil)
    }

    @Test func russianFoldsCaseAndYo() {
        let danger = PriorityMatch(level: .urgent, code: "imminent-danger")
        #expect(Self.rules.assess("Он УБЬЕТ МЕНЯ", language: "ru") == danger)
        #expect(Self.rules.assess("отчим убьёт меня сегодня", language: "ru") == danger)
        #expect(Self.rules.assess("убьётменя", language: "ru") == nil)
    }

    @Test func chineseMatchesWithinRunsOfCharacters() {
        #expect(Self.rules.assess("我真的不想活了", language: "zh") == Self.suicide)
        #expect(Self.rules.assess("我想 自 杀", language: "zh-Hans") == Self.suicide)
        #expect(Self.rules.assess("今天很开心", language: "zh") == nil)
    }

    @Test func otherLanguagesAreCheckedWhenTheChosenOneFindsNothing() {
        #expect(Self.rules.assess("je vais me suicider", language: "en") == Self.suicide)
        #expect(Self.rules.assess("我想自杀", language: "ru") == Self.suicide)
        #expect(Self.rules.assess("help me", language: "sw") == nil)
    }

    @Test func theChosenLanguageWinsAtEqualLevels() {
        let rules = PriorityRules(lists: [
            "en": [.init(level: .urgent, code: "en-code", phrases: ["danger"])],
            "fr": [.init(level: .urgent, code: "fr-code", phrases: ["danger"])],
        ])
        #expect(rules.assess("danger", language: "fr")?.code == "fr-code")
        #expect(rules.assess("danger", language: "en")?.code == "en-code")
        #expect(rules.assess("danger", language: "es")?.code == "en-code", "then languages in order")
    }

    @Test func rulesSurviveEncoding() throws {
        let decoded = try JSONDecoder().decode(PriorityRules.self, from: JSONEncoder().encode(Self.rules))
        #expect(decoded == Self.rules)
        #expect(decoded.assess("kill myself", language: "en") == Self.suicide)
    }

    @Test(arguments: [
        ("I'm going to kill myself", "en", DefaultPriorityRules.suicideCode),
        ("my dad is going to kill me", "en", DefaultPriorityRules.imminentDangerCode),
        ("Je vais me tuer", "fr", DefaultPriorityRules.suicideCode),
        ("il va me tuer", "fr", DefaultPriorityRules.imminentDangerCode),
        ("no quiero vivir", "es", DefaultPriorityRules.suicideCode),
        ("me va a matar", "es", DefaultPriorityRules.imminentDangerCode),
        ("أنا في خطر", "ar", DefaultPriorityRules.imminentDangerCode),
        ("我想自杀", "zh", DefaultPriorityRules.suicideCode),
        ("я хочу умереть", "ru", DefaultPriorityRules.suicideCode),
    ])
    func starterListCoversSixLanguages(text: String, language: String, code: String) {
        let expected = PriorityMatch(level: .urgent, code: code)
        #expect(DefaultPriorityRules.starter.assess(text, language: language) == expected)
    }

    @Test(arguments: ["I have a skill I want to show", "my homework is killing me", "hello", "bonjour", "你好"])
    func starterListLeavesOrdinaryMessagesAlone(text: String) {
        #expect(DefaultPriorityRules.starter.assess(text, language: "en") == nil)
    }

    @Test func starterListHasBothAlertsInEveryITULanguage() {
        for language in Language.allCases {
            let codes = DefaultPriorityRules.starter.lists[language.rawValue]?.map(\.code) ?? []
            #expect(Set(codes) == [DefaultPriorityRules.suicideCode, DefaultPriorityRules.imminentDangerCode],
                    "\(language.rawValue)")
        }
    }
}
