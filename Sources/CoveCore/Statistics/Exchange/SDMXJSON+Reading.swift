import Foundation

extension SDMXJSONMessage {
    /// Reads an SDMX-JSON data message for `structure`'s dataflow: 2.0 (`data.structures`, as
    /// `encode` writes) or 1.0 (`data.structure`), with each dimension at data set, series or
    /// observation level (time series, cross-sections and flat messages alike) and OBS_STATUS,
    /// CONF_STATUS and UNIT_MULT at any level; other attributes and annotations are ignored.
    ///
    /// Like `SDMXCSVReader` it is all or nothing, and checks what the message itself can get wrong:
    /// codes from their codelists, periods Cove collects and that agree with FREQ, finite
    /// non-negative numbers, valid indices, links to another dataflow, and no observation given
    /// twice. Sum rules are `SubmissionValidator`'s and are not checked here. A JSON message is not
    /// read by lines, so every problem is on line 1 with no column; its message begins with the
    /// JSON path of the value to fix, e.g. `data.dataSets[0].series["0:1:2"].observations["3"][0]`,
    /// and `columnName` names the component when the problem concerns one.
    ///
    /// Observations come back series by series, each in period order, ordered by their keys'
    /// indices: not necessarily the order they were encoded in.
    public static func decode(_ data: Data, structure: DataflowStructure,
                              limits: SDMXCSVReader.Limits = .standard) -> Result<[SDMXObservation], SubmissionProblems> {
        guard data.count <= limits.maximumFileBytes else {
            return .failure(SDMXCSVReader.single(.fileTooLarge, line: 1,
                                                 "the message is \(data.count) bytes; the limit is \(limits.maximumFileBytes)"))
        }
        guard !data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            return .failure(SDMXCSVReader.single(.emptyFile, line: 1, "the message is empty; expected an SDMX-JSON data message"))
        }
        let document: HSDSValue
        do {
            document = try JSONDecoder().decode(HSDSValue.self, from: data)
        } catch {
            return .failure(SDMXCSVReader.single(.malformedJSON, line: 1, "not valid JSON: \(jsonReason(error, data: data))"))
        }
        var reader = SDMXJSONReader(structure: structure)
        let observations = reader.observations(in: document)
        guard reader.problems.isEmpty else {
            return .failure(SubmissionProblems(sorting: reader.problems, limit: limits.maximumProblems))
        }
        return .success(observations)
    }

    /// The parser's own words. `JSONDecoder` on Linux says only that the data is not JSON, while
    /// `JSONSerialization` says where ("Invalid value around character 14."), so it is asked too.
    private static func jsonReason(_ error: any Error, data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        }
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        return "\(error)"
    }
}

/// Walks one decoded message, collecting observations and every problem on the way.
struct SDMXJSONReader {
    let structure: DataflowStructure
    private(set) var problems: [SubmissionProblem] = []
    private var layouts: [Int: SDMXJSONLayout] = [:]
    private var brokenStructures: Set<Int> = []

    init(structure: DataflowStructure) {
        self.structure = structure
    }

    func quoted(_ value: String) -> String { SubmissionProblem.quoted(value) }

    /// Adds a problem on line 1, its message led by the JSON path of the value it concerns.
    mutating func report(_ code: SubmissionProblem.Code, _ path: String, columnName: String? = nil, _ message: String) {
        problems.append(SubmissionProblem(code, line: 1, columnName: columnName, message: path.isEmpty ? message : "\(path): \(message)"))
    }

    private struct Reading {
        let observation: SDMXObservation
        let path: String
    }

    private struct ObservationKey: Hashable {
        let series: SeriesKey
        let period: TimePeriod
    }

    mutating func observations(in document: HSDSValue) -> [SDMXObservation] {
        guard let message = document.objectValue else {
            report(.malformedJSON, "", "expected an SDMX-JSON data message, an object with meta and data; found \(document.typeName)")
            return []
        }
        guard let data = message["data"]?.objectValue else {
            let titles = (message["errors"]?.arrayValue ?? []).compactMap { $0.objectValue?["title"]?.stringValue }
            report(.malformedJSON, "data", titles.isEmpty ? "no data object; an SDMX-JSON data message holds its observations in data"
                   : "the message holds errors instead of data: \(titles.joined(separator: "; "))")
            return []
        }
        // SDMX-JSON 2.0 lists structures; 1.0 has one.
        let structures: [HSDSValue], single: Bool
        if let many = data["structures"]?.arrayValue {
            (structures, single) = (many, false)
        } else if let one = data["structure"], one.objectValue != nil {
            (structures, single) = ([one], true)
        } else {
            report(.malformedJSON, "data.structures", "no structures; the message must describe its dimensions and attributes")
            return []
        }
        var readings: [Reading] = []
        for (index, value) in (list(data["dataSets"], path: "data.dataSets") ?? []).enumerated() {
            let path = "data.dataSets[\(index)]"
            guard let dataSet = value.objectValue else {
                report(.malformedJSON, path, "expected a data set object, found \(value.typeName)")
                continue
            }
            guard let layout = structureLayout(for: dataSet, path: path, structures: structures, single: single) else { continue }
            readings += readDataSet(dataSet, path: path, layout: layout)
        }
        if readings.isEmpty && problems.isEmpty {
            report(.emptyFile, "data.dataSets", "the message holds no observations")
        }
        var first: [ObservationKey: String] = [:]
        for reading in readings {
            let key = ObservationKey(series: reading.observation.seriesKey, period: reading.observation.timePeriod)
            if let earlier = first[key] {
                report(.duplicateKey, reading.path, "\(SubmissionValidator.text(for: key.series)) for \(key.period) "
                       + "is already given at \(earlier); each key and period may appear once")
            } else {
                first[key] = reading.path
            }
        }
        return readings.map(\.observation)
    }

    /// The layout of the structure a data set refers to, read the first time it is asked for.
    private mutating func structureLayout(for dataSet: [String: HSDSValue], path: String, structures: [HSDSValue],
                                          single: Bool) -> SDMXJSONLayout? {
        var index = 0
        if let value = dataSet["structure"], value != .null {
            guard let number = Self.integer(value), number < structures.count else {
                report(.malformedJSON, "\(path).structure", "expected the index of one of the message's \(structures.count) structures")
                return nil
            }
            index = number
        }
        if let known = layouts[index] { return known }
        guard !brokenStructures.contains(index), index < structures.count else { return nil }
        guard let parsed = layout(of: structures[index], path: single ? "data.structure" : "data.structures[\(index)]") else {
            brokenStructures.insert(index)
            return nil
        }
        layouts[index] = parsed
        return parsed
    }

    private mutating func readDataSet(_ dataSet: [String: HSDSValue], path: String, layout: SDMXJSONLayout) -> [Reading] {
        checkDataflow(dataSet["links"], path: "\(path).links")
        // SDMX-JSON 2.1 calls Append "Merge"; Replace and Delete are refused, as in a CSV file.
        if let action = dataSet["action"]?.stringValue, !["Information", "Append", "Merge"].contains(action) {
            report(.unsupportedAction, "\(path).action", "\(quoted(action)) is not supported; Cove takes Information or Append data sets")
            return []
        }
        let dataSetCells = list(dataSet["attributes"], path: "\(path).attributes") ?? []
        guard let inherited = attributeValues(.dataSet, cells: dataSetCells, offset: 0, path: "\(path).attributes", layout: layout)
        else { return [] }
        var readings: [Reading] = []
        if let value = dataSet["series"], value != .null {
            guard let series = value.objectValue else {
                report(.malformedJSON, "\(path).series", "expected an object of series by key, found \(value.typeName)")
                return []
            }
            for key in Self.sortedKeys(series) {
                let seriesPath = "\(path).series[\"\(key)\"]"
                guard let indices = Self.indices(key, count: layout.count(.series)) else {
                    report(.malformedJSON, seriesPath, "expected a key of \(layout.count(.series)) value indices separated by colons")
                    continue
                }
                guard let object = series[key]?.objectValue else {
                    report(.malformedJSON, seriesPath, "expected a series object")
                    continue
                }
                let cells = list(object["attributes"], path: "\(seriesPath).attributes") ?? []
                guard var attributes = attributeValues(.series, cells: cells, offset: 0, path: "\(seriesPath).attributes", layout: layout)
                else { continue }
                attributes.merge(inherited) { own, _ in own }
                readings += readObservations(object["observations"], path: "\(seriesPath).observations", series: indices,
                                             inherited: attributes, layout: layout)
            }
        }
        if let value = dataSet["observations"], value != .null {
            guard layout.count(.series) == 0 else {
                report(.malformedJSON, "\(path).observations", "observations outside series need every dimension at observation "
                       + "or data set level; the structure puts \(layout.count(.series)) at series level")
                return readings
            }
            readings += readObservations(value, path: "\(path).observations", series: [], inherited: inherited, layout: layout)
        }
        return readings
    }

    private mutating func readObservations(_ value: HSDSValue?, path: String, series: [Int], inherited: [String: String],
                                           layout: SDMXJSONLayout) -> [Reading] {
        guard let value, value != .null else { return [] }
        guard let observations = value.objectValue else {
            report(.malformedJSON, path, "expected an object of observations by key, found \(value.typeName)")
            return []
        }
        var readings: [Reading] = []
        for key in Self.sortedKeys(observations) {
            let observationPath = "\(path)[\"\(key)\"]"
            guard let indices = Self.indices(key, count: layout.count(.observation)) else {
                report(.malformedJSON, observationPath, "expected a key of \(layout.count(.observation)) value indices separated by colons")
                continue
            }
            guard let cells = observations[key]?.arrayValue, !cells.isEmpty else {
                report(.malformedJSON, observationPath, "expected an array: the value, then the attributes' value indices")
                continue
            }
            let place = SDMXJSONPlace(series: series, observation: indices)
            if let observation = makeObservation(cells, at: place, inherited: inherited, path: observationPath, layout: layout) {
                readings.append(Reading(observation: observation, path: observationPath))
            }
        }
        return readings
    }

    private mutating func makeObservation(_ cells: [HSDSValue], at place: SDMXJSONPlace, inherited: [String: String],
                                          path: String, layout: SDMXJSONLayout) -> SDMXObservation? {
        var components: [SeriesKey.Component] = []
        for (position, dimension) in structure.dimensions.enumerated() {
            guard let slot = layout.dimensions[position] else { return nil }
            let codes = layout.codes[position]
            let index = place.index(slot)
            guard index < codes.count else {
                report(.malformedJSON, path, columnName: dimension.id,
                       "the key points at value \(index) of \(dimension.id), which lists \(codes.count)")
                return nil
            }
            components.append(SeriesKey.Component(dimension: dimension.id, code: codes[index]))
        }
        guard let timeSlot = layout.time else { return nil }
        let timeIndex = place.index(timeSlot)
        guard timeIndex < layout.periods.count else {
            report(.malformedJSON, path, columnName: structure.timeDimension,
                   "the key points at value \(timeIndex) of \(structure.timeDimension), which lists \(layout.periods.count)")
            return nil
        }
        let key = SeriesKey(components), period = layout.periods[timeIndex]
        if let frequency = key[SDMXComponent.frequency], let expected = TimePeriod.Frequency(rawValue: frequency),
           expected != period.frequency {
            report(.badPeriod, path, columnName: structure.timeDimension,
                   "\(period) is a \(period.frequency.name) period but FREQ is \(frequency) (\(expected.name))")
            return nil
        }
        let valuePath = "\(path)[\(layout.valuePosition)]"
        let cell = layout.valuePosition < cells.count ? cells[layout.valuePosition] : HSDSValue.null
        let value: Double?
        switch Self.number(in: cell) {
        case .missing:
            value = nil
        case .number(let number):
            value = number
        case .negative(let number):
            report(.negativeValue, valuePath, columnName: SDMXComponent.observationValue,
                   "\(SubmissionProblem.text(for: number)) is negative; counts and rates cannot be below zero")
            return nil
        case .invalid:
            report(.notANumber, valuePath, columnName: SDMXComponent.observationValue,
                   "expected a non-negative number, or null for a missing value; found \(Self.shown(cell))")
            return nil
        }
        guard var attributes = attributeValues(.observation, cells: cells, offset: layout.measureCount, path: path, layout: layout)
        else { return nil }
        attributes.merge(inherited) { own, _ in own }
        return SDMXObservation(dataflow: structure.reference, seriesKey: key, timePeriod: period, value: value,
                               observationStatus: attributes[SDMXComponent.observationStatus],
                               confidentialityStatus: attributes[SDMXComponent.confidentialityStatus],
                               unitMultiplier: attributes[SDMXComponent.unitMultiplier].flatMap { Int($0) })
    }
}
