/// One thing wrong with a contact form, tied to the field the console should highlight.
public struct FormProblem: Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem; the server's message catalogue can key translations on it.
    public enum Code: String, Hashable, Sendable {
        case required, unknown, duplicate, malformed
        case tooLong = "too-long"
        case tooMany = "too-many"
        case outOfRange = "out-of-range"
        case notInCategory = "not-in-category"
        case notAllowed = "not-allowed"
        case versionMismatch = "version-mismatch"
    }

    /// The form's property path, indexed from 0: "summary", "classifications[1].subcategory".
    public let field: String
    public let code: Code
    /// English, for logs and API clients; the console shows its own translation of `code`.
    public let message: String

    /// Public so the server can add what only it can check, such as a slug missing from the directory.
    public init(field: String, code: Code, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// A form finalising refused, with every problem that stopped it.
public struct FinalisingRefusal: Error, Hashable, Sendable {
    public let problems: [FormProblem]
}

extension ContactForm {
    /// Sizes that keep one contact's row bounded; counted in characters as a person sees them.
    public enum Limits {
        public static let summaryCharacters = 4_000
        public static let referralTextCharacters = 500
        public static let codeCharacters = 64
        /// RFC 5646 asks implementations to accept tags of at least 35 characters.
        public static let languageTagCharacters = 35
        /// "GB-SCT": two letters, a hyphen and up to three more.
        public static let subdivisionCharacters = 6
        /// Classifications, actions and referrals each.
        public static let listItems = 20
    }

    /// What stops even a draft from being saved: sizes only, so no half-typed answer is lost.
    public func problemsForDraft() -> [FormProblem] {
        var problems = ProblemList()
        checkSizes(into: &problems)
        return problems.all
    }

    /// Everything that stops the contact from counting: the draft's checks and then the
    /// methodology's rules. One problem per field, the first found, since that is what to fix.
    public func problemsForFinalising(taxonomy: Taxonomy) -> [FormProblem] {
        let form = normalised(with: taxonomy)
        var problems = ProblemList()
        form.checkSizes(into: &problems)
        form.checkVersion(taxonomy, into: &problems)
        let type = form.checkContactType(taxonomy, into: &problems)
        if type?.isCounselling == false {
            form.checkNonCounselling(type, into: &problems)
        } else {
            form.checkCounselling(type, taxonomy, into: &problems)
        }
        form.checkAnswers(into: &problems)
        form.checkActions(taxonomy, into: &problems)
        form.checkReferrals(into: &problems)
        return problems.all
    }

    /// The form to store as final: normalised, provided it passes every finalising rule.
    public func finalised(with taxonomy: Taxonomy) throws(FinalisingRefusal) -> ContactForm {
        let problems = problemsForFinalising(taxonomy: taxonomy)
        guard problems.isEmpty else { throw FinalisingRefusal(problems: problems) }
        return normalised(with: taxonomy)
    }
}

// MARK: - Draft checks

extension ContactForm {
    private func checkSizes(into problems: inout ProblemList) {
        let codes = [("contactType", contactType), ("nonCounsellingReason", nonCounsellingReason), ("gender", gender),
                     ("taxonomyVersion", taxonomyVersion)]
        for (field, value) in codes {
            problems.limit(value, to: Limits.codeCharacters, field: field)
        }
        problems.limit(language, to: Limits.languageTagCharacters, field: "language")
        problems.limit(subdivision, to: Limits.subdivisionCharacters, field: "subdivision")
        problems.limit(summary, to: Limits.summaryCharacters, field: "summary")
        problems.limitCount(classifications, field: "classifications")
        for (index, classification) in classifications.enumerated() {
            problems.limit(classification.category, to: Limits.codeCharacters, field: "classifications[\(index)].category")
            problems.limit(classification.subcategory, to: Limits.codeCharacters, field: "classifications[\(index)].subcategory")
        }
        problems.limitCount(actionsTaken, field: "actionsTaken")
        for (index, action) in actionsTaken.enumerated() {
            problems.limit(action, to: Limits.codeCharacters, field: "actionsTaken[\(index)]")
        }
        problems.limitCount(referrals, field: "referrals")
        for (index, referral) in referrals.enumerated() {
            switch referral.kind {
            case .directory(let slug): problems.limit(slug, to: Limits.codeCharacters, field: "referrals[\(index)].slug")
            case .freeText(let text): problems.limit(text, to: Limits.referralTextCharacters, field: "referrals[\(index)].text")
            }
        }
    }
}

/// Problems in the order found, at most one per field.
struct ProblemList {
    private(set) var all: [FormProblem] = []

    mutating func add(_ field: String, _ code: FormProblem.Code, _ message: String) {
        guard !all.contains(where: { $0.field == field }) else { return }
        all.append(FormProblem(field: field, code: code, message: message))
    }

    mutating func limit(_ value: String?, to maximum: Int, field: String) {
        guard let count = value?.count, count > maximum else { return }
        add(field, .tooLong, "has \(count) characters; at most \(maximum) are allowed")
    }

    mutating func limitCount<Element>(_ items: [Element], field: String) {
        guard items.count > ContactForm.Limits.listItems else { return }
        add(field, .tooMany, "has \(items.count) entries; at most \(ContactForm.Limits.listItems) are allowed")
    }
}
