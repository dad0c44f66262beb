import Foundation
import Testing
@testable import CoveCore

private typealias F = SDMXFixtures

@Suite("SDMX-CSV reader")
struct SDMXCSVReaderTests {
    @Test func sdmxCSV1IsReadIntoObservationsWithTheirAttributes() throws {
        let table = try F.reader.table(from: Data(F.sdmx1.utf8)).get()
        let observations = try F.reader.observations(from: F.sdmx1).get()
        #expect(table.format == .sdmxCSV1)
        #expect(observations.count == 4)
        #expect(observations[0] == SDMXObservation(
            dataflow: F.structure.reference, seriesKey: F.key("Q", "KE", "F"), timePeriod: TimePeriod.quarter(1, of: 2025)!,
            value: 120, observationStatus: "A", confidentialityStatus: "F", unitMultiplier: 0))
        #expect(observations.map(\.seriesKey.description) == ["Q.KE.F", "Q.KE.M", "Q.KE.U", "Q.KE._T"])
        #expect(observations.map(\.observationStatus) == ["A", "A", "E", "A"])
    }

    @Test func sdmxCSV2WithLabelsReadsTheIdsBeforeTheColons() throws {
        let table = try F.reader.table(from: Data(F.sdmx2WithLabels.utf8)).get()
        let observations = try F.reader.observations(from: F.sdmx2WithLabels).get()
        #expect(table.format == .sdmxCSV2)
        #expect(table.columnIDs == ["STRUCTURE", "STRUCTURE_ID", "ACTION", "FREQ", "REF_AREA", "SEX", "TIME_PERIOD",
                                    "OBS_VALUE", "OBS_STATUS"])
        #expect(observations.map(\.seriesKey) == [F.key("Q", "KE", "F"), F.key("Q", "KE", "M"), F.key("Q", "KE", "_T")])
        #expect(observations.map(\.value) == [120, 80, 200])
        // A blank status is no status; the file has no CONF_STATUS or UNIT_MULT column at all.
        #expect(observations.map(\.observationStatus) == ["A", nil, "P"])
        #expect(observations.allSatisfy { $0.confidentialityStatus == nil && $0.unitMultiplier == nil })
    }

    @Test func theTemplateTakesTheDataflowFromTheCallerAndKeysFollowTheDimensionOrder() throws {
        let table = try F.reader.table(from: Data(F.template.utf8)).get()
        let observations = try F.reader.observations(from: F.template).get()
        #expect(table.format == .template)
        #expect(table.records.map(\.line) == [2, 3])
        #expect(observations.map(\.dataflow) == [F.structure.reference, F.structure.reference])
        #expect(observations.map(\.seriesKey) == [F.key("M", "GB", "F"), F.key("M", "GB", "M")])
        #expect(observations.map(\.timePeriod) == [TimePeriod.month(3, of: 2025)!, TimePeriod.month(3, of: 2025)!])
        // An empty OBS_VALUE is a missing value, not zero.
        #expect(observations.map(\.value) == [10, nil])
    }

    @Test func paddingAndAByteOrderMarkFromASpreadsheetAreTolerated() throws {
        let text = "\u{FEFF}REF_AREA,FREQ,SEX,TIME_PERIOD,OBS_VALUE\n GB ,M,F, 2025-03 , 10 \n"
        let observations = try F.reader.observations(from: text).get()
        #expect(observations.map(\.seriesKey) == [F.key("M", "GB", "F")])
        #expect(observations.map(\.value) == [10])
    }

    @Test(arguments: ["I", "A", "", "i"])
    func informationAndAppendActionsAreAccepted(action: String) throws {
        let text = "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE\n"
            + "dataflow,\(F.dataflow),\(action),A,FR,U,2024,3\n"
        #expect(try F.reader.observations(from: text).get().count == 1)
    }

    @Test(arguments: [("D", "delete"), ("R", "replace"), ("X", "not an action")])
    func deleteReplaceAndUnknownActionsAreRefusedAtTheirCell(action: String, says: String) {
        let text = "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE\n"
            + "dataflow,\(F.dataflow),\(action),A,FR,U,2024,3\n"
        let problems = F.problems(text)
        #expect(problems.map(\.code) == [.unsupportedAction])
        #expect(problems.first?.description.hasPrefix("line 2, column 3 (ACTION): ") == true)
        #expect(problems.first?.message.contains(says) == true)
    }

    @Test func aStructureOtherThanADataflowIsRefused() {
        let text = "STRUCTURE,STRUCTURE_ID,FREQ,REF_AREA,SEX,TIME_PERIOD,OBS_VALUE\ndatastructure,\(F.dataflow),A,FR,U,2024,3\n"
        let problems = F.problems(text)
        #expect(problems.map(\.code) == [.wrongDataflow])
        #expect(problems.first?.column == 1)
        #expect(problems.first?.message.contains("\"datastructure\"") == true)
    }

    @Test func everyMissingColumnIsNamedOnTheHeaderLine() {
        let problems = F.problems("DATAFLOW,FREQ,REF_AREA,TIME_PERIOD\n\(F.dataflow),A,KE,2024\n")
        #expect(problems.map(\.code) == [.missingColumn, .missingColumn])
        #expect(problems.map(\.line) == [1, 1])
        #expect(problems.map(\.columnName) == ["SEX", "OBS_VALUE"])
        #expect(problems[0].description.hasPrefix("line 1 (SEX): the header has no SEX column"))
    }

    @Test func aRepeatedColumnIsReportedAtItsSecondPlace() {
        let problems = F.problems("REF_AREA,FREQ,SEX,TIME_PERIOD,OBS_VALUE,SEX: Sex\nGB,M,F,2025-03,10,F\n")
        #expect(problems.map(\.code) == [.duplicateColumn])
        #expect(problems.first?.column == 6)
        #expect(problems.first?.message == "SEX appears again; it is already column 3")
    }

    @Test func columnsCoveDoesNotKnowAreIgnored() throws {
        let text = "REF_AREA,FREQ,SEX,TIME_PERIOD,OBS_VALUE,COMMENT\nGB,M,F,2025-03,10,\"from the annual report, p. 4\"\n"
        #expect(try F.reader.observations(from: text).get().count == 1)
    }

    @Test(arguments: ["", "\n\r\n", "\u{FEFF}", "  \n", "REF_AREA,FREQ,SEX,TIME_PERIOD,OBS_VALUE\n\n"])
    func aFileWithoutObservationsIsEmpty(text: String) {
        let problems = F.problems(text)
        #expect(problems.map(\.code) == [.emptyFile])
        #expect(problems.map(\.line) == [1])
    }

    @Test(arguments: [
        // The quote opened on line 3 is never closed.
        ("REF_AREA,FREQ,SEX,TIME_PERIOD,OBS_VALUE\nGB,M,F,2025-03,10\nGB,M,\"M,2025-03,4\n", 3, "never closed"),
        ("REF_AREA,FREQ,SEX,TIME_PERIOD,OBS_VALUE\nGB,M,F,2025-03,10\nGB,M,M,2025-03\n", 3, "4 fields where the header has 5"),
        ("REF_AREA,FREQ,SEX,TIME_PERIOD,OBS_VALUE\nGB,M,F,2025-03,1\"0\n", 2, "quote inside an unquoted field"),
    ])
    func malformedCSVNamesTheLine(text: String, line: Int, says: String) {
        let problems = F.problems(text)
        #expect(problems.map(\.code) == [.malformedCSV])
        #expect(problems.map(\.line) == [line])
        #expect(problems.first?.message.contains(says) == true)
    }

    @Test func bytesThatAreNotUTF8AreFoundOnTheirLine() {
        var bytes = Array("REF_AREA,FREQ,SEX,TIME_PERIOD,OBS_VALUE\r\nGB,M,F,2025-03,10\r\nGB,M,".utf8)
        bytes += [0xC9, 0x74, 0xE9] + Array(",2025-03,4\r\n".utf8)
        let problems = F.problems(Data(bytes))
        #expect(problems.map(\.code) == [.badUTF8])
        #expect(problems.map(\.line) == [3])
        #expect(problems.first?.message.contains("byte 66") == true)
    }

    @Test(arguments: [
        ("REF_AREA;FREQ;SEX;TIME_PERIOD;OBS_VALUE\nGB;M;F;2025-03;10\n", "semicolons"),
        ("DATAFLOW;FREQ;REF_AREA;SEX: Sex, in full;TIME_PERIOD;OBS_VALUE\n", "semicolons"),
        ("STRUCTURE[,];STRUCTURE_ID;FREQ\n", "semicolons"),
        ("REF_AREA\tFREQ\tSEX\tTIME_PERIOD\tOBS_VALUE\nGB\tM\tF\t2025-03\t10\n", "tabs"),
    ])
    func anotherSeparatorIsNamedRatherThanGuessedAt(text: String, separator: String) {
        let problems = F.problems(text)
        #expect(problems.map(\.code) == [.wrongSeparator])
        #expect(problems.map(\.line) == [1])
        #expect(problems.first?.message.contains(separator) == true)
    }

    @Test func aFileOverTheCallersLimitIsRefusedUnread() {
        let reader = SDMXCSVReader(structure: F.structure, limits: .init(maximumFileBytes: 100))
        let problems = F.problems(F.sdmx1, reader: reader)
        #expect(problems.map(\.code) == [.fileTooLarge])
        #expect(problems.first?.message.contains("limit is 100") == true)
    }

    @Test func aHugeCellIsRefusedAtItsLineAndColumnWithoutQuotingIt() {
        let huge = String(repeating: "9", count: 10_001)
        let problems = F.problems(F.file([F.row([:]), F.row(["SEX": "M", "OBS_VALUE": huge])]))
        #expect(problems.map(\.code) == [.fieldTooLong])
        #expect(problems.map(\.description) == [
            "line 3, column 6 (OBS_VALUE): the cell holds 10001 bytes; the limit is 10000 (is a quote left open?)",
        ])
    }

    @Test func aHugeColumnNameIsRefusedOnTheHeaderLine() {
        let problems = F.problems(String(repeating: "X", count: 20_000) + ",REF_AREA\nGB,KE\n")
        #expect(problems.map(\.code) == [.fieldTooLong])
        #expect(problems.map(\.line) == [1])
        #expect(problems.first?.column == 1)
    }

    @Test(arguments: [
        ("ITU:COP_HELPLINE_CONTACTS(1.0)", DataflowReference(agency: "ITU", id: "COP_HELPLINE_CONTACTS", version: "1.0")),
        ("ITU.D:X_1(2.1.0)", DataflowReference(agency: "ITU.D", id: "X_1", version: "2.1.0")),
    ])
    func dataflowReferencesReadAndPrintTheSame(text: String, reference: DataflowReference) {
        #expect(DataflowReference(parsing: text) == reference)
        #expect(reference.description == text)
    }

    @Test(arguments: ["", "ITU", "ITU:X", "ITU:X()", ":X(1.0)", "ITU:(1.0)", "ITU:X(1.0", "ITU:X (1.0)", "ITU:X(1.0) ", "ITU:X:Y(1.0)"])
    func malformedDataflowReferencesAreRefused(text: String) {
        #expect(DataflowReference(parsing: text) == nil)
    }
}
