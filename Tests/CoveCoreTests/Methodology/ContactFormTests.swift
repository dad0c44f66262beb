import Foundation
import Testing
@testable import CoveCore

/// One change to a good form, and the single problem it must cause.
struct Breakage: Sendable, CustomTestStringConvertible {
    let name: String
    let field: String
    let code: FormProblem.Code
    let change: @Sendable (inout ContactForm) -> Void

    var testDescription: String { name }
}

@Suite("Methodology: finalising a contact form")
struct ContactFormFinalisingTests {
    let taxonomy: Taxonomy

    init() throws { taxonomy = try repoTaxonomy.get() }

    @Test func goodFormsPassBothChecks() {
        for form in [FormFixture.counselling, FormFixture.nonCounselling] {
            #expect(form.problemsForDraft() == [])
            #expect(form.problemsForFinalising(taxonomy: taxonomy) == [])
        }
    }

    static let counsellingBreakages: [Breakage] = [
        Breakage(name: "another taxonomy version", field: "taxonomyVersion", code: .versionMismatch) { $0.taxonomyVersion = "0" },
        Breakage(name: "no contact type", field: "contactType", code: .required) { $0.contactType = nil },
        Breakage(name: "blank contact type", field: "contactType", code: .required) { $0.contactType = " " },
        Breakage(name: "unknown contact type", field: "contactType", code: .unknown) { $0.contactType = "child" },
        Breakage(name: "counselling with a reason", field: "nonCounsellingReason", code: .notAllowed) {
            $0.nonCounsellingReason = "prank"
        },
        Breakage(name: "counselling unclassified", field: "classifications", code: .required) { $0.classifications = [] },
        Breakage(name: "counselling without summary", field: "summary", code: .required) { $0.summary = " \n " },
        Breakage(name: "unknown category", field: "classifications[1].category", code: .unknown) {
            $0.classifications[1].category = "sadness"
        },
        Breakage(name: "subcategory of another category", field: "classifications[1].subcategory", code: .notInCategory) {
            $0.classifications[1].subcategory = "grooming"
        },
        Breakage(name: "same classification twice", field: "classifications[2]", code: .duplicate) {
            $0.classifications.append(.init(category: "mental-health", subcategory: "anxiety", online: true))
        },
        Breakage(name: "negative age", field: "childAge", code: .outOfRange) { $0.childAge = -1 },
        Breakage(name: "age over 120", field: "childAge", code: .outOfRange) { $0.childAge = 121 },
        Breakage(name: "unknown gender", field: "gender", code: .unknown) { $0.gender = "female" },
        Breakage(name: "language not BCP 47", field: "language", code: .malformed) { $0.language = "sw_KE" },
        Breakage(name: "subdivision not ISO 3166-2", field: "subdivision", code: .malformed) { $0.subdivision = "KE30" },
        Breakage(name: "summary too long", field: "summary", code: .tooLong) {
            $0.summary = String(repeating: "a", count: ContactForm.Limits.summaryCharacters + 1)
        },
        Breakage(name: "unknown action", field: "actionsTaken[1]", code: .unknown) { $0.actionsTaken[1] = "hugged" },
        Breakage(name: "action twice", field: "actionsTaken[2]", code: .duplicate) { $0.actionsTaken.append("counselled") },
        Breakage(name: "slug not a slug", field: "referrals[0].slug", code: .malformed) {
            $0.referrals[0] = .init(kind: .directory(slug: "KE Childline"))
        },
        Breakage(name: "blank free-text referral", field: "referrals[1].text", code: .required) {
            $0.referrals[1] = .init(kind: .freeText("  "))
        },
    ]

    @Test(arguments: counsellingBreakages)
    func oneChangeToACounsellingFormBreaksOneRule(breakage: Breakage) {
        var form = FormFixture.counselling
        breakage.change(&form)
        let problems = form.problemsForFinalising(taxonomy: taxonomy)
        #expect(problems.map(\.field) == [breakage.field])
        #expect(problems.map(\.code) == [breakage.code])
        #expect(problems.allSatisfy { !$0.message.isEmpty })
    }

    static let nonCounsellingBreakages: [Breakage] = [
        Breakage(name: "no reason", field: "nonCounsellingReason", code: .required) { $0.nonCounsellingReason = nil },
        Breakage(name: "unknown reason", field: "nonCounsellingReason", code: .unknown) { $0.nonCounsellingReason = "bored" },
        Breakage(name: "classified", field: "classifications", code: .notAllowed) {
            $0.classifications = [.init(category: "mental-health", subcategory: "anxiety")]
        },
    ]

    @Test(arguments: nonCounsellingBreakages)
    func oneChangeToANonCounsellingFormBreaksOneRule(breakage: Breakage) {
        var form = FormFixture.nonCounselling
        breakage.change(&form)
        let problems = form.problemsForFinalising(taxonomy: taxonomy)
        #expect(problems.map(\.field) == [breakage.field])
        #expect(problems.map(\.code) == [breakage.code])
    }

    @Test func everyReasonOfTheTaxonomyIsAccepted() {
        for reason in taxonomy.nonCounsellingReasons {
            var form = FormFixture.nonCounselling
            form.nonCounsellingReason = reason.code
            #expect(form.problemsForFinalising(taxonomy: taxonomy) == [], "\(reason.code)")
        }
    }

    @Test func agesAtTheLimitsAndAbsentAnswersPass() {
        var form = FormFixture.counselling
        for age in [0, 120, nil] as [Int?] {
            form.childAge = age
            #expect(form.problemsForFinalising(taxonomy: taxonomy) == [])
        }
        form.gender = ""
        form.language = nil
        form.subdivision = " "
        form.classifications[1].subcategory = nil
        #expect(form.problemsForFinalising(taxonomy: taxonomy) == [])
    }

    @Test func anUnknownTypeStillReportsTheClassificationsOwnProblems() {
        var form = FormFixture.counselling
        form.contactType = nil
        form.classifications[0].category = "online"
        #expect(form.problemsForFinalising(taxonomy: taxonomy).map(\.field) == ["contactType", "classifications[0].category"])
    }

    @Test func finalisingNormalisesOrRefusesWithTheProblems() throws {
        var form = FormFixture.counselling
        form.classifications[0].online = false
        form.subdivision = "ke-30"
        form.gender = ""
        #expect(!form.classifications[0].online)
        let finalised = try form.finalised(with: taxonomy)
        #expect(finalised.classifications.map(\.online) == [true, false])
        #expect(finalised.hasOnlineDimension)
        #expect(finalised.subdivision == "KE-30" && finalised.gender == nil)
        form.childAge = 300
        #expect(throws: FinalisingRefusal(problems: [
            FormProblem(field: "childAge", code: .outOfRange, message: "300 is not an age from 0 to 120 years"),
        ])) { try form.finalised(with: taxonomy) }
    }
}

@Suite("Methodology: contact form drafts and accessors")
struct ContactFormDraftTests {
    @Test func aDraftIsSavedWhateverItsAnswersSay() {
        let draft = ContactForm(contactType: "child", childAge: 300, gender: "f", language: "??",
                                classifications: [.init(category: "sadness"), .init(category: "sadness")],
                                actionsTaken: ["hugged"], referrals: [.init(kind: .freeText(""))], taxonomyVersion: "0")
        #expect(draft.problemsForDraft() == [])
    }

    @Test(arguments: [
        Breakage(name: "long summary", field: "summary", code: .tooLong) {
            $0.summary = String(repeating: "é", count: ContactForm.Limits.summaryCharacters + 1)
        },
        Breakage(name: "long code", field: "gender", code: .tooLong) { $0.gender = String(repeating: "g", count: 65) },
        Breakage(name: "long referral", field: "referrals[1].text", code: .tooLong) {
            $0.referrals[1] = .init(kind: .freeText(String(repeating: "r", count: ContactForm.Limits.referralTextCharacters + 1)))
        },
        Breakage(name: "too many actions", field: "actionsTaken", code: .tooMany) {
            $0.actionsTaken = Array(repeating: "counselled", count: ContactForm.Limits.listItems + 1)
        },
        Breakage(name: "too many classifications", field: "classifications", code: .tooMany) {
            $0.classifications = Array(repeating: $0.classifications[0], count: ContactForm.Limits.listItems + 1)
        },
    ])
    func aDraftStopsOnlyAtSizes(breakage: Breakage) {
        var form = FormFixture.counselling
        breakage.change(&form)
        let problems = form.problemsForDraft()
        #expect(problems.map(\.field) == [breakage.field])
        #expect(problems.map(\.code) == [breakage.code])
    }

    @Test func summaryAtTheLimitIsKept() {
        var form = FormFixture.counselling
        form.summary = String(repeating: "👧🏽", count: ContactForm.Limits.summaryCharacters)
        #expect(form.problemsForDraft() == [])
    }

    @Test func accessorsReadWhatStatisticsCount() {
        var form = FormFixture.counselling
        #expect(form.ageBand == .thirteenToFifteen && form.recordedAge == .years(14))
        #expect(form.isCounselling && form.hasOnlineDimension && form.genderOrUnknown == .girl)
        form.childAge = 40
        form.gender = "female"
        form.classifications = form.classifications.map { .init(category: $0.category, subcategory: $0.subcategory) }
        #expect(form.ageBand == .overTwentyFive && form.recordedAge == .overTwentyFive)
        #expect(form.genderOrUnknown == .unknown && !form.hasOnlineDimension)
        #expect(!FormFixture.nonCounselling.isCounselling)
        form.contactType = "child"
        #expect(!form.isCounselling)
    }

    @Test func aFormRoundTripsThroughJSONWithReadableReferrals() throws {
        let json = try JSONEncoder().encode(FormFixture.counselling)
        #expect(try JSONDecoder().decode(ContactForm.self, from: json) == FormFixture.counselling)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#"{"directory":"ke-childline"}"#) && text.contains(#"{"freeText":"School counsellor"}"#))
    }
}
