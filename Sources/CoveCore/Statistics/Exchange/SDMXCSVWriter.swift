import Foundation

/// Writes one dataflow's observations as a file `SDMXCSVReader` reads back unchanged: SDMX-CSV 2.0
/// (the default), SDMX-CSV 1.0, or Cove's plain CSV template for people who do not use SDMX.
///
/// - Columns: `STRUCTURE`, `STRUCTURE_ID` and `ACTION` (2.0), `DATAFLOW` (1.0) or nothing (template);
///   then the dimensions in the dataflow's key order, the time dimension, OBS_VALUE, OBS_STATUS and
///   CONF_STATUS: dimensions, measure, attributes, the order SDMX-CSV 2.0 asks of a web service.
/// - UNIT_MULT is a column only when at least one observation has a multiplier. Most figures are
///   plain counts, and a column that is always blank invites spreadsheet users to fill it in; a
///   file without the column reads back with no multiplier, so nothing is lost either way.
/// - One row per observation, in the order given. The 2.0 STRUCTURE cell is `dataflow`, ACTION is
///   `I` (information), and the dataflow cells name each observation's own dataflow, so a file
///   with another dataflow's observations is refused when read back rather than relabelled.
/// - A missing value is an empty cell, as is an attribute an observation does not have. Numbers
///   are written as `numberText(_:)` says. Cells are quoted by `CSVTable.line` (RFC 4180, CRLF line
///   ends) only when they hold a comma, a quote or a line break.
///
/// Codes are written as they are, without labels; the reader trims cells and drops whatever
/// follows a colon as a label, so codes with a colon or surrounding spaces would not read back.
public struct SDMXCSVWriter: Sendable {
    public let structure: DataflowStructure
    /// `.template` is the plain CSV.
    public let format: SDMXCSVReader.Format

    public init(structure: DataflowStructure, format: SDMXCSVReader.Format = .sdmxCSV2) {
        self.structure = structure
        self.format = format
    }

    /// The whole file: the header row, then one row per observation.
    public func text(for observations: [SDMXObservation]) -> String {
        let multiplier = observations.contains { $0.unitMultiplier != nil }
        var text = CSVTable.line(header(unitMultiplier: multiplier))
        for observation in observations {
            text += CSVTable.line(fields(of: observation, unitMultiplier: multiplier))
        }
        return text
    }

    /// `text(for:)` as UTF-8, without a byte-order mark.
    public func data(for observations: [SDMXObservation]) -> Data {
        Data(text(for: observations).utf8)
    }

    /// The column ids, UNIT_MULT included only when asked for.
    public func header(unitMultiplier: Bool) -> [String] {
        var header: [String] = switch format {
        case .sdmxCSV2: ["STRUCTURE", "STRUCTURE_ID", "ACTION"]
        case .sdmxCSV1: ["DATAFLOW"]
        case .template: []
        }
        header += structure.dimensions.map(\.id)
        header += [structure.timeDimension, SDMXComponent.observationValue,
                   SDMXComponent.observationStatus, SDMXComponent.confidentialityStatus]
        if unitMultiplier { header.append(SDMXComponent.unitMultiplier) }
        return header
    }

    /// One observation's cells, in the order of `header(unitMultiplier:)`. A dimension the series
    /// key lacks is left blank, which the reader refuses as a missing code.
    public func fields(of observation: SDMXObservation, unitMultiplier: Bool) -> [String] {
        var fields: [String] = switch format {
        case .sdmxCSV2: ["dataflow", observation.dataflow.description, "I"]
        case .sdmxCSV1: [observation.dataflow.description]
        case .template: []
        }
        fields += structure.dimensions.map { observation.seriesKey[$0.id] ?? "" }
        fields += [observation.timePeriod.description, observation.value.map(Self.numberText) ?? "",
                   observation.observationStatus ?? "", observation.confidentialityStatus ?? ""]
        if unitMultiplier { fields.append(observation.unitMultiplier.map(String.init) ?? "") }
        return fields
    }

    /// A number as SDMX files and `SDMXCSVReader` want it: whole numbers without a decimal point
    /// (`205`, not `205.0`), others in the shortest form that reads back as exactly the same
    /// `Double` (`0.1`, `0.30000000000000004`, `1e-05`), never with thousands separators or a
    /// decimal comma, whatever the server's locale. Whole numbers from 10^15 on use the same
    /// shortest form (`1e+15`). A value that is not finite has no spelling the reader accepts and
    /// is written as an empty cell, that is as missing.
    public static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        // -0.0 is whole too, and is written "0".
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
