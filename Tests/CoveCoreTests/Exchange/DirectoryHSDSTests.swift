import Foundation
import Testing
@testable import CoveCore

@Suite("Directory HSDS export")
struct DirectoryHSDSTests {
    // MARK: - Round trips

    @Test func handBuiltRecordsComeBackUnchanged() throws {
        let records = try HSDSSample.records()
        #expect(HSDSSample.imported(try DirectoryHSDS.data(for: records)) == .success(records))
    }

    /// The CSV keeps one voice number per row and no flags on other channels, so it reduces the
    /// samples; what it reads back must survive HSDS unchanged. (`ScheduleExceptionText` cannot
    /// write a day left without hours, so that exception stays out.)
    @Test func recordsFromThePlainCSVComeBackUnchanged() throws {
        let text = try DirectoryCSV.text(for: HSDSSample.records(emptyDay: false))
        let fromCSV = try DirectoryCSV.records(from: text, knownCountries: HSDSSample.knownCountries).get()
        #expect(fromCSV.count == 4)
        #expect(HSDSSample.imported(try DirectoryHSDS.data(for: fromCSV)) == .success(fromCSV))
    }

    @Test func exportsAreByteForByteStable() throws {
        let data = try DirectoryHSDS.data(for: HSDSSample.records())
        #expect(try DirectoryHSDS.data(for: HSDSSample.records()) == data)
        #expect(try DirectoryHSDS.data(for: HSDSSample.imported(data).get()) == data)
    }

    @Test func anEmptyDirectoryIsAnEmptyPage() throws {
        let data = try DirectoryHSDS.data(for: [])
        let page = try HSDSSample.document(data)
        #expect(page[path: "empty"] == true && page[path: "total_items"] == .number(0))
        #expect(page[path: "contents"] == .array([]))
        #expect(HSDSSample.imported(data) == .success([]))
    }

    // MARK: - Shape

    @Test func theDocumentIsOnePageOfServices() throws {
        let page = try HSDSSample.document(DirectoryHSDS.data(for: HSDSSample.records()))
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
        // Who verified is a team, never a person's address, so assurer_email is never written.
        #expect(page[path: "contents.1.assurer_email"] == nil && uk[path: "assurer_email"] == nil)
    }

    @Test func everyIdIsAStableVersion5UUID() throws {
        let page = try HSDSSample.document(DirectoryHSDS.data(for: HSDSSample.records()))
        let ids = page.identifiers
        #expect(ids.count > 40)
        #expect(Set(ids).count == ids.count, "ids repeat")
        for id in ids {
            #expect(UUID(uuidString: id) != nil && id == id.lowercased(), "\(id)")
            #expect(Array(id)[14] == "5" && "89ab".contains(Array(id)[19]), "\(id) is not a version 5 UUID")
        }
        // Recomputable from the slug, as documented.
        let namespace = NameBasedUUID.v5(namespace: NameBasedUUID.urlNamespace, name: "urn:cove:directory")
        let expected = NameBasedUUID.v5(namespace: namespace, name: "gb-line").uuidString.lowercased()
        #expect(page[path: "contents.0.id"]?.stringValue == expected)
    }

    @Test func nameBasedUUIDsMatchRFC4122() {
        let dns = UUID(uuidString: "6BA7B810-9DAD-11D1-80B4-00C04FD430C8")!
        #expect(NameBasedUUID.v5(namespace: dns, name: "python.org").uuidString == "886313E1-3B8A-5372-9B90-0C9AEE199E5D")
        let hex = NameBasedUUID.SHA1.digest(Array("abc".utf8)).map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        #expect(hex == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }

    @Test func phonesLanguagesAndAreasUseHSDSFields() throws {
        let page = try HSDSSample.document(DirectoryHSDS.data(for: HSDSSample.records()))
        let phones = try #require(page[path: "contents.0.phones"]?.arrayValue)
        #expect(phones.map { $0[path: "type"] } == ["voice", "voice", "text", "text"])
        #expect(phones.map { $0[path: "number"] } == ["0800 1111", "116 111", "88802", "88803"])
        #expect(phones[0][path: "description"]?.stringValue?.contains("Free") == true)
        #expect(page[path: "contents.0.languages.1.code"] == "cy" && page[path: "contents.2.languages.0.code"] == "fr-CA")
        let areas = try #require(page[path: "contents.1.service_areas"]?.arrayValue)
        #expect(areas.map { $0[path: "name"] } == ["KE", "UG"])
        #expect(page[path: "contents.3.phones"] == .array([]) && page[path: "contents.3.schedules"] == .array([]))
    }

    /// HSDS has one description, in no stated language: other readers get the one in the helpline's
    /// first language, and every language travels as a Cove attribute of its own.
    @Test func everyLanguageIsAnAttributeAndOneDescriptionIsHSDSs() throws {
        let page = try HSDSSample.document(DirectoryHSDS.data(for: HSDSSample.records()))
        #expect(page[path: "contents.0.description"] == .string(HSDSSample.ukDescription))
        #expect(page[path: "contents.1.description"] == .string(HSDSSample.arabicDescription))
        #expect(page[path: "contents.2.description"] == .string(HSDSSample.frenchDescription))
        #expect(page[path: "contents.3.description"] == nil)
        let kenya = try #require(page[path: "contents.1"])
        #expect(HSDSSample.values("name", in: kenya) == ["ar=خط الأطفال", "sw=Simu ya Watoto"])
        #expect(HSDSSample.values("description", in: kenya)
            == [.string("ar=\(HSDSSample.arabicDescription)"), "en=Counsellors answer in Kiswahili and English."])
        let night = try #require(page[path: "contents.2"])
        #expect(HSDSSample.values("description", in: night)
            == ["en=Night listening.", .string("fr=\(HSDSSample.frenchDescription)")])
        #expect(HSDSSample.values("name", in: night).isEmpty && night[path: "alternate_name"] == nil)
        let name = try #require(kenya[path: "attributes.\(HSDSSample.attribute("name", in: kenya))"])
        #expect(name[path: "link_type"] == "name" && name[path: "taxonomy_term.name"] == "Name in a language")
    }

    @Test func weeklyHoursAreWeeklyRulesOnTheLocalClock() throws {
        let page = try HSDSSample.document(DirectoryHSDS.data(for: HSDSSample.records()))
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
        let page = try HSDSSample.document(DirectoryHSDS.data(for: HSDSSample.records()))
        let dated = try #require(page[path: "contents.0.schedules"]?.arrayValue).filter { $0[path: "valid_from"] != nil }
        let christmas = try #require(dated.first { $0[path: "valid_from"] == "2026-12-25" })
        #expect(christmas[path: "valid_to"] == "2026-12-25" && christmas[path: "notes"] == "Christmas Day")
        #expect(christmas[path: "opens_at"] == nil && christmas[path: "attributes.0.value"] == "closed")
        #expect(dated.filter { $0[path: "valid_from"] == "2026-12-24" }.map { $0[path: "opens_at"] } == ["10:00", "18:00"])
    }

    /// HSDS schedules belong to services, so a channel's hours name the contact points they are for.
    @Test func channelHoursNameTheirContactPoints() throws {
        let uk = try HSDSSample.document(DirectoryHSDS.data(for: HSDSSample.records()))[path: "contents.0"]!
        let schedules = try #require(uk[path: "schedules"]?.arrayValue)
        let owners = { (schedule: HSDSValue) in
            (schedule[path: "attributes"]?.arrayValue ?? [])
                .filter { $0[path: "link_type"] == "contact-point" }.map { $0[path: "value"] }
        }
        let weekend = try #require(schedules.first { $0[path: "byday"] == "SA,SU" })
        #expect(owners(weekend) == [uk[path: "phones.2.id"], uk[path: "phones.3.id"]])
        let chat = try #require(uk[path: "attributes.\(HSDSSample.attribute("web-chat", in: uk))"])
        #expect(schedules.filter { owners($0) == [chat[path: "id"]] }.count == 4)
        #expect(schedules.filter { owners($0).isEmpty }.count == 5)
    }
}
