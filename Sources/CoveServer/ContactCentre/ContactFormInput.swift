import CoveCore
import Vapor

/// The contact form as the browser posts it; every field is text so a bad value can be shown
/// back beside its field instead of failing the whole request.
struct ContactFormInput: Content {
    var contactType: String?
    var reason: String?
    var age: String?
    var gender: String?
    var language: String?
    var subdivision: String?
    var class0: String?
    var class1: String?
    var class2: String?
    var online0: String?
    var online1: String?
    var online2: String?
    var summary: String?
    var actions: [String]?
    var referralDirectory: String?
    var referralText: String?
    var intent: String?

    enum CodingKeys: String, CodingKey {
        case contactType = "contact_type", reason, age, gender, language, subdivision
        case class0 = "class_0", class1 = "class_1", class2 = "class_2"
        case online0 = "online_0", online1 = "online_1", online2 = "online_2"
        case summary, actions, referralDirectory = "referral_directory", referralText = "referral_text", intent
    }

    /// The form these fields describe, and the fields that could not even be read.
    func form(taxonomyVersion: String) -> (ContactForm, [FormProblem]) {
        var problems: [FormProblem] = []
        var age: Int?
        if let text = self.age.nonBlank {
            age = Int(text)
            if age == nil { problems.append(FormProblem(field: "childAge", code: .malformed, message: "not a whole number")) }
        }
        let classes = [(class0, online0), (class1, online1), (class2, online2)].compactMap { pick, online in
            pick.nonBlank.map { Self.classification($0, online: online != nil) }
        }
        var referrals: [ContactForm.Referral] = []
        if let slug = referralDirectory.nonBlank { referrals.append(.init(kind: .directory(slug: slug))) }
        if let text = referralText.nonBlank { referrals.append(.init(kind: .freeText(text))) }
        let form = ContactForm(
            contactType: contactType.nonBlank, nonCounsellingReason: reason.nonBlank, childAge: age,
            gender: gender.nonBlank, language: language.nonBlank, subdivision: subdivision.nonBlank,
            classifications: classes, summary: summary ?? "", actionsTaken: actions ?? [], referrals: referrals,
            taxonomyVersion: taxonomyVersion)
        return (form, problems)
    }

    /// "violence" or "violence/physical", as the category picker writes them.
    static func classification(_ value: String, online: Bool) -> ContactForm.Classification {
        let parts = value.split(separator: "/", maxSplits: 1).map(String.init)
        return .init(category: parts[0], subcategory: parts.count > 1 ? parts[1] : nil, online: online)
    }
}

extension Optional where Wrapped == String {
    /// The text trimmed, or nil when there is none.
    var nonBlank: String? {
        guard let trimmed = self?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
