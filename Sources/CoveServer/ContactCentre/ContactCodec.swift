import CoveCore
import Foundation

/// Splits a contact form between what statistics may read (codes, in the clear) and what the
/// child said (the summary and free-text referrals), which is sealed.
struct ContactCodec: Sendable {
    let sealer: Sealer

    private struct Narrative: Codable {
        var summary: String
        var otherReferrals: [String]
    }

    func store(_ form: ContactForm, in contact: Contact) throws {
        var coded = form
        coded.summary = ""
        coded.referrals = form.referrals.filter { if case .directory = $0.kind { true } else { false } }
        contact.classification = String(decoding: try JSONEncoder().encode(coded), as: UTF8.self)
        contact.taxonomyVersion = form.taxonomyVersion
        let others = form.referrals.compactMap { referral -> String? in
            if case let .freeText(text) = referral.kind { return text }
            return nil
        }
        let narrative = try JSONEncoder().encode(Narrative(summary: form.summary, otherReferrals: others))
        contact.sealedNarrative = try sealer.seal(String(decoding: narrative, as: UTF8.self),
                                                  context: Contact.sealingContext(try contact.requireID()))
    }

    func form(of contact: Contact) throws -> ContactForm {
        var form = (try? JSONDecoder().decode(ContactForm.self, from: Data(contact.classification.utf8)))
            ?? ContactForm(taxonomyVersion: contact.taxonomyVersion)
        if let sealed = contact.sealedNarrative {
            let text = try sealer.open(sealed, context: Contact.sealingContext(try contact.requireID()))
            let narrative = try JSONDecoder().decode(Narrative.self, from: Data(text.utf8))
            form.summary = narrative.summary
            form.referrals += narrative.otherReferrals.map { .init(kind: .freeText($0)) }
        }
        return form
    }
}
