import Foundation

extension IndicatorCatalogue {
    /// Everything in the catalogue that breaks its rules, in file order, each naming its place:
    /// unique ids; every dimension's codelist, every indicator's dataflow, unit and dimensions
    /// declared; filters and sum rules using listed codes; names and definitions in all six
    /// languages; disclosure thresholds of at least 2 and rounding bases of 3 or 5. Empty when
    /// the catalogue is consistent. Agreement with the taxonomy is `problems(against:)`.
    public func consistencyProblems() -> [Problem] {
        var problems: [Problem] = []
        if version.isEmpty { problems.append(Problem("version", "is empty")) }
        if taxonomyVersion.isEmpty { problems.append(Problem("taxonomyVersion", "is empty")) }
        problems += unitProblems()
        problems += codelistProblems()
        problems += Self.duplicates(dataflows.map(\.id), in: "dataflows")
        problems += dataflows.flatMap { dataflowProblems($0) }
        problems += Self.duplicates(indicators.map(\.id), in: "indicators")
        problems += indicators.flatMap { indicatorProblems($0) }
        problems += reviewProblems()
        return problems
    }

    /// Where the catalogue and a taxonomy disagree: the taxonomy version it was written for, and
    /// the codes of every codelist that mirrors a taxonomy list (besides its `_` codes).
    public func problems(against taxonomy: Taxonomy) -> [Problem] {
        var problems: [Problem] = []
        if taxonomyVersion != taxonomy.version {
            problems.append(Problem("taxonomyVersion", "is \"\(taxonomyVersion)\" but the taxonomy is version \"\(taxonomy.version)\""))
        }
        for list in codelists {
            guard let name = list.taxonomyList, let codes = list.codes, let expected = Self.taxonomyCodes(name, in: taxonomy) else {
                continue
            }
            let own = codes.filter { !$0.hasPrefix("_") }
            let missing = expected.filter { !own.contains($0) }
            let extra = own.filter { !expected.contains($0) }
            if !missing.isEmpty {
                problems.append(Problem("codelists[\(list.id)].codes", "lacks the taxonomy's \(name) \(Self.quoted(missing))"))
            }
            if !extra.isEmpty {
                problems.append(Problem("codelists[\(list.id)].codes", "has codes the taxonomy's \(name) lack: \(Self.quoted(extra))"))
            }
        }
        return problems
    }

    /// The codes of a taxonomy list as a codelist names it; nil for a name that is no such list.
    static func taxonomyCodes(_ list: String, in taxonomy: Taxonomy) -> [String]? {
        switch list {
        case "contactTypes": taxonomy.contactTypes.map(\.code)
        case "categories": taxonomy.categories.map(\.code)
        case "subcategories": taxonomy.categories.flatMap(\.allSubcategories).map(\.code)
        case "ageBands": taxonomy.ageBands.map(\.code)
        case "genders": taxonomy.genders.map(\.code)
        case "channels": taxonomy.channels.map(\.code)
        default: nil
        }
    }

    // MARK: - Parts

    private func unitProblems() -> [Problem] {
        var problems = Self.duplicates(units.map(\.code), in: "units")
        for unit in units {
            problems += Self.textProblems(unit.names, at: "units[\(unit.code)].names")
        }
        return problems
    }

    private func codelistProblems() -> [Problem] {
        var problems = Self.duplicates(codelists.map(\.id), in: "codelists")
        for list in codelists {
            let path = "codelists[\(list.id)]"
            switch (list.codes, list.external) {
            case (nil, nil):
                problems.append(Problem(path, "lists no codes and names no external source of codes"))
            case (_?, _?):
                problems.append(Problem(path, "lists codes and also names an external source; give one"))
            case (nil, let external?):
                if !Codelist.externalSources.contains(external) {
                    let known = Self.quoted(Codelist.externalSources.sorted())
                    problems.append(Problem("\(path).external", "\"\(external)\" is not a known source of codes (\(known))"))
                }
            case (let codes?, nil):
                if codes.isEmpty { problems.append(Problem("\(path).codes", "is empty")) }
                problems += Self.duplicates(codes, in: "\(path).codes")
            }
            if let name = list.taxonomyList {
                if !Codelist.taxonomyLists.contains(name) {
                    let known = Self.quoted(Codelist.taxonomyLists.sorted())
                    problems.append(Problem("\(path).taxonomy", "\"\(name)\" is not a taxonomy list (\(known))"))
                } else if list.codes == nil {
                    problems.append(Problem(path, "mirrors the taxonomy's \(name) but lists no codes"))
                }
            }
        }
        return problems
    }

    private func dataflowProblems(_ flow: Dataflow) -> [Problem] {
        let path = "dataflows[\(flow.id)]"
        var problems: [Problem] = []
        if flow.agency.isEmpty { problems.append(Problem("\(path).agency", "is empty")) }
        if flow.version.isEmpty { problems.append(Problem("\(path).version", "is empty")) }
        problems += Self.textProblems(flow.names, at: "\(path).names")
        if flow.dimensions.isEmpty { problems.append(Problem("\(path).dimensions", "is empty")) }
        problems += Self.duplicates(flow.dimensions.map(\.id), in: "\(path).dimensions")
        if flow.dimension(flow.timeDimension) != nil {
            problems.append(Problem("\(path).dimensions", "\(flow.timeDimension) is the time dimension and cannot also be coded"))
        }
        for dimension in flow.dimensions where codelist(id: dimension.codelist) == nil {
            problems.append(Problem("\(path).dimensions[\(dimension.id)].codelist",
                                    "\"\(dimension.codelist)\" is not a codelist of this catalogue"))
        }
        for (index, rule) in flow.rules.enumerated() {
            problems += ruleProblems(rule, of: flow, at: "\(path).rules[\(index)]")
        }
        if let reason = flow.disclosure.problem {
            problems.append(Problem("\(path).disclosure", reason))
        }
        return problems
    }

    private func ruleProblems(_ rule: Dataflow.Rule, of flow: Dataflow, at path: String) -> [Problem] {
        guard let dimension = flow.dimension(rule.dimension) else {
            return [Problem("\(path).dimension", "\"\(rule.dimension)\" is not a dimension of \(flow.id)")]
        }
        var problems: [Problem] = []
        if rule.parts.isEmpty { problems.append(Problem("\(path).parts", "is empty")) }
        if rule.parts.contains(rule.total) {
            problems.append(Problem("\(path).parts", "include the total \"\(rule.total)\""))
        }
        problems += Self.duplicates(rule.parts, in: "\(path).parts")
        if let list = codelist(id: dimension.codelist), let codes = list.codes {
            for code in [rule.total] + rule.parts where !codes.contains(code) {
                problems.append(Problem(path, "\"\(code)\" is not a code of \(list.id)"))
            }
        }
        return problems
    }

    private func indicatorProblems(_ indicator: Indicator) -> [Problem] {
        let path = "indicators[\(indicator.id)]"
        var problems: [Problem] = []
        if indicator.version.isEmpty { problems.append(Problem("\(path).version", "is empty")) }
        problems += Self.textProblems(indicator.names, at: "\(path).names")
        problems += Self.textProblems(indicator.definitions, at: "\(path).definition")
        if unit(code: indicator.unit) == nil {
            problems.append(Problem("\(path).unit", "\"\(indicator.unit)\" is not a unit of this catalogue"))
        }
        if let reason = indicator.disclosure.problem {
            problems.append(Problem("\(path).disclosure", reason))
        } else if indicator.disclosure.method == .uncontrolled && indicator.source != .directoryCoverage {
            problems.append(Problem("\(path).disclosure",
                                    "only directory coverage, which counts countries rather than people, may go without disclosure control"))
        }
        guard let flow = dataflow(id: indicator.dataflow) else {
            problems.append(Problem("\(path).dataflow", "\"\(indicator.dataflow)\" is not a dataflow of this catalogue"))
            return problems
        }
        if indicator.disclosure.problem == nil, indicator.disclosure != flow.disclosure {
            problems.append(Problem("\(path).disclosure", "differs from the disclosure rule of \(flow.id)"))
        }
        problems += Self.duplicates(indicator.dimensions, in: "\(path).dimensions")
        for dimension in indicator.dimensions where dimension != flow.timeDimension && flow.dimension(dimension) == nil {
            problems.append(Problem("\(path).dimensions", "\"\(dimension)\" is not a dimension of \(flow.id)"))
        }
        if let frequency = flow.dimension("FREQ"), let list = codelist(id: frequency.codelist),
           list.contains(indicator.periodicity.frequencyCode) == false {
            let code = indicator.periodicity.frequencyCode
            problems.append(Problem("\(path).periodicity", "\(indicator.periodicity.rawValue) needs FREQ code \"\(code)\", which \(list.id) lacks"))
        }
        if indicator.numerator.dataflow != indicator.dataflow {
            problems.append(Problem("\(path).numerator", "must count observations of the indicator's own dataflow \(flow.id)"))
        } else {
            problems += selectionProblems(indicator.numerator, of: indicator, at: "\(path).numerator")
        }
        switch (indicator.denominator, indicator.multiplier) {
        case (let denominator?, let multiplier):
            problems += selectionProblems(denominator, of: indicator, at: "\(path).denominator")
            if (multiplier ?? 0) < 1 {
                problems.append(Problem("\(path).multiplier",
                                        "a ratio needs a multiplier of at least 1 (100 for a percentage, 100000 for a rate per 100,000)"))
            }
        case (nil, let multiplier?):
            problems.append(Problem("\(path).multiplier", "\(multiplier) multiplies a ratio, but there is no denominator"))
        case (nil, nil):
            break
        }
        return problems
    }

    /// Dimensions named in the filter exist where the selection counts, their codes are listed,
    /// and every dimension left to its total has a total to take.
    private func selectionProblems(_ selection: Selection, of indicator: Indicator, at path: String) -> [Problem] {
        let dimensionCodelists: [String: String]
        let table: String
        var totalled: [String] = []
        switch (selection.dataflow, selection.reference) {
        case (let id?, nil):
            guard let flow = dataflow(id: id) else {
                return [Problem("\(path).dataflow", "\"\(id)\" is not a dataflow of this catalogue")]
            }
            dimensionCodelists = Dictionary(flow.dimensions.map { ($0.id, $0.codelist) }, uniquingKeysWith: { first, _ in first })
            table = flow.id
            totalled = flow.dimensions.map(\.id).filter { dimension in
                dimension != "FREQ" && selection.filter[dimension] == nil && !indicator.dimensions.contains(dimension)
            }
        case (nil, let reference?):
            guard let dimensions = Selection.referenceDimensions[reference] else {
                let known = Self.quoted(Selection.referenceDimensions.keys.sorted())
                return [Problem("\(path).reference", "\"\(reference)\" is not a known reference table (\(known))")]
            }
            dimensionCodelists = dimensions
            table = reference
        default:
            return [Problem(path, "must name exactly one of a dataflow and a reference table")]
        }
        var problems: [Problem] = []
        for (dimension, codes) in selection.filter.sorted(by: { $0.key < $1.key }) {
            let filterPath = "\(path).filter.\(dimension)"
            guard let codelistID = dimensionCodelists[dimension] else {
                problems.append(Problem(filterPath, "\"\(dimension)\" is not a dimension of \(table)"))
                continue
            }
            if codes.isEmpty { problems.append(Problem(filterPath, "selects no codes")) }
            if let list = codelist(id: codelistID), let known = list.codes {
                for code in codes where !known.contains(code) {
                    problems.append(Problem(filterPath, "\"\(code)\" is not a code of \(list.id)"))
                }
            }
        }
        for dimension in totalled {
            guard let codelistID = dimensionCodelists[dimension], let list = codelist(id: codelistID) else { continue }
            if list.contains(Codelist.total) == false {
                problems.append(Problem("\(path).filter",
                                        "leaves \(dimension) to its total, but \(list.id) has no \(Codelist.total); select its codes"))
            }
        }
        return problems
    }

    private func reviewProblems() -> [Problem] {
        let known = Set(indicators.map(\.id) + dataflows.map(\.id) + units.map(\.code))
        var problems: [Problem] = []
        for language in Language.allCases {
            for id in needsNativeReview[language, default: []] where !known.contains(id) {
                problems.append(Problem("needs_native_review.\(language.rawValue)",
                                        "\"\(id)\" is not an indicator, dataflow or unit of this catalogue"))
            }
        }
        return problems
    }

    // MARK: - Helpers

    /// Each id used more than once, reported once.
    static func duplicates(_ ids: [String], in list: String) -> [Problem] {
        var seen: Set<String> = []
        var reported: Set<String> = []
        var problems: [Problem] = []
        for id in ids {
            if !seen.insert(id).inserted, reported.insert(id).inserted {
                problems.append(Problem(list, "\"\(id)\" is used twice"))
            }
        }
        return problems
    }

    /// Names and definitions are published in six languages, so a blank one is a problem here,
    /// not a fallback as in the contact form.
    static func textProblems(_ text: Taxonomy.LocalizedText, at path: String) -> [Problem] {
        let missing = Language.allCases.filter { language in
            (text.texts[language] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        guard !missing.isEmpty else { return [] }
        return [Problem(path, "has no text in \(missing.map(\.rawValue).joined(separator: ", "))")]
    }

    static func quoted(_ codes: [String]) -> String {
        codes.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
