import Foundation
import Testing
@testable import CoveCore

private typealias F = SDMXFixtures
private typealias S = SDMXWriterSample

/// The sample written as a message, with SEX labelled.
private func encoded(_ observations: [SDMXObservation] = S.observations) throws -> Data {
    try SDMXJSONMessage.encode(observations, structure: F.structure, names: ["SEX": ["F": "Girls", "M": "Boys"]],
                               prepared: S.prepared, id: "W1")
}

private func document(_ data: Data) throws -> HSDSValue {
    try JSONDecoder().decode(HSDSValue.self, from: data)
}

/// The sample message with the value at `path` replaced, or removed when `value` is nil.
private func edited(_ path: String, _ value: HSDSValue?) throws -> Data {
    var message = try document(encoded())
    message[path: path] = value
    return try JSONEncoder().encode(message)
}

private func problems(_ data: Data, limits: SDMXCSVReader.Limits = .standard) -> [SubmissionProblem] {
    switch SDMXJSONMessage.decode(data, structure: F.structure, limits: limits) {
    case .success: []
    case .failure(let failure): failure.problems
    }
}

/// The observations of the series with `key` in the first data set, by period index.
private func observations(_ message: HSDSValue, series key: String) -> [String: HSDSValue]? {
    message[path: "data.dataSets.0.series"]?.objectValue?[key]?[path: "observations"]?.objectValue
}

/// One value of the sample message damaged, the problems it must get, and what the first says.
private struct DamagedMessage: Sendable, CustomTestStringConvertible {
    let path: String
    let value: HSDSValue?
    let codes: [SubmissionProblem.Code]
    let says: String

    init(_ path: String, _ value: HSDSValue?, _ code: SubmissionProblem.Code, _ says: String,
         also: [SubmissionProblem.Code] = []) {
        self.path = path
        self.value = value
        self.codes = [code] + also
        self.says = says
    }

    var testDescription: String { "\(path) = \(value.map { "\($0)" } ?? "removed")" }
}

// Series "0:0:1" is A.FR.M with its 2024 observation "0"; "2:2:0" is Q.KE.F with 2025-Q1 as "1".
private let damagedMessages: [DamagedMessage] = [
    DamagedMessage("data.structures.0.dimensions.series.1", nil, .missingColumn, "the message has no REF_AREA dimension"),
    DamagedMessage("data.structures.0.dimensions.series.2.values.0.id", "X", .unknownCode,
                   "data.structures[0].dimensions.series[2].values[0]: \"X\" is not a code of CL_SEX"),
    DamagedMessage("data.structures.0.dimensions.series.2.values.1.id", "F", .duplicateKey, "is listed again"),
    // SEX renamed: an unknown dimension, and SEX missing.
    DamagedMessage("data.structures.0.dimensions.series.2.id", "AGE", .wrongDataflow, "\"AGE\" is not a dimension",
                   also: [.missingColumn]),
    DamagedMessage("data.structures.0.dimensions.observation.0.values.0.id", "2024-S1", .badPeriod, "half-years"),
    DamagedMessage("data.structures.0.attributes.observation.0.values.0.id", "Z", .unknownCode, "CL_OBS_STATUS"),
    DamagedMessage("data.structures.0.dimensions", nil, .malformedJSON, "no dimensions object"),
    DamagedMessage("data.dataSets.0.series.0:0:1.observations.0", .array(["lots"]), .notANumber,
                   "data.dataSets[0].series[\"0:0:1\"].observations[\"0\"][0]: expected a non-negative number"),
    DamagedMessage("data.dataSets.0.series.0:0:1.observations.0", .array([.number(-3)]), .negativeValue, "-3 is negative"),
    DamagedMessage("data.dataSets.0.series.0:0:1.observations.0", .array([]), .malformedJSON, "expected an array"),
    DamagedMessage("data.dataSets.0.series.0:0:1.observations.7", .array([.number(1)]), .malformedJSON,
                   "the key points at value 7 of TIME_PERIOD, which lists 3"),
    DamagedMessage("data.dataSets.0.series.0:0:1.observations.1", .array([.number(1)]), .badPeriod,
                   "2025-Q1 is a quarterly period but FREQ is A (annual)"),
    DamagedMessage("data.dataSets.0.series.0:0", .object([:]), .malformedJSON, "expected a key of 3 value indices"),
    DamagedMessage("data.dataSets.0.series.2:2:0.observations.1", .array([.number(120), .number(9)]), .badAttribute,
                   "expected the index of one of the 4 values of OBS_STATUS"),
    DamagedMessage("data.dataSets.0.series.2:2:0.observations.1", .array([.number(120), "A"]), .badAttribute, "found \"A\""),
    DamagedMessage("data.dataSets.0.links.0.urn", .string(SDMXJSONMessage.urn(of: .init(agency: "ITU", id: "OTHER", version: "1.0"))),
                   .wrongDataflow, "the message is for ITU:OTHER(1.0)"),
    DamagedMessage("data.dataSets.0.action", "Delete", .unsupportedAction, "\"Delete\" is not supported"),
    DamagedMessage("data.dataSets", .array([]), .emptyFile, "no observations"),
    DamagedMessage("data", nil, .malformedJSON, "no data object"),
]

/// Kenya by sex as another agency might send it: FREQ at data set level, SEX before REF_AREA,
/// UNIT_MULT for a whole series, an attribute Cove does not keep, and OBS_STATUS with a default.
private let handWritten = """
    {"meta": {"id": "KE1", "prepared": "2025-04-01T12:00:00Z", "sender": {"id": "KNBS"}},
     "data": {
      "structures": [{
       "links": [{"rel": "dataflow", "urn": "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ITU:COP_HELPLINE_CONTACTS(1.0)"}],
       "dimensions": {
        "dataSet": [{"id": "FREQ", "keyPosition": 0, "values": [{"id": "Q", "name": "Quarterly"}]}],
        "series": [{"id": "SEX", "keyPosition": 2, "values": [{"id": "F", "name": "Girls"}, {"id": "_T", "name": "Total"}]},
                   {"id": "REF_AREA", "keyPosition": 1, "values": [{"id": "KE", "name": "Kenya"}]}],
        "observation": [{"id": "TIME_PERIOD", "keyPosition": 3, "roles": ["TIME_PERIOD"],
                         "values": [{"id": "2025-Q1", "name": "2025-Q1"}, {"id": "2025-Q2", "name": "2025-Q2"}]}]
       },
       "measures": {"observation": [{"id": "OBS_VALUE"}]},
       "attributes": {
        "series": [{"id": "UNIT_MULT", "relationship": {"dimensions": ["FREQ", "REF_AREA", "SEX"]},
                    "values": [{"id": "3", "name": "Thousands"}]}],
        "observation": [{"id": "TITLE", "relationship": {"observation": {}}, "values": [{"value": "not kept"}]},
                        {"id": "OBS_STATUS", "relationship": {"observation": {}}, "default": "A",
                         "values": [{"id": "A", "name": "Normal value"}, {"id": "P", "name": "Provisional value"}]}]
       }
      }],
      "dataSets": [{
       "structure": 0, "action": "Information",
       "links": [{"rel": "dataflow", "urn": "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ITU:COP_HELPLINE_CONTACTS(1.0)"}],
       "series": {
        "1:0": {"attributes": [0], "observations": {"1": [null, 0, 1], "0": [1.5]}},
        "0:0": {"observations": {"0": [0.5, null, null]}}
       }
      }]
     }
    }
    """

@Suite("SDMX-JSON messages")
struct SDMXJSONTests {
    @Test func messagesReadBackAsTheSameObservations() throws {
        let message = try encoded()
        let decoded = SDMXJSONMessage.decode(message, structure: F.structure).map(S.sorted)
        #expect(decoded == .success(S.sorted(S.observations)))
    }

    @Test func theMetaAndStructureFollowSDMXJSON2() throws {
        let message = try document(encoded())
        #expect(message[path: "meta.schema"] == .string(SDMXJSONMessage.schema))
        #expect(message[path: "meta.id"] == "W1" && message[path: "meta.sender.id"] == "COVE")
        #expect(message[path: "meta.prepared"] == "2025-04-01T12:00:00Z")
        let structure = try #require(message[path: "data.structures.0"])
        let urn = HSDSValue.string("urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ITU:COP_HELPLINE_CONTACTS(1.0)")
        #expect(structure[path: "links.0.urn"] == urn && message[path: "data.dataSets.0.links.0.urn"] == urn)
        #expect(message[path: "data.dataSets.0.action"] == "Information" && message[path: "data.dataSets.0.structure"] == .number(0))
        let series = try #require(structure[path: "dimensions.series"]?.arrayValue)
        #expect(series.map { $0[path: "id"] } == ["FREQ", "REF_AREA", "SEX"])
        #expect(series.map { $0[path: "keyPosition"] } == [.number(0), .number(1), .number(2)])
        #expect(structure[path: "dimensions.observation.0.id"] == "TIME_PERIOD")
        #expect(structure[path: "dimensions.observation.0.values"]?.arrayValue?.map { $0[path: "id"] } == ["2024", "2025-Q1", "2025-03"])
        #expect(structure[path: "measures.observation.0.id"] == "OBS_VALUE")
        let attributes = try #require(structure[path: "attributes.observation"]?.arrayValue)
        #expect(attributes.map { $0[path: "id"] } == ["OBS_STATUS", "CONF_STATUS", "UNIT_MULT"])
        #expect(attributes.allSatisfy { $0[path: "relationship.observation"] == .object([:]) })
        #expect(attributes.first?[path: "values"]?.arrayValue?.map { $0[path: "id"] } == ["A", "E", "O", "P"])
        // Labels where given, the code itself where not.
        #expect(series[2][path: "values.0"] == .object(["id": "F", "name": "Girls"]))
        #expect(series[2][path: "values.3"] == .object(["id": "_T", "name": "_T"]))
    }

    @Test func seriesKeysHoldOneValueIndexPerDimensionAndMissingValuesAreNull() throws {
        let message = try document(encoded())
        let series = try #require(message[path: "data.structures.0.dimensions.series"]?.arrayValue)
        let codes = zip(series, [0, 0, 1]).map { dimension, index in dimension[path: "values.\(index).id"] }
        #expect(codes == ["A", "FR", "M"])
        #expect(observations(message, series: "0:0:1") == ["0": .array([.number(3)])])
        // Q.KE.U in 2025-Q1, suppressed: a null value, OBS_STATUS O (index 2), CONF_STATUS C (index 0).
        #expect(observations(message, series: "2:2:2") == ["1": .array([.null, .number(2), .number(0)])])
        #expect(observations(message, series: "2:2:0") == ["1": .array([.number(120), .number(0), .number(1), .number(0)])])
        // Trailing attributes an observation lacks are left off, those before it are null.
        #expect(observations(message, series: "1:1:3") == ["2": .array([.number(12_345_678_901), .null, .null, .number(1)])])
    }

    @Test func messagesAreByteForByteStable() throws {
        let data = try encoded()
        let reversed = try encoded(Array(S.observations.reversed()))
        let decoded = try SDMXJSONMessage.decode(data, structure: F.structure).get()
        let again = try encoded(decoded)
        #expect(reversed == data)
        #expect(again == data)
    }

    @Test func observationsThatCannotShareAMessageAreRefused() {
        let other = DataflowReference(agency: "ITU", id: "OTHER", version: "1.0")
        var foreign = S.observations[0]
        foreign.dataflow = other
        var keyless = S.observations[0]
        keyless.seriesKey = SeriesKey([.init(dimension: "FREQ", code: "Q")])
        #expect(throws: SDMXJSONEncodingError.repeatedObservation(seriesKey: F.key("Q", "KE", "F"), period: S.quarter)) {
            try encoded(S.observations + [S.observations[0]])
        }
        #expect(throws: SDMXJSONEncodingError.otherDataflow(other, expected: F.structure.reference)) { try encoded([foreign]) }
        #expect(throws: SDMXJSONEncodingError.missingCode(dimension: "REF_AREA", seriesKey: keyless.seriesKey)) {
            try encoded([keyless])
        }
    }

    @Test func aMessageWithDimensionsAndAttributesAtEveryLevelIsRead() throws {
        let observations = try SDMXJSONMessage.decode(Data(handWritten.utf8), structure: F.structure).get()
        let q2 = try #require(TimePeriod.quarter(2, of: 2025))
        #expect(observations == [
            S.observation("Q", "KE", "F", S.quarter, 0.5),
            S.observation("Q", "KE", "_T", S.quarter, 1.5, status: "A", multiplier: 3),
            S.observation("Q", "KE", "_T", q2, nil, status: "P", multiplier: 3),
        ])
    }

    /// SDMX-JSON 1.0 has one `structure` and no measures; its observations read the same.
    @Test func sdmxJSON1MessagesAreRead() throws {
        var message = try document(encoded())
        message[path: "data.structure"] = message[path: "data.structures.0"]
        message[path: "data.structures"] = nil
        message[path: "data.structure.measures"] = nil
        let data = try JSONEncoder().encode(message)
        let decoded = SDMXJSONMessage.decode(data, structure: F.structure).map(S.sorted)
        #expect(decoded == .success(S.sorted(S.observations)))
    }

    @Test(arguments: damagedMessages)
    fileprivate func aDamagedMessageGetsOneProblemNamingThePlace(damage: DamagedMessage) throws {
        let data = try edited(damage.path, damage.value)
        let found = problems(data)
        #expect(found.map(\.code) == damage.codes, "\(found)")
        #expect(found.first?.line == 1 && found.first?.column == nil)
        #expect(found.first?.message.contains(damage.says) == true, "\(found)")
    }

    @Test func whatIsNotAMessageIsRefusedInOneProblem() throws {
        let truncated = try encoded().prefix(200)
        #expect(String(decoding: truncated, as: UTF8.self).hasPrefix("{\"data\""))
        #expect(problems(Data(truncated)).map(\.code) == [.malformedJSON])
        #expect(problems(Data(truncated)).first?.message.hasPrefix("not valid JSON: ") == true)
        #expect(problems(Data()).map(\.code) == [.emptyFile])
        #expect(problems(Data(" \n".utf8)).map(\.code) == [.emptyFile])
        #expect(problems(Data("[1, 2]".utf8)).map(\.code) == [.malformedJSON])
        #expect(problems(Data("{\"errors\": [{\"code\": 100, \"title\": \"No results\"}]}".utf8)).first?.message
            == "data: the message holds errors instead of data: No results")
        let message = try encoded()
        #expect(problems(message, limits: .init(maximumFileBytes: 100)).map(\.code) == [.fileTooLarge])
    }

    /// Thousands of randomly damaged messages never crash the reader: each is read, or refused
    /// with problems that say something, in the same order on every run.
    @Test func damagedBytesAreReadOrRefusedWithAMessage() throws {
        var random = SplitMix64(state: 0x150F_2025)
        let message = try encoded()
        let bytes = Array(message)
        let alphabet = Array("{}[]\":,0123456789-.e null\"A".utf8)
        for round in 0..<1_000 {
            let damaged = Data(random.mutated(bytes, from: alphabet))
            let result = SDMXJSONMessage.decode(damaged, structure: F.structure)
            if case .failure(let failure) = result {
                #expect(!failure.problems.isEmpty)
                #expect(failure.problems.allSatisfy { $0.line == 1 && !$0.message.isEmpty })
            }
            if round % 10 == 0 {
                #expect(SDMXJSONMessage.decode(damaged, structure: F.structure) == result)
            }
        }
    }
}
