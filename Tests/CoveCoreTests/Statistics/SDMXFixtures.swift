import Foundation
@testable import CoveCore

/// A small helpline-contacts dataflow and files for it in each format Cove reads; codes are
/// real SDMX conventions, numbers made up.
enum SDMXFixtures {
    static let structure = DataflowStructure(
        agency: "ITU", id: "COP_HELPLINE_CONTACTS", version: "1.0",
        dimensions: [
            .init(id: "FREQ", codelist: "CL_FREQ", codes: ["A", "Q", "M"]),
            .init(id: "REF_AREA", codelist: "CL_AREA", codes: ["KE", "GB", "FR"]),
            .init(id: "SEX", codelist: "CL_SEX", codes: ["F", "M", "U", "_T"]),
        ],
        rules: [.init(dimension: "SEX", total: "_T", parts: ["F", "M", "U"])])

    static let dataflow = "ITU:COP_HELPLINE_CONTACTS(1.0)"

    /// SDMX-CSV 1.0: Kenya's first quarter by sex, the total adding up.
    static let sdmx1 = """
        DATAFLOW,FREQ,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE,OBS_STATUS,CONF_STATUS,UNIT_MULT
        ITU:COP_HELPLINE_CONTACTS(1.0),Q,KE,F,2025-Q1,120,A,F,0
        ITU:COP_HELPLINE_CONTACTS(1.0),Q,KE,M,2025-Q1,80,A,F,0
        ITU:COP_HELPLINE_CONTACTS(1.0),Q,KE,U,2025-Q1,5,E,F,0
        ITU:COP_HELPLINE_CONTACTS(1.0),Q,KE,_T,2025-Q1,205,A,F,0

        """

    /// SDMX-CSV 2.0 as `labels=both` writes it: "ID: Name" in the header and in coded cells.
    static let sdmx2WithLabels = """
        STRUCTURE[;],STRUCTURE_ID,ACTION,FREQ: Frequency,REF_AREA: Reference area,SEX: Sex,TIME_PERIOD: Time period,OBS_VALUE: Observation value,OBS_STATUS: Observation status
        dataflow,ITU:COP_HELPLINE_CONTACTS(1.0): Helpline contacts,I,Q: Quarterly,KE: Kenya,F: Girls,2025-Q1,120,A: Normal value
        dataflow,ITU:COP_HELPLINE_CONTACTS(1.0),A,Q,KE,M,2025-Q1,80,
        dataflow,ITU:COP_HELPLINE_CONTACTS(1.0),,Q,KE,_T,2025-Q1,200,P

        """

    /// The plain template, columns in an order of the submitter's choosing; CRLF as Excel saves.
    static let template = "REF_AREA,FREQ,SEX,TIME_PERIOD,OBS_VALUE\r\nGB,M,F,2025-03,10\r\nGB,M,M,2025-03,\r\n"

    static let validFiles = [sdmx1, sdmx2WithLabels, template]

    static let reader = SDMXCSVReader(structure: structure)

    /// SDMX-CSV 1.0 columns, for building files row by row.
    static let columns = ["DATAFLOW", "FREQ", "REF_AREA", "SEX", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "CONF_STATUS", "UNIT_MULT"]

    /// A valid SDMX-CSV 1.0 row; tests override single cells to break it.
    static let goodRow = [
        "DATAFLOW": dataflow, "FREQ": "Q", "REF_AREA": "KE", "SEX": "F", "TIME_PERIOD": "2025-Q1",
        "OBS_VALUE": "120", "OBS_STATUS": "A", "CONF_STATUS": "F", "UNIT_MULT": "0",
    ]

    static func row(_ overrides: [String: String]) -> [String: String] {
        goodRow.merging(overrides) { _, override in override }
    }

    /// An SDMX-CSV 1.0 file of `rows`; the first row is line 2.
    static func file(_ rows: [[String: String]], columns: [String] = SDMXFixtures.columns) -> String {
        CSVTable.line(columns) + rows.map { row in CSVTable.line(columns.map { row[$0] ?? "" }) }.joined()
    }

    static func problems(_ text: String, reader: SDMXCSVReader = SDMXFixtures.reader) -> [SubmissionProblem] {
        problems(Data(text.utf8), reader: reader)
    }

    static func problems(_ data: Data, reader: SDMXCSVReader = SDMXFixtures.reader) -> [SubmissionProblem] {
        switch reader.observations(from: data) {
        case .success: []
        case .failure(let failure): failure.problems
        }
    }

    static func key(_ freq: String, _ area: String, _ sex: String) -> SeriesKey {
        SeriesKey([.init(dimension: "FREQ", code: freq), .init(dimension: "REF_AREA", code: area), .init(dimension: "SEX", code: sex)])
    }
}
