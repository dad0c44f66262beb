// The methodology's rules for a finalised contact; `problemsForFinalising(taxonomy:)` runs them
// on the normalised form, in this order.

extension ContactForm {
    /// Ages beyond this are typing mistakes, not callers.
    public static let plausibleAges = 0...120

    func checkVersion(_ taxonomy: Taxonomy, into problems: inout ProblemList) {
        guard taxonomyVersion != taxonomy.version else { return }
        problems.add("taxonomyVersion", .versionMismatch,
                     "the form was filled in under taxonomy version \"\(taxonomyVersion)\", not \"\(taxonomy.version)\"")
    }

    /// The contact type's entry, or nil (with a problem) when it is missing or unknown.
    func checkContactType(_ taxonomy: Taxonomy, into problems: inout ProblemList) -> Taxonomy.ContactTypeTerm? {
        guard let code = contactType else {
            problems.add("contactType", .required, "choose the type of contact")
            return nil
        }
        guard let type = taxonomy.contactType(code: code) else {
            problems.add("contactType", .unknown, "\"\(code)\" is not a contact type of taxonomy version \(taxonomy.version)")
            return nil
        }
        return type
    }

    /// A non-counselling contact says why, and is not classified: it would count as a concern no one raised.
    func checkNonCounselling(_ type: Taxonomy.ContactTypeTerm?, into problems: inout ProblemList) {
        let reasons = type?.subtypes.map(\.code) ?? []
        if let reason = nonCounsellingReason {
            if !reasons.contains(reason) {
                problems.add("nonCounsellingReason", .unknown,
                             "\"\(reason)\" is not a reason for a non-counselling contact; use one of \(reasons.joined(separator: ", "))")
            }
        } else {
            problems.add("nonCounsellingReason", .required, "choose why no counselling took place")
        }
        if !classifications.isEmpty {
            problems.add("classifications", .notAllowed, "a non-counselling contact is not classified; remove its classifications")
        }
    }

    /// Also run when the type is missing or unknown, so the classifications' own problems show at once.
    func checkCounselling(_ type: Taxonomy.ContactTypeTerm?, _ taxonomy: Taxonomy, into problems: inout ProblemList) {
        if type != nil {
            if nonCounsellingReason != nil {
                problems.add("nonCounsellingReason", .notAllowed, "a counselling contact has no non-counselling reason")
            }
            if classifications.isEmpty {
                problems.add("classifications", .required, "a counselling contact needs at least one classification")
            }
            if Self.present(summary) == nil {
                problems.add("summary", .required, "a counselling contact needs a summary")
            }
        }
        checkClassifications(taxonomy, into: &problems)
    }

    private func checkClassifications(_ taxonomy: Taxonomy, into problems: inout ProblemList) {
        var seen: Set<[String?]> = []
        for (index, classification) in classifications.enumerated() {
            let field = "classifications[\(index)]"
            guard let category = taxonomy.category(code: classification.category) else {
                problems.add("\(field).category", .unknown, "\"\(classification.category)\" is not a category")
                continue
            }
            if let code = classification.subcategory, category.subcategory(code: code) == nil {
                problems.add("\(field).subcategory", .notInCategory, "\"\(code)\" is not a subcategory of \"\(category.code)\"")
                continue
            }
            // The online mark does not make a second classification: the same concern would count twice.
            if !seen.insert([classification.category, classification.subcategory]).inserted {
                problems.add(field, .duplicate, "repeats an earlier classification under the same category and subcategory")
            }
        }
    }

    /// The answers about the child: each may be left out, but what is given must be valid.
    func checkAnswers(into problems: inout ProblemList) {
        if let childAge, !Self.plausibleAges.contains(childAge) {
            problems.add("childAge", .outOfRange, "\(childAge) is not an age from 0 to 120 years")
        }
        if let gender, Gender(rawValue: gender) == nil {
            let codes = Gender.allCases.map(\.rawValue).joined(separator: ", ")
            problems.add("gender", .unknown, "\"\(gender)\" is not a gender code; use one of \(codes)")
        }
        if let language, (try? HelpRequest.validLanguage(language)) == nil {
            problems.add("language", .malformed, "\"\(language)\" is not a BCP 47 language tag such as sw or fr-CA")
        }
        if let subdivision, !Self.isSubdivisionCode(subdivision) {
            problems.add("subdivision", .malformed, "\"\(subdivision)\" is not an ISO 3166-2 code such as KE-30 or GB-SCT")
        }
    }

    /// Shape only, as the directory reads subdivisions: whether it exists is ISO's list, not ours.
    static func isSubdivisionCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].count == 2 && parts[0].allSatisfy { $0.isASCII && $0.isUppercase }
            && (1...3).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    func checkActions(_ taxonomy: Taxonomy, into problems: inout ProblemList) {
        var seen: Set<String> = []
        for (index, action) in actionsTaken.enumerated() {
            if taxonomy.action(code: action) == nil {
                problems.add("actionsTaken[\(index)]", .unknown, "\"\(action)\" is not an action of taxonomy version \(taxonomy.version)")
            } else if !seen.insert(action).inserted {
                problems.add("actionsTaken[\(index)]", .duplicate, "\"\(action)\" is listed twice")
            }
        }
    }

    /// Whether a slug names a helpline in the directory is the server's check; here only its shape.
    func checkReferrals(into problems: inout ProblemList) {
        for (index, referral) in referrals.enumerated() {
            switch referral.kind {
            case .directory(let slug) where !Self.isSlug(slug):
                problems.add("referrals[\(index)].slug", .malformed, "\"\(slug)\" is not a helpline slug such as gb-childline")
            case .freeText(let text) where Self.present(text) == nil:
                problems.add("referrals[\(index)].text", .required, "name the service the contact was referred to")
            default:
                break
            }
        }
    }

    /// As the directory's import reads slugs: lower-case ASCII letters, digits and hyphens.
    static func isSlug(_ slug: String) -> Bool {
        !slug.isEmpty && slug.count <= Limits.codeCharacters
            && slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }
}
