import CoveCore
import Vapor

/// What the contact form page shows: the taxonomy's choices in the page's language, with the
/// current answers selected and each problem beside its field.
struct ContactFormView: Encodable, Sendable {
    struct Option: Encodable, Sendable { var code: String; var name: String; var selected: Bool }
    struct Group: Encodable, Sendable { var label: String; var options: [Option] }
    struct ClassRow: Encodable, Sendable { var index: Int; var groups: [Group]; var online: Bool }

    var contact: UUID
    var isFinal: Bool
    var channel: String
    var contactTypes: [Option]
    var reasons: [Option]
    var age: String
    var genders: [Option]
    var language: String
    var subdivision: String
    var rows: [ClassRow]
    var summary: String
    var actions: [Option]
    var referralDirectory: String
    var referralText: String
    var errors: [String: String]
    var saved: String?

    init(contact: UUID, isFinal: Bool, channel: String, form: ContactForm, taxonomy: Taxonomy, language: Language,
         problems: [FormProblem], describe: (FormProblem) -> String, saved: String?) {
        self.contact = contact
        self.isFinal = isFinal
        self.channel = channel
        contactTypes = taxonomy.contactTypes.map { Option(code: $0.code, name: $0.name(in: language), selected: $0.code == form.contactType) }
        reasons = taxonomy.nonCounsellingReasons.map {
            Option(code: $0.code, name: $0.name(in: language), selected: $0.code == form.nonCounsellingReason)
        }
        age = form.childAge.map(String.init) ?? ""
        genders = taxonomy.genders.map { Option(code: $0.code, name: $0.name(in: language), selected: $0.code == form.gender) }
        self.language = form.language ?? ""
        subdivision = form.subdivision ?? ""
        rows = (0..<3).map { index in
            let chosen = index < form.classifications.count ? form.classifications[index] : nil
            return ClassRow(index: index, groups: Self.groups(taxonomy, language, chosen: chosen), online: chosen?.online ?? false)
        }
        summary = form.summary
        actions = taxonomy.actions.map { Option(code: $0.code, name: $0.name(in: language), selected: form.actionsTaken.contains($0.code)) }
        referralDirectory = form.referrals.compactMap { if case let .directory(slug) = $0.kind { slug } else { nil } }.first ?? ""
        referralText = form.referrals.compactMap { if case let .freeText(text) = $0.kind { text } else { nil } }.first ?? ""
        errors = Self.errors(problems, describe: describe)
        self.saved = saved
    }

    /// One group per category: the category itself, then its subcategories at every depth.
    private static func groups(_ taxonomy: Taxonomy, _ language: Language, chosen: ContactForm.Classification?) -> [Group] {
        let picked = chosen.map { $0.subcategory.map { "\($0)" } ?? "" }
        return taxonomy.categories.map { category in
            let whole = Option(code: category.code, name: category.name(in: language),
                               selected: chosen?.category == category.code && chosen?.subcategory == nil)
            let parts = category.allSubcategories.map { sub in
                Option(code: "\(category.code)/\(sub.code)", name: sub.name(in: language),
                       selected: chosen?.category == category.code && picked == sub.code)
            }
            return Group(label: category.name(in: language), options: [whole] + parts)
        }
    }

    /// The form's field paths reduced to the page's fields ("classifications[1].subcategory" → "classifications").
    private static func errors(_ problems: [FormProblem], describe: (FormProblem) -> String) -> [String: String] {
        var errors: [String: String] = [:]
        for problem in problems {
            let field = String(problem.field.prefix { $0 != "[" && $0 != "." })
            errors[field] = errors[field] ?? describe(problem)
        }
        return errors
    }
}
