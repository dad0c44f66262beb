import Foundation
@testable import CoveCore

/// The committed taxonomy, read from the repo (not the bundle) so these tests also run outside SwiftPM.
let repoTaxonomyURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/CoveCore/Resources/methodology/taxonomy-1.json")
let repoTaxonomy = Result<Taxonomy, any Error> { try Taxonomy(json: Data(contentsOf: repoTaxonomyURL)) }

extension Taxonomy {
    /// Every term in the file, each with the list it belongs to, for checks that apply to all.
    var everyTerm: [(list: String, term: any TaxonomyTerm)] {
        let lists: [(String, [any TaxonomyTerm])] = [
            ("contactTypes", contactTypes + contactTypes.flatMap(\.subtypes)),
            ("categories", categories + categories.flatMap(\.allSubcategories)),
            ("ages", ages), ("ageBands", ageBands), ("genders", genders), ("channels", channels), ("actions", actions),
        ]
        return lists.flatMap { list, terms in terms.map { (list, $0) } }
    }
}

/// A small taxonomy file the load-error tests break one piece at a time.
enum TaxonomyFixture {
    static func term(_ code: String, _ extra: String = "") -> String {
        #"{"code": "\#(code)", "names": {"en": "\#(code)", "fr": "fr \#(code)"}, "definition": {"en": "About \#(code)."}\#(extra)}"#
    }

    static let categories = "[\(term("violence", #", "subcategories": [\#(term("bullying"))]"#)), \(term("online-harm", #", "alwaysOnline": true"#))]"
    static let ageBands = #"[{"code": "0-17", "from": 0, "to": 17, "names": {"en": "0–17"}, "definition": {"en": "Children."}}]"#

    static func json(categories: String = categories, ageBands: String = ageBands,
                     review: String = #"{"fr": ["violence"]}"#) -> Data {
        Data("""
        {"version": "test", "effective": "2026-10-01", "source": "fixture", "needs_native_review": \(review),
         "contactTypes": [\(term("child-self", #", "counselling": true"#))],
         "categories": \(categories), "ages": [\(term("0"))], "ageBands": \(ageBands),
         "genders": [\(term("girl"))], "channels": [\(term("voice"))], "actions": [\(term("counselled"))]}
        """.utf8)
    }
}

enum FormFixture {
    /// A counselling contact that passes every rule, and touches each of them.
    static let counselling = ContactForm(
        contactType: "child-self", childAge: 14, gender: "girl", language: "sw-KE", subdivision: "KE-30",
        classifications: [
            .init(category: "online-harm", subcategory: "sextortion", online: true),
            .init(category: "mental-health", subcategory: "anxiety", online: false),
        ],
        summary: "Frightened: someone met in a game is threatening to share her pictures.",
        actionsTaken: ["counselled", "referred"],
        referrals: [.init(kind: .directory(slug: "ke-childline")), .init(kind: .freeText("School counsellor"))],
        taxonomyVersion: "1")

    static let nonCounselling = ContactForm(contactType: "non-counselling", nonCounsellingReason: "silent", taxonomyVersion: "1")
}
