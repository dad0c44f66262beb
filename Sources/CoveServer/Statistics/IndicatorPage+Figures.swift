import CoveCore
import Vapor

extension IndicatorPageBuilder {
    /// The areas drawn over time: the area itself, and what it compares with.
    private var comparedAreas: [String] {
        if let country = report.countries.country(area) {
            return [area, country.region.rawValue, IndicatorCatalogue.Codelist.world]
        }
        return area == IndicatorCatalogue.Codelist.world ? [area] : [area, IndicatorCatalogue.Codelist.world]
    }

    func seriesFigure() -> IndicatorPage.Figure {
        let periods = report.periods
        let series = comparedAreas.map { code in
            let values = report.series(of: code)
            return (code, periods.map { values[$0] })
        }
        let caption = req.t("statistics.series_caption", ["area": areaName(area)])
        let chart = LineChart(
            id: "series", title: caption, description: req.t("statistics.chart_described"),
            periods: periods.map { isolated($0.description) },
            series: series.map { LineChart.Series(name: areaName($0.0), values: $0.1.map { $0?.value }) },
            rightToLeft: rightToLeft)
        let rows = periods.enumerated().flatMap { index, period in
            series.map { code, values in
                let shown = text(values[index])
                return IndicatorPage.Row(label: "\(isolated(period.description)) · \(areaName(code))", value: shown.value,
                                         note: shown.note, href: nil, highlighted: code == area)
            }
        }
        return IndicatorPage.Figure(id: "series", caption: caption, svg: chart.svg(),
                                    labelHeader: "\(req.t("statistics.period")) · \(req.t("statistics.area"))", rows: rows)
    }

    /// The area's countries side by side over time, on one scale; the twelve highest at the
    /// latest period, so the grid stays readable on a phone.
    func multiplesFigure(at latest: TimePeriod) -> IndicatorPage.Figure? {
        let countries = report.ranking(in: area, at: latest).filter { $0.value != nil }.prefix(12).map(\.area)
        guard report.periods.count > 1, !countries.isEmpty else { return nil }
        let periods = report.periods
        let caption = req.t("statistics.multiples_caption", ["area": areaName(area)])
        let panels = countries.map { code in
            let values = report.series(of: code)
            return (code, periods.map { values[$0] })
        }
        let chart = SmallMultiples(
            id: "multiples", title: caption, description: req.t("statistics.chart_described"),
            periods: periods.map { isolated($0.description) },
            panels: panels.map { SmallMultiples.Panel(title: areaName($0.0), values: $0.1.map { $0?.value }) },
            rightToLeft: rightToLeft)
        let rows = panels.flatMap { code, values in
            zip(periods, values).map { period, value in
                let shown = text(value)
                return IndicatorPage.Row(label: "\(areaName(code)) · \(isolated(period.description))", value: shown.value,
                                         note: shown.note, href: nil, highlighted: false)
            }
        }
        return IndicatorPage.Figure(id: "multiples", caption: caption, svg: chart.svg(),
                                    labelHeader: "\(req.t("statistics.area")) · \(req.t("statistics.period"))", rows: rows)
    }

    func rankingFigure(at period: TimePeriod) -> IndicatorPage.Figure {
        let ranking = report.ranking(in: area, at: period)
        let caption = req.t("statistics.ranking_caption", ["area": areaName(area), "period": isolated(period.description)])
        return barFigure(id: "ranking", caption: caption, values: ranking.map { ($0.area, $0) })
    }

    func regionsFigure(at period: TimePeriod) -> IndicatorPage.Figure {
        let regions = ITURegion.allCases.map { region in
            (region.rawValue, report.series(of: region.rawValue)[period])
        }
        let caption = req.t("statistics.regions_caption", ["period": isolated(period.description)])
        return barFigure(id: "regions", caption: caption, values: regions)
    }

    private func barFigure(id: String, caption: String, values: [(String, IndicatorValue?)]) -> IndicatorPage.Figure {
        let rows = values.map { code, value in
            let shown = text(value)
            return IndicatorPage.Row(label: areaName(code), value: shown.value, note: shown.note,
                                     href: "/\(req.language.rawValue)/statistics/indicators/\(report.indicator.id)?area=\(code)",
                                     highlighted: code == area)
        }
        let chart = BarChart(
            id: id, title: caption, description: req.t("statistics.chart_described"),
            rows: zip(values, rows).map { pair, row in
                pair.1?.value.map { BarChart.Row(label: row.label, value: $0, text: row.value) }
                    ?? BarChart.Row(label: row.label, missing: row.note ?? "—")
            }, rightToLeft: rightToLeft)
        return IndicatorPage.Figure(id: id, caption: caption, svg: chart.svg(), labelHeader: req.t("statistics.area"),
                                    rows: rows)
    }
}
