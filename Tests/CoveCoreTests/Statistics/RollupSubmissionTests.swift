import Foundation
import Testing
@testable import CoveCore

@Suite("Submissions from rollups")
struct RollupSubmissionTests {
    let helpline = UUID()
    let quarter = TimePeriod.quarter(1, of: 2025)!

    private func cell(_ month: String, _ type: String, category: String = ContactRollup.allCategories,
                      subcategory: String = ContactRollup.none, online: Bool = false, age: String = "13-15",
                      gender: String = "girl", channel: String = "web-chat") -> ContactRollup.Key {
        ContactRollup.Key(helplineID: helpline, country: "KE", month: month, contactType: type, category: category,
                          subcategory: subcategory, online: online, ageBand: age, gender: gender, channel: channel,
                          taxonomyVersion: "1")
    }

    private func observations(_ text: String, dataflow: String) throws -> [SDMXObservation] {
        let countries = CountryList([.init(code: "KE", alpha3: "KEN", name: "Kenya", region: .africa)])
        let structure = try #require(try IndicatorCatalogue.bundled.structure(of: dataflow, countries: countries))
        let table = try SDMXCSVReader(structure: structure).table(from: Data(text.utf8)).get()
        return try SubmissionValidator(structure: structure).validate(table).get()
    }

    private func value(_ observations: [SDMXObservation], _ codes: [String: String]) -> Double? {
        observations.first { observation in
            observation.seriesKey.components.allSatisfy { ($0.dimension == "FREQ" || $0.dimension == "REF_AREA")
                || $0.code == (codes[$0.dimension] ?? "_T") }
        }?.value
    }

    /// The margins of `count` contacts, each with these cells: a total cell, then one per classification.
    private func margins(_ contacts: [([ContactRollup.Key], Int)]) -> [ContactMargin: Int] {
        contacts.reduce(into: [:]) { margins, contact in
            for margin in ContactMargin.margins(ofContact: contact.0) { margins[margin, default: 0] += contact.1 }
        }
    }

    @Test func theQuartersMarginsBecomeAFileThatPassesTheDataflowsRules() throws {
        let counted = margins([
            ([cell("2025-01", "child-self")], 7),
            ([cell("2025-03", "about-child", online: true, gender: "boy", channel: "sms")], 2),
            ([cell("2025-02", "non-counselling", age: "unknown", gender: "unknown", channel: "voice")], 4),
            ([cell("2025-01", "child-self", online: true),
              cell("2025-01", "child-self", category: "online-harm", subcategory: "cyberbullying", online: true),
              cell("2025-01", "child-self", category: "online-harm", subcategory: "grooming", online: true)], 3),
            ([cell("2025-04", "child-self")], 100),
        ])

        let file = RollupSubmission.contactsFile(country: "KE", quarter: quarter, margins: counted)
        let found = try observations(file, dataflow: "HELPLINE_CONTACTS")

        #expect(value(found, [:]) == 16, "April is another quarter")
        #expect(value(found, ["CONTACT_TYPE": "child-self"]) == 10)
        #expect(value(found, ["ONLINE": "Y"]) == 5 && value(found, ["ONLINE": "N"]) == 11)
        #expect(value(found, ["CONTACT_TYPE": "child-self", "ONLINE": "Y"]) == 3)
        #expect(value(found, ["CHANNEL": "sms"]) == 2 && value(found, ["GENDER": "unknown"]) == 4)
        #expect(value(found, ["CATEGORY": "online-harm"]) == 3, "a contact counts once in its category")
        #expect(value(found, ["CATEGORY": "online-harm", "SUBCATEGORY": "cyberbullying"]) == 3)
    }

    @Test func operationsAddUpPerChannelAndInAll() throws {
        let figures = [
            RollupSubmission.Operations(month: "2025-02", channel: "web-chat", offered: 10, answered: 8, waitSeconds: 240.4),
            RollupSubmission.Operations(month: "2025-03", channel: "sms", offered: 5, answered: 5, waitSeconds: 60),
            RollupSubmission.Operations(month: "2024-12", channel: "sms", offered: 50, answered: 1, waitSeconds: 1),
        ]

        let found = try observations(RollupSubmission.operationsFile(country: "KE", quarter: quarter, figures: figures),
                                     dataflow: "HELPLINE_OPERATIONS")

        #expect(value(found, ["MEASURE": "OFFERED"]) == 15)
        #expect(value(found, ["MEASURE": "ANSWERED", "CHANNEL": "web-chat"]) == 8)
        #expect(value(found, ["MEASURE": "WAIT_SECONDS"]) == 300)
    }
}
