import CoveCore
import Foundation
import Testing

@Suite("Contact margins")
struct ContactMarginTests {
    static let helpline = UUID()

    static func key(_ category: String, _ subcategory: String, online: Bool = false) -> ContactRollup.Key {
        ContactRollup.Key(helplineID: helpline, country: "KE", month: "2025-03", contactType: "child-self",
                          category: category, subcategory: subcategory, online: online, ageBand: "13-15",
                          gender: "girl", channel: "voice", taxonomyVersion: "1")
    }

    @Test func aContactCountsOnceInACategoryHoweverManyOfItsSubcategoriesItNames() {
        let keys = [Self.key("all", "-", online: true), Self.key("violence", "physical-violence"),
                    Self.key("violence", "bullying"), Self.key("online-harm", "cyberbullying", online: true)]

        let margins = ContactMargin.margins(ofContact: keys)

        let categories = margins.filter { $0.dimension == .category && $0.contactType == "child-self" }.map(\.code)
        #expect(categories.sorted() == ["online-harm", "violence"])
        let subcategories = margins.filter { $0.dimension == .subcategory && $0.contactType == "_T" }.map(\.code)
        #expect(subcategories.sorted() == ["online-harm/cyberbullying", "violence/bullying", "violence/physical-violence"])
        #expect(margins.contains { $0.dimension == .online && $0.code == "Y" && $0.contactType == "_T" })
        #expect(Set(margins).count == margins.count, "a contact adds one to each margin at most")
    }

    @Test func everyMarginIsCountedUnderTheContactTypeAndUnderAllTypes() {
        let margins = ContactMargin.margins(ofContact: [Self.key("all", "-")])

        #expect(margins.count == 10)
        #expect(Set(margins.map(\.contactType)) == ["child-self", "_T"])
        #expect(Set(margins.map(\.dimension)) == [.total, .online, .ageBand, .gender, .channel])
        #expect(margins.allSatisfy { $0.month == "2025-03" && $0.country == "KE" })
    }

    @Test func aContactWithNoCellsAddsNoMargin() {
        #expect(ContactMargin.margins(ofContact: []).isEmpty)
    }
}
