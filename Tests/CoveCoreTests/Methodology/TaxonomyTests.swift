import Foundation
import Testing
@testable import CoveCore

@Suite("Methodology: taxonomy")
struct TaxonomyTests {
    let taxonomy: Taxonomy

    init() throws { taxonomy = try repoTaxonomy.get() }

    @Test func bundledTaxonomyIsVersionOneWithItsSource() throws {
        let bundled = try Taxonomy.bundled
        #expect(bundled.version == "1")
        #expect(bundled.effective == (try LocalDate("2026-10-01")))
        #expect(bundled.source.contains("Resolution 67") && bundled.source.contains("Child Helpline International"))
        #expect(bundled.categories.map(\.code) == taxonomy.categories.map(\.code))
    }

    @Test func everyTermHasANameAndDefinitionInEachOfTheSixLanguages() {
        for (list, term) in taxonomy.everyTerm {
            for language in Language.allCases {
                #expect(term.names.texts[language]?.isEmpty == false, "\(list) \(term.code) has no \(language.rawValue) name")
                #expect(term.definitions.texts[language]?.isEmpty == false, "\(list) \(term.code) has no \(language.rawValue) definition")
            }
        }
    }

    @Test func codesAreKebabAndUniqueWithinEachList() {
        for (list, terms) in Dictionary(grouping: taxonomy.everyTerm, by: { $0.list }) {
            let codes = terms.map { $0.term.code }
            #expect(Set(codes).count == codes.count, "\(list) repeats a code")
            #expect(codes.allSatisfy(Taxonomy.isCode), "\(list): \(codes.filter { !Taxonomy.isCode($0) })")
        }
    }

    @Test func codesAwaitingReviewExistAndEnglishNeedsNone() {
        let codes = Set(taxonomy.everyTerm.map { $0.term.code })
        for (language, pending) in taxonomy.needsNativeReview {
            #expect(pending.allSatisfy(codes.contains), "\(language.rawValue): \(pending.filter { !codes.contains($0) })")
        }
        #expect(taxonomy.needsNativeReview[.english, default: []].isEmpty)
    }

    @Test func categoriesAreDesignsTopLevelWithOnlineHarmAlwaysOnline() throws {
        #expect(taxonomy.categories.map(\.code) == [
            "missing-children", "violence", "mental-health", "physical-health", "access-to-services",
            "discrimination-and-exclusion", "family-relationships", "peer-relationships", "education-and-occupation",
            "sexuality", "online-harm",
        ])
        #expect(taxonomy.categories.filter(\.isAlwaysOnline).map(\.code) == ["online-harm"])
        let online = try #require(taxonomy.category(code: "online-harm"))
        #expect(online.subcategories.map(\.code) == [
            "cyberbullying", "online-sexual-exploitation-and-abuse", "exposure-to-harmful-content", "scams-and-fraud",
            "privacy-and-personal-data", "hate-speech", "excessive-use",
        ])
        #expect(online.subcategory(code: "online-sexual-exploitation-and-abuse")?.subcategories.map(\.code) == [
            "grooming", "sextortion", "non-consensual-intimate-images", "live-streamed-abuse",
        ])
        #expect(online.subcategory(code: "exposure-to-harmful-content")?.subcategories.map(\.code) == [
            "harmful-sexual-content", "harmful-violent-content", "harmful-self-harm-content",
        ])
        for category in taxonomy.categories {
            #expect(category.subcategories.count >= 2, "\(category.code) has too few subcategories")
        }
    }

    @Test func contactTypesAndNonCounsellingReasonsAreDesigns() {
        #expect(taxonomy.contactTypes.map(\.code) == ["child-self", "about-child", "non-counselling"])
        #expect(taxonomy.nonCounsellingReasons.map(\.code) == [
            "silent", "blank", "prank", "hang-up", "wrong-number", "abusive", "information-request",
        ])
    }

    @Test func subcategoriesAreFoundOnlyUnderTheirOwnCategory() {
        #expect(taxonomy.subcategory(code: "sextortion", in: "online-harm")?.code == "sextortion")
        #expect(taxonomy.subcategory(code: "sextortion", in: "violence") == nil)
        #expect(taxonomy.subcategory(code: "bullying", in: "online-harm") == nil)
        #expect(taxonomy.subcategory(code: "anxiety", in: "no-such-category") == nil)
        #expect(taxonomy.category(code: "Online-Harm") == nil)
        let online = taxonomy.category(code: "online-harm")
        #expect(online?.topLevelSubcategory(containing: "sextortion")?.code == "online-sexual-exploitation-and-abuse")
        #expect(online?.topLevelSubcategory(containing: "cyberbullying")?.code == "cyberbullying")
    }

    @Test func namesAreTranslatedAndFallBackToEnglish() throws {
        let violence = try #require(taxonomy.category(code: "violence"))
        #expect(violence.name(in: .russian) == "Насилие")
        #expect(violence.name(in: .arabic) == "العنف")
        let fixture = try Taxonomy(json: TaxonomyFixture.json())
        let category = try #require(fixture.category(code: "violence"))
        #expect(category.name(in: .french) == "fr violence")
        #expect(category.name(in: .chinese) == "violence")
        #expect(category.definition(in: .spanish) == "About violence.")
    }
}

@Suite("Methodology: ages, genders and channels")
struct TaxonomyCodeTests {
    let taxonomy: Taxonomy

    init() throws { taxonomy = try repoTaxonomy.get() }

    @Test func everyAgeFallsInExactlyOneBandAndTheEnumAgrees() {
        for age in 0...120 {
            let bands = taxonomy.ageBands.filter { $0.contains(age: age) }.map(\.code)
            #expect(bands == [AgeBand.band(forAge: age).rawValue], "age \(age) is in \(bands)")
        }
    }

    @Test(arguments: [
        (nil, AgeBand.unknown), (-1, .unknown), (0, .zeroToNine), (9, .zeroToNine), (10, .tenToTwelve),
        (12, .tenToTwelve), (13, .thirteenToFifteen), (15, .thirteenToFifteen), (16, .sixteenToSeventeen),
        (17, .sixteenToSeventeen), (18, .eighteenToTwentyFive), (25, .eighteenToTwentyFive), (26, .overTwentyFive),
        (121, .overTwentyFive),
    ] as [(Int?, AgeBand)])
    func bandEdges(age: Int?, band: AgeBand) {
        #expect(AgeBand.band(forAge: age) == band)
    }

    @Test func recordedAgesAreSingleYearsThenOverTwentyFiveAndUnknown() {
        let codes = taxonomy.ages.map(\.code)
        #expect(codes == (0...25).map(String.init) + ["over-25", "unknown"])
        for age in [nil] + (-2...130).map(Optional.some) {
            let recorded = RecordedAge(age: age)
            #expect(codes.contains(recorded.code), "\(String(describing: age)) records as \(recorded.code)")
            #expect(recorded.band == AgeBand.band(forAge: age))
        }
        #expect(RecordedAge(age: 26) == .overTwentyFive && RecordedAge(age: 25) == .years(25))
    }

    @Test func ageBandEnumMatchesTheFileBothWays() throws {
        #expect(taxonomy.ageBands.map(\.code) == AgeBand.allCases.map(\.rawValue))
        for band in AgeBand.allCases {
            let term = try #require(taxonomy.term(for: band))
            switch band {
            case .overTwentyFive: #expect(term.from == 26 && term.to == nil)
            case .unknown: #expect(term.from == nil && term.to == nil)
            default: #expect(term.from == band.years?.lowerBound && term.to == band.years?.upperBound)
            }
        }
    }

    @Test func genderChannelAndContactTypeEnumsMatchTheFileBothWays() {
        #expect(taxonomy.genders.map(\.code) == Gender.allCases.map(\.rawValue))
        #expect(taxonomy.channels.map(\.code) == ContactChannel.allCases.map(\.rawValue))
        #expect(taxonomy.contactTypes.map(\.code) == ContactType.allCases.map(\.rawValue))
        for type in ContactType.allCases {
            #expect(taxonomy.contactType(code: type.rawValue)?.isCounselling == type.isCounselling)
        }
        #expect(Gender.allCases.allSatisfy { taxonomy.term(for: $0) != nil })
        #expect(ContactChannel.allCases.allSatisfy { taxonomy.term(for: $0) != nil })
    }

    @Test func directoryChannelsMapToStatisticalOnes() {
        #expect(ContactChannel(.whatsApp) == .whatsApp)
        #expect(ContactChannel(.webChat) == .webChat)
        #expect(ContactChannel(.email) == .other && ContactChannel(.app) == .other)
    }
}

@Suite("Methodology: taxonomy file errors")
struct TaxonomyLoadErrorTests {
    @Test func theFixtureItselfLoads() throws {
        let fixture = try Taxonomy(json: TaxonomyFixture.json())
        #expect(fixture.version == "test")
        #expect(fixture.needsNativeReview == [.french: ["violence"]])
    }

    @Test func notJSONIsCorrupt() {
        #expect(throws: Taxonomy.LoadError.self) { try Taxonomy(json: Data("taxonomy".utf8)) }
    }

    @Test func aMissingFieldIsNamedByItsPath() {
        let json = TaxonomyFixture.json(categories: #"[{"code": "violence", "names": {"en": "Violence"}}]"#)
        #expect(throws: Taxonomy.LoadError.corrupt("categories[0].definition is missing")) { try Taxonomy(json: json) }
    }

    @Test func aBadEffectiveDateIsNamed() {
        let json = Data(String(decoding: TaxonomyFixture.json(), as: UTF8.self)
            .replacingOccurrences(of: "2026-10-01", with: "2026-10-32").utf8)
        #expect(throws: Taxonomy.LoadError.corrupt("effective: \"2026-10-32\" is not a date such as 2026-10-01")) {
            try Taxonomy(json: json)
        }
    }

    @Test func aLanguageOutsideTheSixIsRefused() {
        let json = TaxonomyFixture.json(categories: #"[{"code": "violence", "names": {"en": "V", "cn": "暴力"}, "definition": {"en": "V."}}]"#)
        #expect(throws: Taxonomy.LoadError.corrupt("categories[0].names: \"cn\" is not one of the six languages")) {
            try Taxonomy(json: json)
        }
    }

    @Test func aSubcategoryMayNotReuseACategoryCode() {
        let categories = "[\(TaxonomyFixture.term("violence", #", "subcategories": [\#(TaxonomyFixture.term("violence"))]"#))]"
        #expect(throws: Taxonomy.LoadError.inconsistent("categories: code \"violence\" is used twice")) {
            try Taxonomy(json: TaxonomyFixture.json(categories: categories, review: "{}"))
        }
    }

    @Test func aCodeMustBeLowerCaseKebab() {
        #expect(throws: Taxonomy.LoadError.inconsistent("categories: \"Online Harm\" is not a lower-case kebab code")) {
            try Taxonomy(json: TaxonomyFixture.json(categories: "[\(TaxonomyFixture.term("Online Harm"))]", review: "{}"))
        }
    }

    @Test func overlappingAgeBandsAreRefused() {
        let bands = #"[{"code": "0-9", "from": 0, "to": 9, "names": {"en": "0–9"}, "definition": {"en": "A."}},"#
            + #" {"code": "9-12", "from": 9, "to": 12, "names": {"en": "9–12"}, "definition": {"en": "B."}}]"#
        #expect(throws: Taxonomy.LoadError.inconsistent("ageBands: \"0-9\" and \"9-12\" overlap")) {
            try Taxonomy(json: TaxonomyFixture.json(ageBands: bands))
        }
    }

    @Test func aReviewNoteMustNameACode() {
        #expect(throws: Taxonomy.LoadError.inconsistent("needs_native_review.fr: \"violnce\" is not a code of this taxonomy")) {
            try Taxonomy(json: TaxonomyFixture.json(review: #"{"fr": ["violnce"]}"#))
        }
    }
}
