import CoveCore
import Foundation

/// Contact-record files for the reader's tests, and the margins Cove's own counting would give them.
enum ContactRecordFixtures {
    static let kenya = ContactRecordReader.Helpline(id: UUID(), slug: "ke-childline", countries: ["KE"])
    static let nordic = ContactRecordReader.Helpline(id: UUID(), slug: "nordic-line", countries: ["NO", "SE"])
    static let helplines = [kenya, nordic]
    static let header = ContactRecordReader.columns.joined(separator: ",")

    struct Record {
        var helpline: ContactRecordReader.Helpline
        var country: String
        var date: String
        var contactType: String
        var category: String
        var subcategory: String
        var online: Bool
        var ageBand: String
        var gender: String
        var channel: String

        var line: String {
            [helpline.slug, country, date, contactType, category, subcategory, online ? "Y" : "N", ageBand, gender, channel]
                .joined(separator: ",")
        }

        /// The cells Cove would give this contact had a counsellor coded it, turned into margins.
        func margins(taxonomy: Taxonomy) -> [ContactMargin] {
            let alwaysOnline = taxonomy.categories.first { $0.code == category }?.isAlwaysOnline ?? false
            let isOnline = online || alwaysOnline
            var base = ContactRollup.Key(helplineID: helpline.id, country: country, month: String(date.prefix(7)),
                                         contactType: contactType, category: ContactRollup.allCategories,
                                         subcategory: ContactRollup.none, online: isOnline, ageBand: ageBand,
                                         gender: gender, channel: channel, taxonomyVersion: taxonomy.version)
            var keys = [base]
            if !category.isEmpty {
                base.category = category
                base.subcategory = subcategory.isEmpty ? ContactRollup.none : subcategory
                keys.append(base)
            }
            return ContactMargin.margins(ofContact: keys)
        }
    }

    /// Records drawn from every code list, the same for the same generator.
    static func records(_ count: Int, taxonomy: Taxonomy, using generator: inout some RandomNumberGenerator) -> [Record] {
        (0..<count).map { _ in
            let helpline = helplines.randomElement(using: &generator)!
            let category = taxonomy.categories.randomElement(using: &generator)!
            let hasCategory = Int.random(in: 0..<10, using: &generator) > 0
            let subcategory = Bool.random(using: &generator) ? category.allSubcategories.randomElement(using: &generator)?.code : nil
            return Record(helpline: helpline, country: helpline.countries.randomElement(using: &generator)!,
                          date: String(format: "2025-%02d-%02d", Int.random(in: 1...12, using: &generator),
                                       Int.random(in: 1...28, using: &generator)),
                          contactType: taxonomy.contactTypes.randomElement(using: &generator)!.code,
                          category: hasCategory ? category.code : "", subcategory: hasCategory ? subcategory ?? "" : "",
                          online: Bool.random(using: &generator),
                          ageBand: taxonomy.ageBands.randomElement(using: &generator)!.code,
                          gender: taxonomy.genders.randomElement(using: &generator)!.code,
                          channel: taxonomy.channels.randomElement(using: &generator)!.code)
        }
    }

    static func file(_ records: [Record]) -> String {
        ([header] + records.map(\.line)).joined(separator: "\n") + "\n"
    }

    static func read(_ text: String, chunk: Int = .max) throws(ContactRecordReader.Failure) -> ContactRecordReader.Tally {
        var reader = ContactRecordReader(taxonomy: try! Taxonomy.bundled, helplines: helplines)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + max(1, chunk))
            bytes[start..<end].withUnsafeBytes { reader.consume($0) }
            start = end
        }
        return try reader.finish()
    }
}
