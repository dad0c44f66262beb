extension Taxonomy {
    /// The rules the code relies on, checked once at load so a broken file stops start-up with
    /// one line rather than misfiling contacts later. Completeness of translations is the tests'
    /// business: a missing French name falls back to English and harms no statistic.
    func checkConsistency() throws(LoadError) {
        guard !version.isEmpty else { throw .inconsistent("version is empty") }
        // Categories and subcategories share one namespace, so a subcategory code alone names it.
        let lists: [(String, [any TaxonomyTerm])] = [
            ("contactTypes", contactTypes + contactTypes.flatMap(\.subtypes)),
            ("categories", categories + categories.flatMap(\.allSubcategories)),
            ("ages", ages), ("ageBands", ageBands), ("genders", genders), ("channels", channels), ("actions", actions),
        ]
        for (list, terms) in lists {
            try Self.checkTerms(terms, in: list)
        }
        try checkShapes()
        try checkAgeBands()
        try checkReviewCodes(known: Set(lists.flatMap { $0.1.map(\.code) }))
    }

    private static func checkTerms(_ terms: [any TaxonomyTerm], in list: String) throws(LoadError) {
        var seen: Set<String> = []
        for term in terms {
            guard isCode(term.code) else { throw .inconsistent("\(list): \"\(term.code)\" is not a lower-case kebab code") }
            guard seen.insert(term.code).inserted else { throw .inconsistent("\(list): code \"\(term.code)\" is used twice") }
            guard term.names.texts[.english]?.isEmpty == false, term.definitions.texts[.english]?.isEmpty == false else {
                throw .inconsistent("\(list): \"\(term.code)\" has no English name or definition to fall back on")
            }
        }
    }

    /// Lower-case ASCII letters and digits in hyphen-separated runs: "online-harm", "13-15".
    static func isCode(_ code: String) -> Bool {
        let runs = code.split(separator: "-", omittingEmptySubsequences: false)
        return runs.allSatisfy { run in
            !run.isEmpty && run.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
    }

    /// Two levels below a category at most, and reasons only on the non-counselling type: the
    /// contact form's rules read them that way.
    private func checkShapes() throws(LoadError) {
        for category in categories {
            for deep in category.subcategories.flatMap(\.subcategories) where !deep.subcategories.isEmpty {
                throw .inconsistent("categories: \"\(deep.code)\" nests a third level below \"\(category.code)\"")
            }
        }
        for type in contactTypes where type.isCounselling && !type.subtypes.isEmpty {
            throw .inconsistent("contactTypes: counselling type \"\(type.code)\" lists non-counselling reasons")
        }
    }

    /// Every band but "unknown" has a start; none ends before it starts, and no two overlap, so an
    /// age counts in one band at most.
    private func checkAgeBands() throws(LoadError) {
        let spans = ageBands.compactMap { band in band.from.map { (code: band.code, from: $0, to: band.to ?? Int.max) } }
        for span in spans where span.to < span.from {
            throw .inconsistent("ageBands: \"\(span.code)\" ends before it starts")
        }
        for (index, span) in spans.enumerated() {
            for other in spans[(index + 1)...] where span.from <= other.to && other.from <= span.to {
                throw .inconsistent("ageBands: \"\(span.code)\" and \"\(other.code)\" overlap")
            }
        }
        guard ageBands.filter({ $0.from == nil }).count <= 1 else {
            throw .inconsistent("ageBands: more than one band has no ages")
        }
    }

    private func checkReviewCodes(known: Set<String>) throws(LoadError) {
        for (language, codes) in needsNativeReview {
            for code in codes where !known.contains(code) {
                throw .inconsistent("needs_native_review.\(language.rawValue): \"\(code)\" is not a code of this taxonomy")
            }
        }
    }
}
