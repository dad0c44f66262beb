import Foundation

extension HSDSServiceReader {
    /// The `names` and `descriptions` columns, `tag=text | tag=text` as the plain CSV holds them,
    /// from Cove's `name` and `description` attributes. Each attribute is checked on its own, so a
    /// problem names the attribute it is in rather than the whole column.
    ///
    /// Cove's description attributes are authoritative: HSDS's single `description` repeats one of
    /// them for other readers, and is read only from files without them (`addForeignDescription`).
    mutating func addTexts(_ facts: [Fact], to row: inout CSVRow) {
        for (term, column) in [(HSDSTerm.localizedName, "names"), (.localizedDescription, "descriptions")] {
            var tags = Set<String>()
            for fact in facts where fact.term == term {
                guard let (tag, text) = languageText(fact.value, column: column, at: fact.path) else { continue }
                guard tags.insert(tag).inserted else {
                    problem(fact.path, LanguageTextsError.repeated(tag).description)
                    continue
                }
                row.add(column, "\(tag)=\(text)", at: fact.path, separator: " | ")
            }
        }
        if !facts.contains(where: { $0.term == .localizedDescription }) { addForeignDescription(to: &row) }
    }

    /// HSDS's `description` from a publisher that does not write Cove's attributes. HSDS does not
    /// say its language, so it is taken to be the helpline's first; a helpline without languages
    /// loses it, since Cove shows a description only to a child asking in its language.
    private mutating func addForeignDescription(to row: inout CSVRow) {
        let at = "\(path).description"
        guard let description = string(service, "description", at: path),
              description.contains(where: { !$0.isWhitespace }),
              let first = row.values["languages"]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces),
              (try? HelpRequest.validLanguage(first)) != nil,
              let (tag, text) = languageText("\(first)=\(description)", column: "descriptions", at: at)
        else { return }
        row.add("descriptions", "\(tag)=\(text)", at: at, separator: " | ")
    }

    /// One `tag=text` as the CSV's rules for `column` read it, or nil after a problem. A text may not
    /// hold "|", which the CSV puts between languages.
    private mutating func languageText(_ value: String, column: String, at valuePath: String)
        -> (tag: String, text: String)? {
        guard !value.contains("|") else {
            problem(valuePath, "holds \"|\", which separates languages in the plain CSV, so no text may hold it")
            return nil
        }
        guard let read = standInRecord([column: value], origins: [column: valuePath], fallback: valuePath) else { return nil }
        guard let (tag, text) = (column == "names" ? read.names : read.descriptions).first else {
            problem(valuePath, "required")
            return nil
        }
        return (tag, text)
    }
}
