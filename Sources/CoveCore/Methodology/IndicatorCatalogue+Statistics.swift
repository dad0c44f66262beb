import Foundation

// Hands the catalogue's declarations to the statistics code: the disclosure rule a dataflow's
// tables are protected with, and the structure a submission for a dataflow is validated against.

extension IndicatorCatalogue.Disclosure {
    /// The rule disclosure control applies; nil for `none`, and for a rule the consistency check
    /// refuses (a loaded catalogue has none of those).
    public var rule: DisclosureRule? {
        switch method {
        case .suppression:
            guard let threshold, threshold >= 2 else { return nil }
            return .suppress(threshold: threshold)
        case .rounding:
            guard let base, Self.roundingBases.contains(base) else { return nil }
            return .randomRounding(base: base)
        case .uncontrolled:
            return nil
        }
    }
}

extension IndicatorCatalogue {
    /// The codes of a codelist: those listed, or for REF_AREA's areas the country list's alpha-2
    /// codes, the six ITU-D regions and the world. Empty for an unknown codelist.
    public func codes(of codelistID: String, countries: CountryList) -> [String] {
        guard let list = codelist(id: codelistID) else { return [] }
        if let codes = list.codes { return codes }
        guard list.external == "areas" else { return [] }
        return countries.all.map(\.code) + ITURegion.allCases.map(\.rawValue) + [Codelist.world]
    }

    /// What a submission for `dataflowID` must look like, with the standard OBS_STATUS and
    /// CONF_STATUS attributes; nil for a dataflow the catalogue does not declare.
    public func structure(of dataflowID: String, countries: CountryList) -> DataflowStructure? {
        guard let flow = dataflow(id: dataflowID) else { return nil }
        let dimensions = flow.dimensions.map { dimension in
            DataflowStructure.CodedComponent(
                id: dimension.id, codelist: dimension.codelist,
                codes: Set(codes(of: dimension.codelist, countries: countries)))
        }
        let rules = flow.rules.map { rule in
            DataflowStructure.SumRule(dimension: rule.dimension, total: rule.total, parts: rule.parts)
        }
        return DataflowStructure(agency: flow.agency, id: flow.id, version: flow.version, dimensions: dimensions,
                                 timeDimension: flow.timeDimension, rules: rules)
    }
}
