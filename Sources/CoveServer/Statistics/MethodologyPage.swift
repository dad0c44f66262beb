import CoveCore
import Vapor

/// The methodology as the public reads it, generated from the catalogue so the page and the
/// figures can never describe different rules: each indicator's definition, computation,
/// breakdowns and protection, and each dataflow's dimensions and sums.
struct MethodologyPage: Encodable, Sendable {
    struct Indicator: Encodable, Sendable {
        var id: String
        var name: String
        var definition: String
        var unit: String
        var formula: String
        var breakdown: String
        var periodicity: String
        var disclosure: String
        var version: String
    }

    struct Dataflow: Encodable, Sendable {
        var id: String
        var reference: String
        var name: String
        var dimensions: String
        var rules: [String]
        var disclosure: String
        var href: String
    }

    var version: String
    var taxonomyVersion: String
    var effective: String
    var indicators: [Indicator]
    var dataflows: [Dataflow]

    init(catalogue: IndicatorCatalogue, req: Request) {
        let language = req.language
        version = catalogue.version
        taxonomyVersion = catalogue.taxonomyVersion
        effective = catalogue.effective.description
        indicators = catalogue.indicators.map { indicator in
            Indicator(id: indicator.id, name: indicator.name(in: language), definition: indicator.definition(in: language),
                      unit: catalogue.unit(code: indicator.unit)?.name(in: language) ?? indicator.unit,
                      formula: indicator.formula, breakdown: indicator.dimensions.joined(separator: " × "),
                      periodicity: req.t("statistics.periodicity_\(indicator.periodicity.rawValue)"),
                      disclosure: Self.describe(indicator.disclosure, req: req), version: indicator.version)
        }
        dataflows = catalogue.dataflows.map { flow in
            Dataflow(id: flow.id, reference: flow.reference, name: flow.name(in: language),
                     dimensions: flow.dimensions.map { "\($0.id) (\($0.codelist))" }.joined(separator: ", "),
                     rules: flow.rules.map { "\($0.dimension): \($0.total) = \($0.parts.joined(separator: " + "))" },
                     disclosure: Self.describe(flow.disclosure, req: req), href: "/sdmx/data/\(flow.id)/all")
        }
    }

    static func describe(_ disclosure: IndicatorCatalogue.Disclosure, req: Request) -> String {
        switch disclosure.method {
        case .suppression: req.t("statistics.disclosure_suppression", ["threshold": "\(disclosure.threshold ?? 0)",
                                                                         "below": "\((disclosure.threshold ?? 1) - 1)"])
        case .rounding: req.t("statistics.disclosure_rounding", ["base": "\(disclosure.base ?? 0)"])
        case .uncontrolled: req.t("statistics.disclosure_none")
        }
    }
}
