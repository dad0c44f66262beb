import Foundation
import Testing
@testable import CoveCore

private let knownCountries: Set<String> = ["GB", "KE", "UG", "FR", "DE"]

private func hours(_ zone: String, _ text: String, exceptions: [ScheduleException] = []) throws -> OpeningSchedule {
    try OpeningSchedule(timeZoneIdentifier: zone, weekly: WeeklyHoursText.intervals(from: text), exceptions: exceptions)
}

/// Hand-built helplines covering what HSDS must carry: split, overnight and channel hours shared by
/// several addresses, exceptions, several countries, every status and scope, flags on voice and SMS.
/// Names, numbers and addresses are made up.
private func sampleRecords() throws -> [DirectoryRecord] {
    let london = "Europe/London"
    let holidays = try [
        ScheduleException.closed(on: LocalDate("2026-12-25"), reason: "Christmas Day"),
        ScheduleException.open(on: LocalDate("2026-12-24"),
                               hours: [DailyInterval(opens: "10:00", closes: "14:00"), DailyInterval(opens: "18:00", closes: "20:00")],
                               reason: "Christmas Eve"),
        ScheduleException.open(on: LocalDate("2026-12-31"), hours: [], reason: "Staff training"),
    ]
    let texts = try hours(london, "Sa,Su 10:00-14:00")
    let chat = try hours(london, "Mo-Fr 17:00-22:00; Sa 12:00-14:00,18:00-20:00",
                         exceptions: [ScheduleException.closed(on: LocalDate("2026-01-01"), reason: "New Year's Day")])
    let uk = try DirectoryRecord(
        id: "gb-line", name: "Line One, UK", countries: ["GB"], languages: ["en", "cy"], minimumAge: 5, maximumAge: 18,
        topics: ["bullying", "online-abuse"], timeZone: london, schedule: .alwaysOpen(timeZoneIdentifier: london, exceptions: holidays),
        contactPoints: [
            DirectoryContactPoint(channel: .voice, address: "0800 1111", e164: "+448001111", isFree: true,
                                  harmonisation: .nationalShortCode),
            DirectoryContactPoint(channel: .voice, address: "116 111", isFree: true, harmonisation: .europe116111),
            DirectoryContactPoint(channel: .sms, address: "88802", isFree: false, schedule: texts),
            DirectoryContactPoint(channel: .sms, address: "88803", schedule: texts),
            DirectoryContactPoint(channel: .webChat, address: "https://chat.example.org/uk", schedule: chat),
            DirectoryContactPoint(channel: .email, address: "help@example.org"),
            DirectoryContactPoint(channel: .email, address: "letters@example.org"),
        ],
        website: "https://example.org",
        verification: Verification(sourceURL: "https://example.org/about", sourceSeen: "Updated 3 March 2026",
                                   verifiedOn: LocalDate("2026-03-05"), verifiedBy: "Ada"))
    let kenya = try DirectoryRecord(
        id: "ke-line", name: "Kenya Line", countries: ["KE", "UG"], scope: .regional, status: .temporarilyClosed,
        languages: ["sw", "en"], timeZone: "Africa/Nairobi",
        schedule: hours("Africa/Nairobi", "Mo-Fr 08:00-20:00; Sa 09:00-13:00"),
        contactPoints: [DirectoryContactPoint(channel: .voice, address: "116", isFree: true, harmonisation: .regional),
                        DirectoryContactPoint(channel: .whatsApp, address: "+254 700 000116"),
                        DirectoryContactPoint(channel: .app, address: "https://app.example.ke")],
        verification: Verification(verifiedOn: LocalDate("2025-11-29"), verifiedBy: "ada@example.org"))
    let night = try DirectoryRecord(
        id: "fr-night", name: "Écoute Nuit", countries: ["FR", "DE"], scope: .international, status: .defunct,
        languages: ["fr-CA"], minimumAge: 12, maximumAge: 25, timeZone: "Europe/Paris",
        schedule: hours("Europe/Paris", "Fr 22:00-06:00; Sa 22:00-00:00; Su 00:00-24:00"),
        contactPoints: [DirectoryContactPoint(channel: .webChat, address: "https://chat.example.fr")])
    // Nothing but what the plain CSV requires; it also requires a country, so HSDS does too.
    let bare = DirectoryRecord(id: "de-line", name: "Bare Line", countries: ["DE"], timeZone: "Europe/Berlin",
                               contactPoints: [])
    return [uk, kenya, night, bare]
}

private func imported(_ data: Data) -> Result<[DirectoryRecord], DirectoryImportErrors> {
    DirectoryHSDS.records(from: data, knownCountries: knownCountries)
}

private func importErrors(_ data: Data) -> [DirectoryImportError] {
    if case .failure(let failure) = imported(data) { failure.errors } else { [] }
}

/// "line path" for each error, so a list of them compares in one expectation.
private func places(_ errors: [DirectoryImportError]) -> [String] {
    errors.map { "\($0.line) \($0.field ?? "-")" }
}

private func document(_ data: Data) throws -> HSDSValue {
    try JSONDecoder().decode(HSDSValue.self, from: data)
}

private func encoded(_ value: HSDSValue) throws -> Data {
    try JSONEncoder().encode(value)
}

/// A page of the sample services with `edit` applied to the service at `index`.
private func page(editing index: Int = 0, _ edit: (inout HSDSValue) throws -> Void) throws -> Data {
    var services = try sampleRecords().map(DirectoryHSDS.service(for:))
    try edit(&services[index])
    return try encoded(.fields(["contents": .array(services)]))
}

/// The index in `attributes` of the Cove attribute with `code`.
private func attribute(_ code: String, in object: HSDSValue) throws -> Int {
    let attributes = try #require(object[path: "attributes"]?.arrayValue)
    return try #require(attributes.firstIndex { $0[path: "taxonomy_term.code"]?.stringValue == code })
}

extension HSDSValue {
    /// The value at a dotted path such as "phones.0.number"; setting nil removes it.
    subscript(path path: String) -> HSDSValue? {
        get {
            path.split(separator: ".").reduce(Optional(self)) { value, step in
                guard let index = Int(step) else { return value?.objectValue?[String(step)] }
                return value?.arrayValue.flatMap { $0.indices.contains(index) ? $0[index] : nil }
            }
        }
        set { set(path.split(separator: ".").map(String.init)[...], to: newValue) }
    }

    private mutating func set(_ steps: ArraySlice<String>, to newValue: HSDSValue?) {
        guard let step = steps.first else {
            self = newValue ?? .null
            return
        }
        switch self {
        case .object(var fields):
            if steps.count == 1, newValue == nil { fields[step] = nil } else {
                var child = fields[step] ?? .null
                child.set(steps.dropFirst(), to: newValue)
                fields[step] = child
            }
            self = .object(fields)
        case .array(var items):
            let index = Int(step)!
            if steps.count == 1, newValue == nil { items.remove(at: index) } else { items[index].set(steps.dropFirst(), to: newValue) }
            self = .array(items)
        default:
            break
        }
    }

    /// Every value of an "id" key, outside the taxonomy terms shared between services.
    var identifiers: [String] {
        switch self {
        case .object(let fields):
            let own = fields["id"]?.stringValue.map { [$0] } ?? []
            return own + fields.filter { $0.key != "taxonomy_term" }.values.flatMap(\.identifiers)
        case .array(let items): return items.flatMap(\.identifiers)
        default: return []
        }
    }
}

@Suite("Directory HSDS")
struct DirectoryHSDSTests {
    // MARK: - Round trips

    @Test func handBuiltRecordsComeBackUnchanged() throws {
        let records = try sampleRecords()
        #expect(imported(try DirectoryHSDS.data(for: records)) == .success(records))
    }

    @Test func recordsFromThePlainCSVComeBackUnchanged() throws {
        let fromCSV = try DirectoryCSV.records(from: DirectoryCSV.text(for: sampleRecords()), knownCountries: knownCountries).get()
        #expect(fromCSV.count == 4)
        #expect(imported(try DirectoryHSDS.data(for: fromCSV)) == .success(fromCSV))
    }

    @Test func exportsAreByteForByteStable() throws {
        let data = try DirectoryHSDS.data(for: sampleRecords())
        #expect(try DirectoryHSDS.data(for: sampleRecords()) == data)
        #expect(try DirectoryHSDS.data(for: imported(data).get()) == data)
    }

    @Test func anEmptyDirectoryIsAnEmptyPage() throws {
        let data = try DirectoryHSDS.data(for: [])
        let page = try document(data)
        #expect(page[path: "empty"] == true && page[path: "total_items"] == .number(0))
        #expect(page[path: "contents"] == .array([]))
        #expect(imported(data) == .success([]))
    }

    // MARK: - Shape

    @Test func theDocumentIsOnePageOfServices() throws {
        let page = try document(DirectoryHSDS.data(for: sampleRecords()))
        #expect(page[path: "total_items"] == .number(4) && page[path: "size"] == .number(4))
        #expect(page[path: "total_pages"] == .number(1) && page[path: "page_number"] == .number(1))
        #expect(page[path: "first_page"] == true && page[path: "last_page"] == true && page[path: "empty"] == false)
        let uk = try #require(page[path: "contents.0"])
        #expect(uk[path: "name"] == "Line One, UK" && uk[path: "status"] == "active")
        #expect(uk[path: "url"] == "https://example.org" && uk[path: "email"] == "help@example.org")
        #expect(uk[path: "minimum_age"] == .number(5) && uk[path: "assured_date"] == "2026-03-05")
        #expect(uk[path: "organization.name"] == "Line One, UK" && uk[path: "organization.description"] != nil)
        #expect(uk[path: "organization_id"] == uk[path: "organization.id"])
        #expect(page[path: "contents.1.status"] == "temporarily closed" && page[path: "contents.2.status"] == "defunct")
        #expect(page[path: "contents.1.assurer_email"] == "ada@example.org" && uk[path: "assurer_email"] == nil)
    }

    @Test func everyIdIsAStableVersion5UUID() throws {
        let page = try document(DirectoryHSDS.data(for: sampleRecords()))
        let ids = page.identifiers
        #expect(ids.count > 40)
        #expect(Set(ids).count == ids.count, "ids repeat")
        for id in ids {
            #expect(UUID(uuidString: id) != nil && id == id.lowercased(), "\(id)")
            #expect(Array(id)[14] == "5" && "89ab".contains(Array(id)[19]), "\(id) is not a version 5 UUID")
        }
        // Recomputable from the slug, as documented.
        let namespace = NameBasedUUID.v5(namespace: NameBasedUUID.urlNamespace, name: "urn:cove:directory")
        #expect(page[path: "contents.0.id"]?.stringValue == NameBasedUUID.v5(namespace: namespace, name: "gb-line").uuidString.lowercased())
    }

    @Test func nameBasedUUIDsMatchRFC4122() {
        let dns = UUID(uuidString: "6BA7B810-9DAD-11D1-80B4-00C04FD430C8")!
        #expect(NameBasedUUID.v5(namespace: dns, name: "python.org").uuidString == "886313E1-3B8A-5372-9B90-0C9AEE199E5D")
        let hex = SHA1.digest(Array("abc".utf8)).map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        #expect(hex == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }

    @Test func phonesLanguagesAndAreasUseHSDSFields() throws {
        let page = try document(DirectoryHSDS.data(for: sampleRecords()))
        let phones = try #require(page[path: "contents.0.phones"]?.arrayValue)
        #expect(phones.map { $0[path: "type"] } == ["voice", "voice", "text", "text"])
        #expect(phones.map { $0[path: "number"] } == ["0800 1111", "116 111", "88802", "88803"])
        #expect(phones[0][path: "description"]?.stringValue?.contains("Free") == true)
        #expect(page[path: "contents.0.languages.1.code"] == "cy" && page[path: "contents.2.languages.0.code"] == "fr-CA")
        let areas = try #require(page[path: "contents.1.service_areas"]?.arrayValue)
        #expect(areas.map { $0[path: "name"] } == ["KE", "UG"])
        #expect(page[path: "contents.3.phones"] == .array([]) && page[path: "contents.3.schedules"] == .array([]))
    }

    @Test func weeklyHoursAreWeeklyRulesOnTheLocalClock() throws {
        let page = try document(DirectoryHSDS.data(for: sampleRecords()))
        let dayList = #/(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*/#
        let clock = #/([01][0-9]|2[0-3]):[0-5][0-9]|24:00/#
        let schedules = (0..<4).flatMap { page[path: "contents.\($0).schedules"]?.arrayValue ?? [] }
        let weekly = schedules.filter { $0[path: "valid_from"] == nil }
        #expect(weekly.count > 5)
        for schedule in weekly {
            #expect(schedule[path: "freq"] == "WEEKLY")
            #expect(try dayList.wholeMatch(in: #require(schedule[path: "byday"]?.stringValue)) != nil)
            #expect(try clock.wholeMatch(in: #require(schedule[path: "opens_at"]?.stringValue)) != nil)
            #expect(try clock.wholeMatch(in: #require(schedule[path: "closes_at"]?.stringValue)) != nil)
        }
        let kenya = try #require(page[path: "contents.1.schedules"]?.arrayValue)
        #expect(kenya.map { $0[path: "byday"] } == ["MO,TU,WE,TH,FR", "SA"])
        #expect(kenya[0][path: "description"]?.stringValue?.contains("Africa/Nairobi") == true)
        // Overnight hours close at or before they open, on the day they start.
        let paris = try #require(page[path: "contents.2.schedules.0"])
        #expect(paris[path: "byday"] == "FR" && paris[path: "opens_at"] == "22:00" && paris[path: "closes_at"] == "06:00")
        #expect(page[path: "contents.1.attributes.2.value"] == "Africa/Nairobi")
    }

    @Test func exceptionsAreOneDaySchedulesWithTheirReason() throws {
        let page = try document(DirectoryHSDS.data(for: sampleRecords()))
        let dated = try #require(page[path: "contents.0.schedules"]?.arrayValue).filter { $0[path: "valid_from"] != nil }
        let christmas = try #require(dated.first { $0[path: "valid_from"] == "2026-12-25" })
        #expect(christmas[path: "valid_to"] == "2026-12-25" && christmas[path: "notes"] == "Christmas Day")
        #expect(christmas[path: "opens_at"] == nil && christmas[path: "attributes.0.value"] == "closed")
        #expect(dated.filter { $0[path: "valid_from"] == "2026-12-24" }.map { $0[path: "opens_at"] } == ["10:00", "18:00"])
    }

    /// HSDS schedules belong to services, so a channel's hours name the contact points they are for.
    @Test func channelHoursNameTheirContactPoints() throws {
        let uk = try document(DirectoryHSDS.data(for: sampleRecords()))[path: "contents.0"]!
        let schedules = try #require(uk[path: "schedules"]?.arrayValue)
        let owners = { (schedule: HSDSValue) in
            (schedule[path: "attributes"]?.arrayValue ?? []).filter { $0[path: "link_type"] == "contact-point" }.map { $0[path: "value"] }
        }
        let weekend = try #require(schedules.first { $0[path: "byday"] == "SA,SU" })
        #expect(owners(weekend) == [uk[path: "phones.2.id"], uk[path: "phones.3.id"]])
        let chat = try #require(uk[path: "attributes.\(attribute("web-chat", in: uk))"])
        #expect(schedules.filter { owners($0) == [chat[path: "id"]] }.count == 4)
        #expect(schedules.filter { owners($0).isEmpty }.count == 5)
    }

    // MARK: - Refusals

    @Test func malformedJSONIsOneProblemOnLineOne() {
        let errors = importErrors(Data("{\"contents\": [".utf8))
        #expect(places(errors) == ["1 -"])
        #expect(errors.first?.message.hasPrefix("not valid JSON") == true)
        #expect(places(importErrors(Data("\"services\"".utf8))) == ["1 -"])
        #expect(places(importErrors(Data("{\"services\": []}".utf8))) == ["1 contents"])
    }

    @Test func aBareArrayOfServicesIsRead() throws {
        let services = try sampleRecords().map(DirectoryHSDS.service(for:))
        #expect(imported(try encoded(.array(services))) == .success(try sampleRecords()))
        var broken = services
        broken[1][path: "name"] = nil
        #expect(places(importErrors(try encoded(.array(broken)))) == ["2 [1].name"])
    }

    @Test func eachProblemNamesItsServiceAndPath() throws {
        let cases: [(String, (inout HSDSValue) throws -> Void, String)] = [
            ("contents[0].name", { $0[path: "name"] = nil }, "required"),
            ("contents[0].name", { $0[path: "name"] = .number(7) }, "expected a string"),
            ("contents[0].status", { $0[path: "status"] = "inactive" }, "\"inactive\""),
            ("contents[0].service_areas[0].name", { $0[path: "service_areas.0.name"] = "XX" }, "\"XX\""),
            ("contents[0].service_areas", { $0[path: "service_areas"] = .array([]) }, "service_areas"),
            ("contents[0].languages[1].code", { $0[path: "languages.1.code"] = "english!" }, "\"english!\""),
            ("contents[0].languages[0].code", { $0[path: "languages.0.code"] = "en;fr" }, "\";\""),
            ("contents[0].maximum_age", { $0[path: "maximum_age"] = .number(3) }, "below min_age 5"),
            ("contents[0].url", { $0[path: "url"] = "example.org" }, "\"example.org\""),
            ("contents[0].phones[0].number", { $0[path: "phones.0.number"] = "call us" }, "\"call us\""),
            ("contents[0].phones[1].type", { $0[path: "phones.1.type"] = "fax" }, "\"fax\""),
            ("contents[0].phones[0].attributes[0].value", { $0[path: "phones.0.attributes.0.value"] = "+44 800" }, "E.164"),
            ("contents[0].phones[0].attributes[1].value", { $0[path: "phones.0.attributes.1.value"] = "maybe" }, "\"maybe\""),
            ("contents[0].schedules[0].opens_at", { $0[path: "schedules.0.opens_at"] = "9:00" }, "\"9:00\""),
            ("contents[0].schedules[0].opens_at", { $0[path: "schedules.0.opens_at"] = "09:00Z" }, "UTC offset"),
            ("contents[0].schedules[0].byday", { $0[path: "schedules.0.byday"] = "1SA" }, "\"1SA\""),
            ("contents[0].schedules[0].freq", { $0[path: "schedules.0.freq"] = "MONTHLY" }, "\"MONTHLY\""),
        ]
        for (path, edit, says) in cases {
            let errors = importErrors(try page(edit))
            #expect(places(errors) == ["1 \(path)"], "\(path)")
            #expect(errors.first?.message.contains(says) == true, "\(path): \(errors.first?.message ?? "accepted")")
        }
    }

    @Test func coveAttributesAreCheckedWhereTheyAre() throws {
        let zone = try attribute("time-zone", in: DirectoryHSDS.service(for: sampleRecords()[1]))
        let badZone = importErrors(try page(editing: 1) { $0[path: "attributes.\(zone).value"] = "Mars/Olympus" })
        #expect(places(badZone) == ["2 contents[1].attributes[\(zone)].value"])
        #expect(badZone.first?.message.contains("Mars/Olympus") == true)

        let noZone = importErrors(try page(editing: 1) { $0[path: "attributes.\(zone)"] = nil })
        #expect(places(noZone) == ["2 contents[1].attributes"])
        #expect(noZone.first?.message.contains("time-zone") == true)

        let misplaced = importErrors(try page { $0[path: "phones.0.attributes.0.taxonomy_term.code"] = "scope" })
        #expect(places(misplaced) == ["1 contents[0].phones[0].attributes[0].taxonomy_term.code"])
        let unknown = importErrors(try page { $0[path: "attributes.1.taxonomy_term.code"] = "colour" })
        #expect(places(unknown) == ["1 contents[0].attributes[1].taxonomy_term.code"])
    }

    @Test func aRepeatedCoveIdIsRefusedOnTheLaterServiceNamingTheFirst() throws {
        let data = try page(editing: 2) { $0[path: "attributes.0.value"] = "gb-line" }
        let errors = importErrors(data)
        #expect(places(errors) == ["3 contents[2].attributes[0].value"])
        #expect(errors.first?.message.contains("service 1") == true)
    }

    @Test func scheduleReferencesMustNameAContactPointOfTheService() throws {
        let errors = importErrors(try page { service in
            let weekend = try #require(service[path: "schedules"]?.arrayValue?.firstIndex { $0[path: "byday"] == "SA,SU" })
            service[path: "schedules.\(weekend).attributes.0.value"] = "00000000-0000-5000-8000-000000000000"
        })
        #expect(errors.count == 1)
        #expect(errors.first?.field?.hasSuffix(".attributes[0].value") == true && errors.first?.message.contains("not the id") == true)
    }

    @Test func everyProblemInTheFileIsReported() throws {
        var services = try sampleRecords().map(DirectoryHSDS.service(for:))
        services[0][path: "status"] = "open"
        services[0][path: "phones.2.number"] = "88;802"
        services[2][path: "service_areas.1.name"] = "ZZ"
        services[3][path: "name"] = "  "
        let errors = importErrors(try encoded(.fields(["contents": .array(services)])))
        #expect(places(errors) == ["1 contents[0].status", "1 contents[0].phones[2].number",
                                   "3 contents[2].service_areas[1].name", "4 contents[3].name"])
    }

    /// Both formats apply `DirectoryFields`, so they refuse a value in the same words.
    @Test func theCSVAndHSDSImportsRefuseAlike() throws {
        let record = try sampleRecords()[1]
        var bad = record
        bad.languages = ["sw", "kiswahili!"]
        bad.contactPoints[1].address = "whats app"
        let csv = DirectoryCSV.records(from: DirectoryCSV.text(for: [bad]), knownCountries: knownCountries)
        guard case .failure(let csvErrors) = csv else { Issue.record("the CSV import accepted bad values"); return }
        let hsdsErrors = importErrors(try DirectoryHSDS.data(for: [bad]))
        #expect(hsdsErrors.map(\.message) == csvErrors.errors.map(\.message))
        #expect(hsdsErrors.map(\.field) == ["contents[0].languages[1].code", "contents[0].attributes[3].value"])
    }

    @Test func otherPublishersFieldsAndAttributesAreIgnored() throws {
        let data = try page { service in
            service[path: "alert"] = "Extra staff at weekends"
            service[path: "fees_description"] = "Free"
            service[path: "phones.0.extension"] = .number(12)
            service[path: "schedules.0.timezone"] = .number(0)
            service[path: "schedules.0.opens_at"] = "00:00:00"
            var attributes = service[path: "attributes"]?.arrayValue ?? []
            attributes.append(.fields(["id": "x", "taxonomy_term": .fields(["code": "stress", "taxonomy": "Open Eligibility"])]))
            attributes.append(.fields(["id": "y", "label": "Note", "value": "no taxonomy"]))
            service[path: "attributes"] = .array(attributes)
        }
        #expect(imported(data) == .success(try sampleRecords()))
    }

    // MARK: - Fuzzing

    /// Random byte edits of an export never crash the import; a refusal points at a service of the file.
    @Test func mutatedExportsAreImportedOrRefusedAtServicesOfTheFile() throws {
        let original = Array(try DirectoryHSDS.data(for: sampleRecords()))
        let alphabet = Array("{}[],:\"\\0123456789aZ -.\n".utf8) + [0xFF, 0xC3]
        var random = SplitMix64(state: 0x4853_4453)
        var imported = 0, refused = 0
        for _ in 0..<500 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let byte = alphabet.randomElement(using: &random)!
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<4: bytes.insert(byte, at: Int.random(in: 0...bytes.count, using: &random))
                case 4..<7 where !bytes.isEmpty: bytes.remove(at: Int.random(in: 0..<bytes.count, using: &random))
                case 7..<9 where !bytes.isEmpty: bytes[Int.random(in: 0..<bytes.count, using: &random)] = byte
                default: bytes.removeLast(Int.random(in: 0...bytes.count, using: &random))
                }
            }
            let data = Data(bytes)
            let services = (try? document(data))?[path: "contents"]?.arrayValue?.count ?? 1
            switch DirectoryHSDS.records(from: data, knownCountries: knownCountries) {
            case .success(let records):
                imported += 1
                #expect(Set(records.map(\.id)).count == records.count)
                #expect(records.allSatisfy { $0.countries.allSatisfy(knownCountries.contains) })
            case .failure(let failure):
                refused += 1
                #expect(!failure.errors.isEmpty)
                for error in failure.errors {
                    #expect(error.line >= 1 && error.line <= max(services, 1), "\(error)")
                    #expect(error.field.map { $0.hasPrefix("contents") || $0.hasPrefix("[") } ?? true, "\(error)")
                }
            }
        }
        #expect(imported > 0)
        #expect(refused > 0)
    }
}
