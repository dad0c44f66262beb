import Foundation
import Testing
@testable import CoveCore

@Suite("CSV table")
struct CSVTableTests {
    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let table = try CSVTable(parsing: "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nplain,,end\r\n")
        #expect(table.header == ["a", "b", "c"])
        #expect(table.records.count == 2)
        #expect(table.records[0].fields == ["x, y", "say \"hi\"", "two\nlines"])
        #expect(table.records[0].line == 2)
        // The first record spans lines 2 and 3, so the next starts on line 4.
        #expect(table.records[1].fields == ["plain", "", "end"])
        #expect(table.records[1].line == 4)
        #expect(table.value("b", in: table.records[0]) == "say \"hi\"")
        #expect(table.value("missing", in: table.records[0]) == nil)
    }

    @Test func lineNumbersCountEveryBreakInsideQuotedFields() throws {
        let table = try CSVTable(parsing: "id,notes\n1,\"a\r\nb\nc\"\n2,x\n3,\"\"\"\n\"\"\"\n4,y\n")
        #expect(table.records.map(\.line) == [2, 5, 6, 8])
        #expect(table.records.map { $0.fields[1] } == ["a\r\nb\nc", "x", "\"\n\"", "y"])
    }

    @Test func crlfLfAndCrLineEndsReadTheSame() throws {
        let rows = ["id,name", "1,\"Smith, Jo\"", "2,plain"]
        let lf = try CSVTable(parsing: rows.joined(separator: "\n"))
        let crlf = try CSVTable(parsing: rows.joined(separator: "\r\n") + "\r\n")
        let cr = try CSVTable(parsing: rows.joined(separator: "\r") + "\r")
        #expect(lf.records.map(\.fields) == [["1", "Smith, Jo"], ["2", "plain"]])
        #expect(crlf == lf)
        #expect(cr == lf)
        #expect(crlf.records.map(\.line) == [2, 3])
    }

    @Test func aByteOrderMarkIsNotPartOfTheFirstColumnName() throws {
        let table = try CSVTable(parsing: "\u{FEFF}id,name\n1,x\n")
        #expect(table.header == ["id", "name"])
        #expect(table.value("id", in: table.records[0]) == "1")
    }

    @Test func headerNamesAreTrimmedButValuesAreNot() throws {
        let table = try CSVTable(parsing: " id , name\n 1 ,x \n")
        #expect(table.header == ["id", "name"])
        #expect(table.records[0].fields == [" 1 ", "x "])
    }

    @Test func blankLinesAreSkippedWithoutLosingCount() throws {
        let table = try CSVTable(parsing: "a,b\n\n1,2\r\n\r\n3,4\n\n\r\n\n")
        #expect(table.records.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(table.records.map(\.line) == [3, 5])
    }

    @Test(arguments: ["", "\n", "\r\n\r\n", "\u{FEFF}"])
    func aFileWithoutAHeaderIsEmpty(text: String) {
        #expect(throws: CSVTableError.empty) { try CSVTable(parsing: text) }
        #expect(CSVTableError.empty.line == 1)
    }

    @Test(arguments: [
        // The quote opened on line 3 and is never closed, however many lines follow.
        ("a,b\n1,2\n3,\"open\nmore\nand more\n", CSVTableError.unterminatedQuote(line: 3)),
        ("a,b\n1,2\n\"\n", .unterminatedQuote(line: 3)),
        ("a,b\n1,2\nx,ab\"c\n", .quoteInUnquotedField(line: 3)),
        ("a,b\"\n1,2\n", .quoteInUnquotedField(line: 1)),
        ("a,b\n\"x\"y,2\n", .textAfterClosingQuote(line: 2)),
        ("a,b\n\"x\" ,2\n", .textAfterClosingQuote(line: 2)),
        // The stray text follows a quote closed on line 3 of a field opened on line 2.
        ("a,b\n\"x\ny\"z,2\n", .textAfterClosingQuote(line: 3)),
        ("a,b\n1,2\n\"multi\nline\",2\n1,2,3\n", .wrongFieldCount(line: 5, expected: 2, found: 3)),
        ("a,b\n1\n", .wrongFieldCount(line: 2, expected: 2, found: 1)),
    ])
    func errorsNameTheLine(text: String, error: CSVTableError) {
        #expect(throws: error) { try CSVTable(parsing: text) }
        #expect(error.description.hasPrefix("line \(error.line): "))
    }

    @Test func wrongFieldCountSaysWhatWasExpected() {
        #expect(CSVTableError.wrongFieldCount(line: 5, expected: 2, found: 3).description
            == "line 5: 3 fields where the header has 2")
    }

    @Test func writtenLinesQuoteOnlyWhatNeedsIt() {
        #expect(CSVTable.line(["a", "b c", ""]) == "a,b c,\r\n")
        #expect(CSVTable.line(["x,y", "say \"hi\""]) == "\"x,y\",\"say \"\"hi\"\"\"\r\n")
        #expect(CSVTable.line(["two\nlines"]) == "\"two\nlines\"\r\n")
    }

    @Test func awkwardValuesRoundTripThroughTheParser() throws {
        let values = ["a,b", "say \"hi\"", "\"", "two\nlines", "cr\ronly", "  padded  ", "", "trailing,", "x"]
        let header = values.indices.map { "c\($0)" }
        let backwards = Array(values.reversed())
        let table = try CSVTable(parsing: CSVTable.line(header) + CSVTable.line(values) + CSVTable.line(backwards))
        #expect(table.header == header)
        #expect(table.records.count == 2)
        #expect(table.records[0].fields == values)
        #expect(table.records[1].fields == backwards)
        // "two\nlines" and "cr\ronly" each add a line to the first record.
        #expect(table.records[1].line == 5)
    }

    /// A spreadsheet made on Windows puts CRLF inside multi-line cells; Swift reads "\r\n" as one Character.
    @Test func aValueHoldingCRLFRoundTripsThroughTheParser() throws {
        let values = ["Wien\r\nam 18. September 2024", "x"]
        #expect(CSVTable.line(values).hasPrefix("\""))
        let table = try CSVTable(parsing: CSVTable.line(["a", "b"]) + CSVTable.line(values) + CSVTable.line(["y", "z"]))
        #expect(table.records.map(\.fields) == [values, ["y", "z"]])
        #expect(table.records.map(\.line) == [2, 4])
    }

    /// Random edits of a valid file never crash the reader; it either reads the file or names a line in it.
    @Test func mutatedFilesAreReadOrRefusedAtALineInTheFile() throws {
        let valid = "id,name,notes\r\n1,\"Smith, Jo\",\"said \"\"hi\"\"\nthen left\"\r\n2,plain,\r\n3,\"x\",y\n4,,\"\"\r\n"
        let baseline = try CSVTable(parsing: valid)
        #expect(baseline.records.map(\.line) == [2, 4, 5, 6])
        let alphabet: [Character] = ["\"", ",", "\n", "\r", "a", "Z", " ", "1"]
        var random = SplitMix64(state: 0xC5F_7AB1E)
        var read = 0, refused = 0
        for _ in 0..<2_000 {
            let text = String(random.mutated(Array(valid), from: alphabet))
            let lines = lineCount(text)
            do {
                let table = try CSVTable(parsing: text)
                read += 1
                #expect(table.records.allSatisfy { $0.fields.count == table.header.count }, "\(text.debugDescription)")
                let starts = table.records.map(\.line)
                #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 }, "\(text.debugDescription)")
                #expect(starts.allSatisfy { $0 >= 2 && $0 <= lines }, "\(text.debugDescription)")
            } catch {
                refused += 1
                #expect(error.line >= 1 && error.line <= lines, "\(error) in \(text.debugDescription)")
            }
        }
        #expect(read > 0)
        #expect(refused > 0)
    }
}
