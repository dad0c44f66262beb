import Foundation
import Testing
@testable import CoveCore

/// The committed catalogue, read from the repo (not the bundle) so these tests also run outside SwiftPM.
let repoIndicatorsURL = repoTaxonomyURL.deletingLastPathComponent().appendingPathComponent("indicators-1.json")

@Suite("Methodology: indicator catalogue")
struct IndicatorCatalogueTests {
    let catalogue: IndicatorCatalogue

    init() throws { catalogue = try IndicatorCatalogue(json: Data(contentsOf: repoIndicatorsURL)) }

    @Test func bundledCatalogueIsVersionOneAndConsistent() throws {
        let bundled = try IndicatorCatalogue.bundled
        #expect(bundled.version == "1")
        #expect(bundled.effective == (try LocalDate("2026-10-01")))
        #expect(bundled.source.contains("Resolution 67") && bundled.source.contains("World Population Prospects"))
        let problems = bundled.consistencyProblems()
        #expect(problems.isEmpty, "\(problems)")
        #expect(bundled.indicators.map(\.id) == catalogue.indicators.map(\.id))
    }

    @Test func catalogueAgreesWithTheTaxonomy() throws {
        let taxonomy = try repoTaxonomy.get()
        let problems = catalogue.problems(against: taxonomy)
        #expect(problems.isEmpty, "\(problems)")
        #expect(catalogue.taxonomyVersion == taxonomy.version)
    }

    @Test func everyIndicatorDataflowAndUnitHasTextInEachOfTheSixLanguages() {
        var texts: [(String, Taxonomy.LocalizedText)] = []
        for indicator in catalogue.indicators {
            texts += [("\(indicator.id) name", indicator.names), ("\(indicator.id) definition", indicator.definitions)]
        }
        texts += catalogue.dataflows.map { ("\($0.id) name", $0.names) }
        texts += catalogue.units.map { ("\($0.code) name", $0.names) }
        for (what, text) in texts {
            for language in Language.allCases {
                #expect(text.texts[language]?.isEmpty == false, "\(what) has no \(language.rawValue) text")
            }
        }
    }

    @Test func nonEnglishTextsAwaitNativeReviewAndEnglishNeedsNone() {
        #expect(catalogue.needsNativeReview[.english, default: []].isEmpty)
        for language in Language.allCases where language != .english {
            let pending = Set(catalogue.needsNativeReview[language, default: []])
            #expect(pending.isSuperset(of: catalogue.indicators.map(\.id)), "\(language.rawValue) review list misses indicators")
        }
    }

    @Test func theFourDataflowsAreDeclaredUnderCoveVersionOne() {
        #expect(catalogue.dataflows.map(\.id) == ["HELPLINE_CONTACTS", "HELPLINE_OPERATIONS", "NATIONAL_SURVEY", "HARMONISED_COVERAGE"])
        for flow in catalogue.dataflows {
            #expect(flow.agency == "COVE" && flow.version == "1.0", "\(flow.reference)")
            #expect(flow.timeDimension == "TIME_PERIOD")
            #expect(flow.dimensions.first?.id == "FREQ" && flow.dimensions.dropFirst().first?.id == "REF_AREA", "\(flow.id)")
        }
        #expect(catalogue.dataflow(id: "HELPLINE_CONTACTS")?.reference == "COVE:HELPLINE_CONTACTS(1.0)")
    }

    @Test func helplineTotalsAddUpOverSingleValuedDimensionsButNotOverCategories() throws {
        let contacts = try #require(catalogue.dataflow(id: "HELPLINE_CONTACTS"))
        #expect(contacts.dimensions.map(\.id) == [
            "FREQ", "REF_AREA", "CONTACT_TYPE", "CATEGORY", "SUBCATEGORY", "ONLINE", "AGE_BAND", "GENDER", "CHANNEL",
        ])
        #expect(contacts.rules.map(\.dimension) == ["CONTACT_TYPE", "ONLINE", "AGE_BAND", "GENDER", "CHANNEL"])
        #expect(contacts.rules.allSatisfy { $0.total == "_T" })
        let gender = try #require(contacts.rules.first { $0.dimension == "GENDER" })
        #expect(gender.parts == Gender.allCases.map(\.rawValue))
        let ages = try #require(contacts.rules.first { $0.dimension == "AGE_BAND" })
        #expect(ages.parts == AgeBand.allCases.map(\.rawValue))
    }

    @Test func indicatorsCoverEverySourceAndPeriodicity() {
        #expect(Set(catalogue.indicators.map(\.source)) == Set(IndicatorCatalogue.Source.allCases))
        #expect(Set(catalogue.indicators.map(\.periodicity)) == Set(IndicatorCatalogue.Periodicity.allCases))
        for id in ["CONTACTS", "CONTACTS_PER_100K_CHILDREN", "ONLINE_SHARE", "CONTACTS_BY_CATEGORY", "ANSWER_RATE",
                   "MEAN_WAIT", "COVERAGE_116111", "SURVEY_UPSETTING_ONLINE", "SURVEY_HELPLINE_AWARENESS"] {
            #expect(catalogue.indicator(id: id) != nil, "\(id) is missing")
        }
    }

    @Test func ratesPerHundredThousandChildrenDivideByTheChildPopulation() throws {
        let rates = catalogue.indicators.filter { $0.unit == "per-100000-children-0-17" }
        #expect(rates.map(\.id) == ["CONTACTS_PER_100K_CHILDREN", "ONLINE_HARM_PER_100K_CHILDREN"])
        for rate in rates {
            #expect(rate.denominator?.reference == IndicatorCatalogue.Selection.childPopulation)
            #expect(rate.denominator?.filter == ["SEX": ["_T"]])
            #expect(rate.multiplier == 100_000)
            #expect(rate.numerator.filter["CONTACT_TYPE"] == ["child-self", "about-child"])
        }
        let answerRate = try #require(catalogue.indicator(id: "ANSWER_RATE"))
        #expect(answerRate.numerator.filter == ["MEASURE": ["ANSWERED"]])
        #expect(answerRate.denominator?.filter == ["MEASURE": ["OFFERED"]])
        #expect(answerRate.multiplier == 100 && answerRate.unit == "percent" && answerRate.periodicity == .monthly)
        let contacts = try #require(catalogue.indicator(id: "CONTACTS"))
        #expect(!contacts.isRatio && contacts.multiplier == nil)
    }

    @Test func codelistsMirrorTheEnumsTheyCount() throws {
        let numberTypes = try #require(catalogue.codelist(id: "CL_NUMBER_TYPE")?.codes)
        #expect(Set(numberTypes) == Set(Harmonisation.allCases.map(\.rawValue) + ["_T"]))
        let coverage = try #require(catalogue.dataflow(id: "HARMONISED_COVERAGE"))
        #expect(coverage.rules.map(\.total) == [IndicatorCatalogue.Codelist.world])
        #expect(coverage.rules.first?.parts == ITURegion.allCases.map(\.rawValue))
        #expect(catalogue.codelist(id: "CL_FREQ")?.codes == Array(IndicatorCatalogue.Periodicity.allCases.map(\.frequencyCode).reversed()))
    }

    @Test func disclosureRulesReachDisclosureControl() throws {
        #expect(catalogue.dataflow(id: "HELPLINE_CONTACTS")?.disclosure.rule == .standard)
        #expect(catalogue.dataflow(id: "HELPLINE_OPERATIONS")?.disclosure.rule == .suppress(threshold: 5))
        #expect(catalogue.dataflow(id: "NATIONAL_SURVEY")?.disclosure.rule == .suppress(threshold: 25))
        let coverage = try #require(catalogue.dataflow(id: "HARMONISED_COVERAGE"))
        #expect(coverage.disclosure.method == .uncontrolled && coverage.disclosure.rule == nil)
        for indicator in catalogue.indicators {
            #expect(indicator.disclosure == catalogue.dataflow(id: indicator.dataflow)?.disclosure, "\(indicator.id)")
        }
    }

    @Test func aDataflowStructureCarriesItsCodesAndRules() throws {
        let countries = CountryList([CountryList.Country(code: "KE", alpha3: "KEN", name: "Kenya", region: .africa)])
        let structure = try #require(catalogue.structure(of: "HELPLINE_CONTACTS", countries: countries))
        #expect(structure.reference.description == "COVE:HELPLINE_CONTACTS(1.0)")
        #expect(structure.dimensions.map(\.id) == catalogue.dataflow(id: "HELPLINE_CONTACTS")?.dimensions.map(\.id))
        #expect(structure.dimension("REF_AREA")?.codes == Set(["KE", "world"] + ITURegion.allCases.map(\.rawValue)))
        #expect(structure.dimension("GENDER")?.codes == ["_T", "girl", "boy", "non-binary", "unknown"])
        #expect(structure.rules.count == 5)
        #expect(catalogue.structure(of: "NO_SUCH_FLOW", countries: countries) == nil)
    }
}

@Suite("Methodology: indicator catalogue problems")
struct IndicatorCatalogueProblemTests {
    private struct NotAnObject: Error {}

    /// The committed catalogue with one edit, read without the check, and the problems the check finds.
    private func problems(_ edit: (inout [String: Any]) -> Void) throws -> [String] {
        try IndicatorCatalogue(uncheckedJSON: edited(edit)).consistencyProblems().map(\.description)
    }

    private func edited(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        guard var json = try JSONSerialization.jsonObject(with: Data(contentsOf: repoIndicatorsURL)) as? [String: Any] else {
            throw NotAnObject()
        }
        edit(&json)
        return try JSONSerialization.data(withJSONObject: json)
    }

    /// Applies `edit` to the entry of `list` ("indicators", "dataflows", "codelists") with that id.
    private func editEntry(_ list: String, _ id: String, in json: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        var entries = json[list] as? [[String: Any]] ?? []
        for index in entries.indices where entries[index]["id"] as? String == id {
            edit(&entries[index])
        }
        json[list] = entries
    }

    @Test func anUntouchedCopyHasNoProblems() throws {
        let found = try problems { _ in }
        #expect(found.isEmpty, "\(found)")
    }

    @Test func anUnknownDataflowIsNamed() throws {
        let found = try problems { json in
            editEntry("indicators", "ANSWER_RATE", in: &json) { $0["dataflow"] = "HELPLINE_CALLS" }
        }
        #expect(found == [#"indicators[ANSWER_RATE].dataflow: "HELPLINE_CALLS" is not a dataflow of this catalogue"#])
    }

    @Test func aDimensionOutsideTheIndicatorsDataflowIsNamed() throws {
        let found = try problems { json in
            editEntry("indicators", "ANSWER_RATE", in: &json) { $0["dimensions"] = ["REF_AREA", "TIME_PERIOD", "AGE_BAND"] }
        }
        #expect(found == [#"indicators[ANSWER_RATE].dimensions: "AGE_BAND" is not a dimension of HELPLINE_OPERATIONS"#])
    }

    @Test func aMissingTranslationIsNamedWithItsLanguage() throws {
        let found = try problems { json in
            editEntry("indicators", "CONTACTS", in: &json) { indicator in
                var definition = indicator["definition"] as? [String: String] ?? [:]
                definition["ru"] = nil
                definition["ar"] = " "
                indicator["definition"] = definition
            }
        }
        #expect(found == ["indicators[CONTACTS].definition: has no text in ar, ru"])
    }

    @Test func aRepeatedIndicatorIdIsNamedOnce() throws {
        let found = try problems { json in
            var indicators = json["indicators"] as? [[String: Any]] ?? []
            indicators += [indicators[0], indicators[0]]
            json["indicators"] = indicators
        }
        #expect(found == [#"indicators: "CONTACTS" is used twice"#])
    }

    @Test func aFilterCodeOutsideItsCodelistIsNamed() throws {
        let found = try problems { json in
            editEntry("indicators", "ANSWER_RATE", in: &json) {
                $0["numerator"] = ["dataflow": "HELPLINE_OPERATIONS", "filter": ["MEASURE": ["ANSWERD"]]] as [String: Any]
            }
        }
        #expect(found == [#"indicators[ANSWER_RATE].numerator.filter.MEASURE: "ANSWERD" is not a code of CL_OPERATIONS_MEASURE"#])
    }

    @Test func aDimensionWithoutATotalMustBeSelected() throws {
        let found = try problems { json in
            editEntry("indicators", "MEAN_WAIT", in: &json) { $0["denominator"] = ["dataflow": "HELPLINE_OPERATIONS"] }
        }
        #expect(found == [
            "indicators[MEAN_WAIT].denominator.filter: leaves MEASURE to its total, but CL_OPERATIONS_MEASURE has no _T; select its codes",
        ])
    }

    @Test func aSuppressionThresholdBelowTwoIsRefused() throws {
        let found = try problems { json in
            editEntry("dataflows", "HELPLINE_OPERATIONS", in: &json) {
                $0["disclosure"] = ["method": "suppression", "threshold": 1] as [String: Any]
            }
            for id in ["ANSWER_RATE", "MEAN_WAIT"] {
                editEntry("indicators", id, in: &json) { $0["disclosure"] = ["method": "suppression", "threshold": 1] as [String: Any] }
            }
        }
        #expect(found == [
            "dataflows[HELPLINE_OPERATIONS].disclosure: threshold 1 is below 2, so no count would be suppressed",
            "indicators[ANSWER_RATE].disclosure: threshold 1 is below 2, so no count would be suppressed",
            "indicators[MEAN_WAIT].disclosure: threshold 1 is below 2, so no count would be suppressed",
        ])
    }

    @Test func aRoundingBaseOtherThanThreeOrFiveIsRefused() throws {
        let found = try problems { json in
            editEntry("indicators", "MEAN_WAIT", in: &json) { $0["disclosure"] = ["method": "rounding", "base": 4] as [String: Any] }
        }
        #expect(found == ["indicators[MEAN_WAIT].disclosure: rounding base 4 is not 3 or 5"])
    }

    @Test func anIndicatorMayNotLoosenItsDataflowsRule() throws {
        let found = try problems { json in
            editEntry("indicators", "MEAN_WAIT", in: &json) { $0["disclosure"] = ["method": "rounding", "base": 3] as [String: Any] }
            editEntry("indicators", "ANSWER_RATE", in: &json) { $0["disclosure"] = ["method": "none"] }
        }
        #expect(found == [
            "indicators[ANSWER_RATE].disclosure: only directory coverage, which counts countries rather than people, "
                + "may go without disclosure control",
            "indicators[ANSWER_RATE].disclosure: differs from the disclosure rule of HELPLINE_OPERATIONS",
            "indicators[MEAN_WAIT].disclosure: differs from the disclosure rule of HELPLINE_OPERATIONS",
        ])
    }

    @Test func loadingRefusesAnInconsistentCatalogueWithItsProblems() throws {
        let json = try edited { json in
            editEntry("dataflows", "HELPLINE_CONTACTS", in: &json) { flow in
                var dimensions = flow["dimensions"] as? [[String: String]] ?? []
                dimensions[1]["codelist"] = "CL_REF_AREA"
                flow["dimensions"] = dimensions
            }
        }
        let problem = IndicatorCatalogue.Problem(
            "dataflows[HELPLINE_CONTACTS].dimensions[REF_AREA].codelist", #""CL_REF_AREA" is not a codelist of this catalogue"#)
        #expect(throws: IndicatorCatalogue.LoadError.inconsistent([problem])) { try IndicatorCatalogue(json: json) }
    }

    @Test func aLanguageOutsideTheSixIsCorrupt() throws {
        let json = try edited { json in
            editEntry("indicators", "CONTACTS", in: &json) { $0["names"] = ["en": "Contacts", "cn": "联系"] }
        }
        #expect(throws: IndicatorCatalogue.LoadError.corrupt(#"indicators[0].names: "cn" is not one of the six languages"#)) {
            try IndicatorCatalogue(json: json)
        }
    }

    @Test func notJSONIsCorrupt() {
        #expect(throws: IndicatorCatalogue.LoadError.self) { try IndicatorCatalogue(json: Data("indicators".utf8)) }
    }

    @Test func aCodelistOutOfStepWithTheTaxonomyIsNamed() throws {
        let json = try edited { json in
            editEntry("codelists", "CL_GENDER", in: &json) { $0["codes"] = ["_T", "girl", "boy", "unknown", "other"] }
        }
        let catalogue = try IndicatorCatalogue(uncheckedJSON: json)
        let found = catalogue.problems(against: try repoTaxonomy.get()).map(\.description)
        #expect(found == [
            #"codelists[CL_GENDER].codes: lacks the taxonomy's genders "non-binary""#,
            #"codelists[CL_GENDER].codes: has codes the taxonomy's genders lack: "other""#,
        ])
    }
}
