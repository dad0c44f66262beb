import Foundation
import Testing
@testable import CoveCore

private let knownCountries: Set<String> = ["GB", "KE", "UG", "FR", "DE"]

/// Three helplines in `DirectoryCSV.columns` order; names and numbers are made up.
private let threeLines = """
    id,country,name,scope,status,languages,min_age,max_age,topics,time_zone,opening_hours,channel_hours,voice,voice_e164,voice_free,voice_harmonised,sms,web_chat,whatsapp,email,app,website,source_url,source_seen,verified_on,verified_by
    gb-line,GB,"Line One, UK",national,active,en;cy,5,18,bullying;online-abuse,Europe/London,24/7,"web-chat=Mo-Fr 17:00-22:00 | sms=Sa,Su 10:00-14:00",0800 1111,+448001111,yes,national-short-code,88802,https://chat.example.org/uk,,help@example.org,,https://example.org,https://example.org/about,Updated 3 March 2026,2026-03-05,Ada
    ke-line,KE;ug,Kenya Line,national,active,sw;en,,,,Africa/Nairobi,Mo-Fr 08:00-20:00; Sa 09:00-13:00,,116,,Yes,regional,,,+254 700 000116,,,,,,,
    fr-night,FR,Écoute Nuit,international,temporarily-closed,fr,12,25,,Europe/Paris,Fr 22:00-06:00,,,,,,,https://chat.example.fr,https://wa.me/33100000000,,https://app.example.fr,,https://example.fr/contact,,2025-11-29,
    """

/// A row that imports cleanly; tests override single fields to break it.
private let goodRow: [String: String] = [
    "id": "gb-line", "country": "GB", "name": "Line One", "time_zone": "Europe/London",
    "opening_hours": "Mo-Fr 09:00-17:00", "voice": "0800 1111", "voice_free": "yes", "voice_harmonised": "116111",
]

private func row(_ overrides: [String: String]) -> [String: String] {
    goodRow.merging(overrides) { _, override in override }
}

/// One CSV line, quoted independently of `CSVTable.line`.
private func csvLine(_ fields: [String]) -> String {
    let quoted = fields.map { field -> String in
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return quoted.joined(separator: ",") + "\r\n"
}

private func directoryText(_ rows: [[String: String]], columns: [String] = DirectoryCSV.columns) -> String {
    csvLine(columns) + rows.map { row in csvLine(columns.map { row[$0] ?? "" }) }.joined()
}

private func importErrors(_ text: String) -> [DirectoryImportError] {
    switch DirectoryCSV.records(from: text, knownCountries: knownCountries) {
    case .success: []
    case .failure(let failure): failure.errors
    }
}

/// "line field" for each error, so a list of them compares in one expectation.
private func places(_ errors: [DirectoryImportError]) -> [String] {
    errors.map { "\($0.line) \($0.field ?? "-")" }
}

private struct BadField: Sendable, CustomTestStringConvertible {
    let overrides: [String: String]
    let field: String
    /// What the message must quote or say.
    let says: String

    init(_ overrides: [String: String], _ field: String, _ says: String) {
        self.overrides = overrides
        self.field = field
        self.says = says
    }

    var testDescription: String { overrides.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ") }
}

private let badFields: [BadField] = [
    BadField(["id": "GB_Line"], "id", "\"GB_Line\" is not a slug"),
    BadField(["name": "  "], "name", "required"),
    BadField(["country": "GB;XX"], "country", "\"XX\""),
    BadField(["time_zone": "Mars/Olympus"], "time_zone", "Mars/Olympus"),
    BadField(["opening_hours": "Mo-Fr"], "opening_hours", "\"Mo-Fr\" is not a rule"),
    BadField(["opening_hours": "Mo 9:00-17:00"], "opening_hours", "9:00-17:00"),
    BadField(["min_age": "18", "max_age": "5"], "max_age", "below min_age 18"),
    BadField(["min_age": "ten"], "min_age", "\"ten\""),
    BadField(["status": "closed"], "status", "\"closed\""),
    BadField(["languages": "en;english!"], "languages", "\"english!\""),
    BadField(["voice": "", "voice_free": "", "voice_harmonised": "", "voice_e164": "+441234567"], "voice_e164",
             "without a voice number"),
    BadField(["voice_e164": "+44 800 1111"], "voice_e164", "\"+44 800 1111\""),
    BadField(["voice": "call us"], "voice", "\"call us\""),
    BadField(["voice_free": "maybe"], "voice_free", "\"maybe\""),
    BadField(["voice_harmonised": "116 111"], "voice_harmonised", "\"116 111\""),
    BadField(["email": "help at example.org"], "email", "\"help at example.org\""),
    BadField(["web_chat": "ftp://chat.example.org"], "web_chat", "\"ftp://chat.example.org\""),
    BadField(["web_chat": "javascript:alert(1)"], "web_chat", "\"javascript:alert(1)\""),
    BadField(["website": "example.org"], "website", "\"example.org\""),
    BadField(["channel_hours": "sms=Mo-Fr 09:00-17:00"], "channel_hours", "sms"),
    BadField(["channel_hours": "chat=Mo-Fr 09:00-17:00"], "channel_hours", "\"chat=Mo-Fr 09:00-17:00\""),
    BadField(["channel_hours": "voice=Mo-Fr 09:00-17:00 | voice=Sa 10:00-12:00"], "channel_hours", "twice"),
    BadField(["channel_hours": "voice=Mo-Fr"], "channel_hours", "\"Mo-Fr\""),
    BadField(["verified_on": "2026-02-30"], "verified_on", "\"2026-02-30\""),
]

@Suite("Directory CSV")
struct DirectoryCSVTests {
    @Test func aValidFileReadsEveryField() throws {
        let records = try DirectoryCSV.records(from: threeLines, knownCountries: knownCountries).get()
        try #require(records.count == 3)
        let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]

        let chat = try OpeningSchedule(timeZoneIdentifier: "Europe/London",
                                       weekly: WeeklyInterval.every(weekdays, opens: "17:00", closes: "22:00"))
        let texts = try OpeningSchedule(timeZoneIdentifier: "Europe/London",
                                        weekly: WeeklyInterval.every([.saturday, .sunday], opens: "10:00", closes: "14:00"))
        let uk = try DirectoryRecord(
            id: "gb-line", name: "Line One, UK", countries: ["GB"], scope: .national, status: .active,
            languages: ["en", "cy"], minimumAge: 5, maximumAge: 18, topics: ["bullying", "online-abuse"],
            timeZone: "Europe/London", schedule: .alwaysOpen(timeZoneIdentifier: "Europe/London"),
            contactPoints: [
                DirectoryContactPoint(channel: .voice, address: "0800 1111", e164: "+448001111", isFree: true,
                                      harmonisation: .nationalShortCode),
                DirectoryContactPoint(channel: .sms, address: "88802", schedule: texts),
                DirectoryContactPoint(channel: .webChat, address: "https://chat.example.org/uk", schedule: chat),
                DirectoryContactPoint(channel: .email, address: "help@example.org"),
            ],
            website: "https://example.org",
            verification: Verification(sourceURL: "https://example.org/about", sourceSeen: "Updated 3 March 2026",
                                       verifiedOn: LocalDate("2026-03-05"), verifiedBy: "Ada"))
        #expect(records[0].contactPoints.first?.schedule == nil)
        #expect(records[0].contactPoints.first { $0.channel == .sms }?.schedule == texts)
        #expect(records[0].contactPoints.first { $0.channel == .webChat }?.schedule == chat)
        #expect(records[0] == uk)

        let nairobi = try OpeningSchedule(
            timeZoneIdentifier: "Africa/Nairobi",
            weekly: WeeklyInterval.every(weekdays, opens: "08:00", closes: "20:00")
                + [WeeklyInterval(weekday: .saturday, opens: "09:00", closes: "13:00")])
        #expect(records[1] == DirectoryRecord(
            id: "ke-line", name: "Kenya Line", countries: ["KE", "UG"], languages: ["sw", "en"],
            timeZone: "Africa/Nairobi", schedule: nairobi,
            contactPoints: [DirectoryContactPoint(channel: .voice, address: "116", isFree: true, harmonisation: .regional),
                            DirectoryContactPoint(channel: .whatsApp, address: "+254 700 000116")]))

        let night = try #require(records[2].schedule)
        #expect(night.timeZoneIdentifier == "Europe/Paris")
        // Friday night's hours run on Paris clocks: from 22:00 Friday until 06:00 on Saturday 13 June 2026.
        #expect(night.isOpen(at: instant("2026-06-13T03:00:00+02:00")))
        #expect(night.isOpen(at: instant("2026-06-12T21:30:00+01:00")))
        #expect(!night.isOpen(at: instant("2026-06-13T05:30:00+01:00")))
        let paris = try DirectoryRecord(
            id: "fr-night", name: "Écoute Nuit", countries: ["FR"], scope: .international, status: .temporarilyClosed,
            languages: ["fr"], minimumAge: 12, maximumAge: 25, timeZone: "Europe/Paris", schedule: night,
            contactPoints: [DirectoryContactPoint(channel: .webChat, address: "https://chat.example.fr"),
                            DirectoryContactPoint(channel: .whatsApp, address: "https://wa.me/33100000000"),
                            DirectoryContactPoint(channel: .app, address: "https://app.example.fr")],
            verification: Verification(sourceURL: "https://example.fr/contact", verifiedOn: LocalDate("2025-11-29")))
        #expect(records[2] == paris)
    }

    @Test func exportedTextImportsAsTheSameRecords() throws {
        let records = try DirectoryCSV.records(from: threeLines, knownCountries: knownCountries).get()
        let text = DirectoryCSV.text(for: records)
        #expect(text.hasPrefix(DirectoryCSV.columns.joined(separator: ",") + "\r\n"))
        let again = try DirectoryCSV.records(from: text, knownCountries: knownCountries).get()
        #expect(again == records)
        #expect(DirectoryCSV.text(for: again) == text)
    }

    @Test func splitHoursSurviveTheRoundTrip() throws {
        let text = directoryText([row(["opening_hours": "Mo-Sa 14:00-20:00; Mo,We,Th 10:00-12:00"])])
        let records = try DirectoryCSV.records(from: text, knownCountries: knownCountries).get()
        let again = try DirectoryCSV.records(from: DirectoryCSV.text(for: records), knownCountries: knownCountries).get()
        let before = try #require(records.first?.schedule), after = try #require(again.first?.schedule)
        #expect(before.weekly.count == 9)
        #expect(Set(after.weekly) == Set(before.weekly))
    }

    /// `channel_hours` applies to every address of its channel, so the export must not repeat it per address.
    @Test func hoursForAChannelWithSeveralAddressesRoundTrip() throws {
        let text = directoryText([row(["sms": "88802;88803", "channel_hours": "sms=Sa,Su 10:00-14:00"])])
        let records = try DirectoryCSV.records(from: text, knownCountries: knownCountries).get()
        let texts = try #require(records.first).contactPoints.filter { $0.channel == .sms }
        #expect(texts.count == 2 && texts.allSatisfy { $0.schedule != nil })
        let again = try DirectoryCSV.records(from: DirectoryCSV.text(for: records), knownCountries: knownCountries).get()
        #expect(again == records)
    }

    @Test func onlyTheRequiredColumnsAreNeeded() throws {
        let records = try DirectoryCSV.records(from: "id,country,name,time_zone\ngb-line,gb,Line,Europe/London\n",
                                               knownCountries: knownCountries).get()
        #expect(records == [DirectoryRecord(id: "gb-line", name: "Line", countries: ["GB"], timeZone: "Europe/London",
                                            contactPoints: [])])
    }

    @Test func headerProblemsAreOnLineOneAndNameTheColumn() {
        let unknown = importErrors(directoryText([row([:])], columns: DirectoryCSV.columns + ["notes"]))
        #expect(places(unknown) == ["1 notes"])
        #expect(unknown.first?.message.hasPrefix("unknown column") == true)

        let missing = importErrors(directoryText([row([:])], columns: DirectoryCSV.columns.filter { $0 != "time_zone" }))
        #expect(places(missing) == ["1 time_zone"])
        #expect(missing.first?.message.contains("missing") == true)

        let twice = importErrors(directoryText([row([:])], columns: DirectoryCSV.columns + ["name"]))
        #expect(places(twice) == ["1 name"])
        #expect(twice.first?.message.contains("twice") == true)

        #expect(places(importErrors("id,country,nmae,notes\nx,GB,y,z\n")) == ["1 nmae", "1 notes", "1 name", "1 time_zone"])
    }

    @Test(arguments: badFields)
    fileprivate func aBadFieldIsNamedWithItsLine(_ bad: BadField) throws {
        let errors = importErrors(directoryText([row(bad.overrides)]))
        #expect(places(errors) == ["2 \(bad.field)"])
        let error = try #require(errors.first)
        #expect(error.message.contains(bad.says), "\(error.message)")
        #expect(error.description.hasPrefix("line 2, \(bad.field): "))
    }

    @Test func aRepeatedIdIsRefusedOnItsSecondLineNamingTheFirst() throws {
        let errors = importErrors(directoryText([row([:]), row(["id": "ke-line", "country": "KE"]), row([:])]))
        #expect(places(errors) == ["4 id"])
        #expect(try #require(errors.first).message.contains("line 2"))
    }

    @Test func everyProblemInTheFileIsReported() throws {
        let text = directoryText([
            row(["id": "GB_Line", "country": "XX"]),
            row(["id": "ke-line", "country": "KE", "voice_free": "maybe"]),
            row(["id": "fr-line", "country": "FR"]),
            row(["id": "de-line", "country": "DE", "time_zone": "Mars/Olympus"]),
        ])
        guard case .failure(let failure) = DirectoryCSV.records(from: text, knownCountries: knownCountries) else {
            Issue.record("a file with four problems was accepted")
            return
        }
        #expect(failure.errors.count == 4)
        #expect(places(failure.errors) == ["2 id", "2 country", "3 voice_free", "5 time_zone"])
        #expect(failure.description.split(separator: "\n").count == 4)
    }

    @Test func lineBreaksInsideFieldsMoveLaterLinesDown() {
        let text = directoryText([
            row(["name": "Two\nLines"]),
            row(["id": "ke-line", "country": "KE", "voice_free": "maybe"]),
            row(["id": "fr-line", "country": "FR", "name": "A\r\nB\nC"]),
            row(["id": "de-line", "country": "DE", "voice_harmonised": "116 111"]),
        ])
        #expect(places(importErrors(text)) == ["4 voice_free", "8 voice_harmonised"])
    }

    @Test func aBrokenFileIsOneProblemAtItsLine() {
        let errors = importErrors(directoryText([row([:])]) + "ke-line,\"KE\nmore\n")
        #expect(places(errors) == ["3 -"])
    }

    /// Random edits of a valid file never crash the import; a refusal points into the file.
    @Test func mutatedFilesAreImportedOrRefusedAtLinesAndColumnsOfTheFile() throws {
        let alphabet: [Character] = ["\"", ",", "\n", "\r", ";", "-", "|", "=", ":", "a", "Z", " ", "1"]
        var random = SplitMix64(state: 0xD1EC_7000)
        var imported = 0, refused = 0
        for _ in 0..<1_000 {
            let text = String(random.mutated(Array(threeLines), from: alphabet))
            let lines = lineCount(text)
            let table = try? CSVTable(parsing: text)
            let header = table?.header ?? []
            switch DirectoryCSV.records(from: text, knownCountries: knownCountries) {
            case .success(let records):
                imported += 1
                #expect(records.count == table?.records.count, "\(text.debugDescription)")
                #expect(Set(records.map(\.id)).count == records.count)
                #expect(records.allSatisfy { record in record.countries.allSatisfy { knownCountries.contains($0) } })
            case .failure(let failure):
                refused += 1
                #expect(!failure.errors.isEmpty)
                for error in failure.errors {
                    #expect(error.line >= 1 && error.line <= lines, "\(error) in \(text.debugDescription)")
                    if let field = error.field {
                        #expect(DirectoryCSV.columns.contains(field) || header.contains(field), "\(error)")
                    }
                }
            }
        }
        #expect(imported > 0)
        #expect(refused > 0)
    }
}
