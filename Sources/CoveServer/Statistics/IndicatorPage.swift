import CoveCore
import Vapor

/// The comparison page of one indicator for one area: its quarterly series beside its region and the
/// world, the ranking of the area's countries, and for the world the six regions. Each chart comes
/// with the same figures as a table, for screen readers and for copying.
struct IndicatorPage: Encodable, Sendable {
    struct Choice: Encodable, Sendable {
        var code: String
        var name: String
        var selected: Bool
    }

    struct Row: Encodable, Sendable {
        var label: String
        var value: String
        var note: String?
        var href: String?
        var highlighted: Bool
    }

    struct Figure: Encodable, Sendable {
        var id: String
        var caption: String
        var svg: String
        /// What the first column names: a period and an area, or an area.
        var labelHeader: String
        var rows: [Row]
    }

    var id: String
    var name: String
    var definition: String
    var unit: String
    var formula: String
    var version: String
    var area: String
    var areaName: String
    var areas: [Choice]
    var latestPeriod: String?
    var figures: [Figure]
    var csvHref: String
    var openDataHref: String
}

/// Builds `IndicatorPage` from a report in the request's language.
struct IndicatorPageBuilder {
    let req: Request
    let report: IndicatorReport
    let catalogue: IndicatorCatalogue
    let area: String

    var locale: Locale { Locale(identifier: req.language.rawValue) }
    var rightToLeft: Bool { req.language.direction == "rtl" }

    /// Periods and codes are left-to-right text: isolated, "2025-Q1" stays so inside Arabic.
    func isolated(_ text: String) -> String { rightToLeft ? "\u{2066}\(text)\u{2069}" : text }

    func areaName(_ code: String) -> String {
        if code == IndicatorCatalogue.Codelist.world { return req.t("statistics.world") }
        if let region = ITURegion(rawValue: code) { return req.t(region.catalogueKey) }
        return req.countryName(code)
    }

    func text(_ value: IndicatorValue?) -> (value: String, note: String?) {
        guard let value else { return ("—", req.t("statistics.no_data")) }
        switch value.status {
        case .published:
            let digits = report.indicator.unit == "contacts" || report.indicator.unit == "countries" ? 0 : 1
            let number = (value.value ?? 0).formatted(.number.precision(.fractionLength(digits)).locale(locale))
            guard let counted = value.countriesCounted, let members = value.countriesInArea else { return (number, nil) }
            return (number, req.t("statistics.countries_counted", ["counted": "\(counted)", "total": "\(members)"]))
        case .withheld: return ("—", req.t("statistics.withheld"))
        case .missing: return ("—", req.t("statistics.no_data"))
        }
    }

    func build() -> IndicatorPage {
        let indicator = report.indicator
        let language = req.language
        var figures = [seriesFigure()]
        if let latest = report.latestPeriod(for: area) ?? report.periods.last, !report.countries.contains(area) {
            figures.append(rankingFigure(at: latest))
            if let multiples = multiplesFigure(at: latest) { figures.append(multiples) }
            if area == IndicatorCatalogue.Codelist.world { figures.append(regionsFigure(at: latest)) }
        }
        return IndicatorPage(
            id: indicator.id, name: indicator.name(in: language), definition: indicator.definition(in: language),
            unit: catalogue.unit(code: indicator.unit)?.name(in: language) ?? indicator.unit, formula: indicator.formula,
            version: "\(catalogue.version) · \(indicator.id) v\(indicator.version)",
            area: area, areaName: areaName(area), areas: areaChoices(),
            latestPeriod: report.latestPeriod(for: area)?.description, figures: figures,
            csvHref: "/\(language.rawValue)/statistics/indicators/\(indicator.id)/data.csv?area=\(area)",
            openDataHref: "/sdmx/data/\(indicator.numerator.dataflow ?? "")/all?format=sdmx-csv")
    }

    private func areaChoices() -> [IndicatorPage.Choice] {
        let top = [IndicatorCatalogue.Codelist.world] + ITURegion.allCases.map(\.rawValue)
        let countries = report.countries.all.map(\.code).sorted {
            req.countryName($0).compare(req.countryName($1), locale: locale) == .orderedAscending
        }
        return (top + countries).map { IndicatorPage.Choice(code: $0, name: areaName($0), selected: $0 == area) }
    }
}
