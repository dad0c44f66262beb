import Foundation
import Testing
@testable import CoveCore

/// The committed dialling plan, read from the repo (not the bundle) so these tests also run outside SwiftPM.
private let planURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/CoveCore/Resources/dialling-plan.json")
private let loadedPlan = Result<DiallingPlan, any Error> { try DiallingPlan(json: Data(contentsOf: planURL)) }

/// Query parameters as the server receives them; nil is absent.
private struct Query: Sendable, CustomTestStringConvertible {
    var country: String? = nil, caller: String? = nil, lang: String? = nil
    var age: String? = nil, topic: String? = nil, at: String? = nil

    var testDescription: String {
        [("country", country), ("caller", caller), ("lang", lang), ("age", age), ("topic", topic), ("at", at)]
            .compactMap { name, value in value.map { "\(name)=\($0)" } }.joined(separator: "&")
    }
}

@Suite("Help now: request parameters")
struct HelpRequestValidationTests {
    let plan: DiallingPlan
    private let now = HelpFixture.time("2026-06-10T12:00:00Z")

    init() throws { plan = try loadedPlan.get() }

    private func validate(_ query: Query, plan: DiallingPlan?,
                          known: Set<String>? = nil) throws(HelpRequestError) -> HelpRequest {
        try HelpRequest.validated(country: query.country, caller: query.caller, language: query.lang, age: query.age,
                                  topic: query.topic, at: query.at, plan: plan, now: now, knownCountries: known)
    }

    @Test func aKenyanMobileNumberMeansKenya() throws {
        #expect(try validate(Query(caller: "+254 722 000000"), plan: plan).country == "KE")
        #expect(try validate(Query(caller: "00254722000000"), plan: plan).country == "KE")
    }

    @Test func aCompleteQueryIsReadAsGiven() throws {
        let request = try validate(Query(country: "ke", lang: "sw-KE", age: "14", topic: "Online-Abuse",
                                         at: "2026-06-10T21:30:00+03:00"), plan: plan, known: ["KE"])
        #expect(request == HelpRequest(country: "KE", language: "sw-KE", age: 14, topic: "online-abuse",
                                       at: HelpFixture.time("2026-06-10T18:30:00Z")))
    }

    @Test func blankOptionalParametersCountAsAbsentAndAtDefaultsToNow() throws {
        let request = try validate(Query(country: " FR ", caller: "", lang: "", age: " ", topic: "", at: ""), plan: nil)
        #expect(request == HelpRequest(country: "FR", at: now))
    }

    @Test(arguments: [
        "2026-06-10T21:30:00Z", "2026-06-10T21:30:00+02:00", "2026-06-10T21:30:00.250-05:00",
    ])
    func instantsWithAnOffsetAreAccepted(at: String) throws {
        #expect(try validate(Query(country: "FR", at: at), plan: nil).at != now)
    }

    @Test(arguments: ["fr", "fr-CA", "zh-Hant-TW", "sgn-BE-FR", "es-419", "x-private", "FR-ca"])
    func wellFormedLanguageTagsAreAccepted(tag: String) throws {
        #expect(try validate(Query(country: "FR", lang: tag), plan: nil).language == tag)
    }

    @Test(arguments: [
        (Query(), "country", HelpRequestError.Reason.missing),
        (Query(country: "KE", caller: "+254 722 000000"), "country", .conflicting),
        (Query(country: "KEN"), "country", .notAlpha2),
        (Query(country: "K1"), "country", .notAlpha2),
        (Query(country: "ÉÉ"), "country", .notAlpha2),
        (Query(country: "ZZ"), "country", .unknownCountry),
        (Query(caller: "hello"), "caller", .notAPhoneNumber),
        (Query(caller: "0722 000000"), "caller", .notAPhoneNumber),
        (Query(caller: "+999 1234"), "caller", .notAPhoneNumber),
        (Query(caller: "+800 1234 5678"), "caller", .noCountryForNumber),
        (Query(country: "KE", lang: "fr_CA"), "lang", .notBCP47),
        (Query(country: "KE", lang: "f"), "lang", .notBCP47),
        (Query(country: "KE", lang: "x"), "lang", .notBCP47),
        (Query(country: "KE", lang: "fr-"), "lang", .notBCP47),
        (Query(country: "KE", lang: "français"), "lang", .notBCP47),
        (Query(country: "KE", lang: "en-toolongsubtag"), "lang", .notBCP47),
        (Query(country: "KE", age: "12.5"), "age", .notAnInteger),
        (Query(country: "KE", age: "-1"), "age", .notAnInteger),
        (Query(country: "KE", age: "+12"), "age", .notAnInteger),
        (Query(country: "KE", age: "twelve"), "age", .notAnInteger),
        (Query(country: "KE", age: "99999999999999999999"), "age", .notAnInteger),
        (Query(country: "KE", age: "121"), "age", .outOfRange),
        (Query(country: "KE", topic: "bull ying"), "topic", .notATopicCode),
        (Query(country: "KE", topic: "<script>"), "topic", .notATopicCode),
        (Query(country: "KE", topic: String(repeating: "a", count: 65)), "topic", .notATopicCode),
        (Query(country: "KE", at: "2026-06-10T21:30:00"), "at", .notISO8601WithOffset),
        (Query(country: "KE", at: "2026-06-10"), "at", .notISO8601WithOffset),
        (Query(country: "KE", at: "tonight"), "at", .notISO8601WithOffset),
    ])
    fileprivate func eachRefusalNamesItsParameter(query: Query, parameter: String, reason: HelpRequestError.Reason) {
        #expect(throws: HelpRequestError.invalid(parameter: parameter, reason: reason)) {
            try validate(query, plan: plan, known: ["KE", "FR", "GB"])
        }
    }

    @Test func withoutADiallingPlanACallerCannotBeRead() {
        #expect(throws: HelpRequestError.invalid(parameter: "caller", reason: .diallingPlanUnavailable)) {
            try validate(Query(caller: "+254 722 000000"), plan: nil)
        }
    }

    @Test func theCountryFromACallerIsNotCheckedAgainstTheCountryList() throws {
        // +247 is Ascension Island, which the dialling plan knows and a list of states may not.
        #expect(try validate(Query(caller: "+247 62345"), plan: plan, known: ["KE"]).country == "AC")
    }

    @Test func errorsDescribeThemselvesForLogs() {
        #expect(HelpRequestError.invalid(parameter: "age", reason: .outOfRange).description == "age: out-of-range")
    }
}
