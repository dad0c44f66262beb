import Foundation
import Testing
@testable import CoveCore

/// The committed data file, read from the repo (not the bundle) so these tests also run outside SwiftPM.
private let repoPlanURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/CoveCore/Resources/dialling-plan.json")
private let repoPlan = Result<DiallingPlan, any Error> { try DiallingPlan(json: Data(contentsOf: repoPlanURL)) }

@Suite("Dialling plan")
struct DiallingPlanTests {
    let plan: DiallingPlan

    init() throws { plan = try repoPlan.get() }

    @Test func bundledPlanLoadsWithItsSource() throws {
        let bundled = try DiallingPlan.bundled()
        #expect(bundled.source == plan.source)
        #expect(bundled.source.package.hasPrefix("phonenumbers"))
        #expect(bundled.source.version.split(separator: ".").count >= 2)
        #expect(try bundled.parse("+44 20 7946 0000").region == "GB")
    }

    @Test(arguments: [
        ("+1 876 927 1234", "JM"), ("+1 868 221 1234", "TT"), ("+1 416 212 3456", "CA"), ("+1 212 212 3456", "US"),
        ("+7 727 123 4567", "KZ"), ("+7 495 123 4567", "RU"),
        ("+44 1481 256789", "GG"), ("+44 1534 456789", "JE"), ("+44 1624 456789", "IM"), ("+44 20 7946 0000", "GB"),
    ])
    func sharedCallingCodesResolveToTheRightCountry(number: String, region: String) throws {
        #expect(try plan.parse(number).region == region)
    }

    @Test func anUnassignedAreaCodeHasACallingCodeButNoRegion() throws {
        let parsed = try plan.parse("+1 999 555 0123")
        #expect(parsed.countryCode == 1)
        #expect(parsed.region == nil)
    }

    @Test func nationalNumberWithHintDropsTheTrunkPrefix() throws {
        let parsed = try plan.parse("06 12 34 56 78", countryHint: "fr")
        #expect(parsed == ParsedNumber(countryCode: 33, nationalNumber: "612345678", region: "FR"))
        #expect(parsed.e164 == "+33612345678")
        #expect(try plan.parse("0612345678", countryHint: "FR").e164 == "+33612345678")
        // 07700 900xxx is Ofcom's drama range: it parses, but no +44 region lists it as in use.
        #expect(try plan.parse("07700 900123", countryHint: "GB") == ParsedNumber(countryCode: 44, nationalNumber: "7700900123", region: nil))
    }

    @Test(arguments: [
        ("+44 20 7946 0000", nil), ("0044 20 7946 0000", nil), ("00 44 (0)20-7946.0000", nil),
        ("+44 (0)20 7946 0000", nil), ("(020) 7946 0000", "GB"), ("011 44 20 7946 0000", "US"),
        ("442079460000", "GB"), ("+４４ ２０ ７９４６ ００００", nil),
    ] as [(String, String?)])
    func writtenFormsOfOneNumberAgree(number: String, hint: String?) throws {
        #expect(try plan.parse(number, countryHint: hint) == ParsedNumber(countryCode: 44, nationalNumber: "2079460000", region: "GB"))
    }

    @Test func trunkPrefixIsKeptWhenStrippingWouldBreakTheNumber() throws {
        // RU's trunk prefix is 8, but 800 is its toll-free range.
        #expect(try plan.parse("+7 800 123 4567").nationalNumber == "8001234567")
        #expect(try plan.parse("8 495 123 4567", countryHint: "RU").e164 == "+74951234567")
        #expect(try plan.parse("8 10 44 20 7946 0000", countryHint: "RU").e164 == "+442079460000")
    }

    @Test func guernseyLocalNumbersGainTheirAreaCode() throws {
        // GG's national-prefix rule rewrites six-digit local numbers to 1481 + number.
        #expect(try plan.parse("256789", countryHint: "GG") == ParsedNumber(countryCode: 44, nationalNumber: "1481256789", region: "GG"))
    }

    @Test func nonGeographicCodesParseWithoutARegion() throws {
        let parsed = try plan.parse("+882 1234 5678")
        #expect(parsed.countryCode == 882 && parsed.region == nil)
    }

    @Test func everyRegionsExampleNumbersComeBackToIt() throws {
        // Where libphonenumber itself gives a shared number to another region of the same code
        // (mobiles shared across the French Antilles, AU's Christmas/Cocos Islands, ...), so do we.
        let claimedElsewhere: [String: Set<String>] = [
            "CX": ["AU"], "CC": ["AU"], "BL": ["GP"], "MF": ["GP", "BL"], "VA": ["IT"], "AX": ["FI"], "EH": ["MA"],
            "IM": ["GB"], "SJ": ["NO"],
        ]
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: repoPlanURL)) as? [String: Any]
        let regions = try #require(file?["regions"] as? [String: [String: Any]])
        #expect(regions.count > 240)
        for (code, record) in regions {
            let callingCode = try #require(record["callingCode"] as? Int)
            for example in record["examples"] as? [String] ?? [] {
                let region = try plan.parse("+\(callingCode)\(example)").region
                #expect(region == code || claimedElsewhere[code, default: []].contains(region ?? ""), "\(code) +\(callingCode) \(example)")
            }
        }
    }

    @Test func emergencyNumbers() {
        #expect(Set(["999", "112"]).isSubset(of: plan.emergencyNumbers(for: "GB")))
        #expect(plan.emergencyNumbers(for: "US").contains("911"))
        #expect(plan.emergencyNumbers(for: "IN").contains("112"))
        #expect(plan.emergencyNumbers(for: "KE").contains("999"))
        #expect(plan.emergencyNumbers(for: "de") == ["110", "112"])
        #expect(plan.emergencyNumbers(for: "XX").isEmpty)
        #expect(plan.isEmergencyNumber("999", in: "GB"))
        #expect(plan.isEmergencyNumber("1 1 2", in: "FR"))
        #expect(!plan.isEmergencyNumber("+999", in: "GB"))
        #expect(!plan.isEmergencyNumber("911", in: "GB"))
        #expect(!plan.isEmergencyNumber("116111", in: "DE"))
        // GA's emergency pattern is too broad to list, but still answers.
        #expect(plan.emergencyNumbers(for: "GA").isEmpty)
        #expect(plan.isEmergencyNumber("1730", in: "GA"))
    }

    @Test func childHelplinesAreValidShortCodes() {
        #expect(plan.isValidShortCode("116111", in: "DE"))
        #expect(plan.isValidShortCode("116 111", in: "GB"))
        #expect(plan.isValidShortCode("1098", in: "IN"))
        #expect(plan.isValidShortCode("116", in: "KE"))
        #expect(!plan.isValidShortCode("116", in: "ZA"))
        #expect(!plan.isValidShortCode("+116111", in: "DE"))
        #expect(!plan.isValidShortCode("116111", in: "XX"))
        #expect(plan.shortCodeExamples(for: "KE").allSatisfy { plan.isValidShortCode($0, in: "KE") })
    }

    @Test(arguments: [
        ("", nil, DiallingError.empty),
        (" ( ) ", nil, .empty),
        ("abc", nil, .containsLetters("abc")),
        ("1-800-FLOWERS", "US", .containsLetters("1-800-FLOWERS")),
        ("+44 20 7946 #0000", nil, .unexpectedCharacter("#", in: "+44 20 7946 #0000")),
        ("44+20", nil, .unexpectedCharacter("+", in: "44+20")),
        ("+999 123", nil, .unknownCallingCode("999")),
        ("+0 123 456", nil, .unknownCallingCode("012")),
        ("12345", nil, .nationalNumberWithoutCountryHint("12345")),
        ("+44 20", nil, .tooShort("+44 20", minimumDigits: 7)),
        ("+44", nil, .tooShort("+44", minimumDigits: 7)),
        ("+1 212 555 01234567", nil, .tooLong("+1 212 555 01234567", maximumDigits: 10)),
        ("020 7946 0000", "XX", .unknownRegion("XX")),
    ] as [(String, String?, DiallingError)])
    func errorsNameWhatIsWrong(number: String, hint: String?, error: DiallingError) {
        #expect(throws: error) { try plan.parse(number, countryHint: hint) }
    }

    @Test func errorMessagesQuoteTheInput() {
        #expect(DiallingError.containsLetters("abc").description.contains("\"abc\" contains letters"))
        #expect(DiallingError.unknownCallingCode("999").description == "no country calling code starts +999")
        #expect(DiallingError.nationalNumberWithoutCountryHint("12345").description.contains("no country hint"))
    }

    @Test func badPatternsFailLoading() {
        let json = #"{"generator":"g","source":{"package":"p","version":"1","metadata":"m"},"generated":"2025-01-01","#
            + #""callingCodes":{"9":["ZZ"]},"nonGeographicCallingCodes":[],"regions":{"ZZ":{"callingCode":9,"leadingDigits":"(["}}}"#
        #expect(throws: DiallingPlan.LoadError.invalidPattern(region: "ZZ", field: "leadingDigits", pattern: "([")) {
            try DiallingPlan(json: Data(json.utf8))
        }
    }
}
