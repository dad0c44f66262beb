import Foundation

/// A helpline's names and descriptions by language in HSDS.
///
/// HSDS 3.0 gives a service one `name`, one `alternate_name` and one `description`, none of them
/// with a language, and has no object for translations. So every text travels as a Cove attribute
/// whose value is `tag=text`, the plain CSV's own syntax, which keeps the language and the text
/// together in the one free field an attribute has (`label` is display text, not a language).
/// HSDS's `description` also gets one description, for readers that know nothing of Cove.
/// `alternate_name` stays empty: HSDS means another name people use for the service, such as an
/// abbreviation, and a reader showing it beside `name` would show a translation as an alias.
extension DirectoryHSDS {
    /// The description other HSDS readers show: in the helpline's first language, matched exactly
    /// or else by primary subtag ("fr" for "fr-CA"), or else the first by tag, so the export is
    /// always the same. nil when there is no description.
    static func serviceDescription(of record: DirectoryRecord) -> String? {
        let texts = record.descriptions.sorted { $0.key < $1.key }
        guard let first = record.languages.first else { return texts.first?.value }
        let wanted = Language.primarySubtag(of: first)
        return record.descriptions[first] ?? texts.first { Language.primarySubtag(of: $0.key) == wanted }?.value
            ?? texts.first?.value
    }

    /// One attribute per language, sorted by tag; ids name the language rather than a position, so
    /// adding a language leaves the other attributes' ids alone.
    static func textAttributes(of record: DirectoryRecord, ids: HSDSIdentifiers) -> [HSDSValue] {
        [(HSDSTerm.localizedName, record.names), (.localizedDescription, record.descriptions)].flatMap { term, texts in
            texts.sorted { $0.key < $1.key }.map { tag, text in
                attribute(term, "\(tag)=\(text)", id: ids.id("\(term.rawValue)/\(tag)"))
            }
        }
    }
}
