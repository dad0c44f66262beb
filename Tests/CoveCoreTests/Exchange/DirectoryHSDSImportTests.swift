import Foundation
import Testing
@testable import CoveCore

@Suite("Directory HSDS import")
struct DirectoryHSDSImportTests {
    @Test func malformedJSONIsOneProblemOnLineOne() {
        let errors = HSDSSample.importErrors(Data("{\"contents\": [".utf8))
        #expect(HSDSSample.places(errors) == ["1 -"])
        #expect(errors.first?.message.hasPrefix("not valid JSON") == true)
        #expect(HSDSSample.places(HSDSSample.importErrors(Data("\"services\"".utf8))) == ["1 -"])
        #expect(HSDSSample.places(HSDSSample.importErrors(Data("{\"services\": []}".utf8))) == ["1 contents"])
    }

    @Test func aBareArrayOfServicesIsRead() throws {
        let services = try HSDSSample.records().map(DirectoryHSDS.service(for:))
        #expect(HSDSSample.imported(try HSDSSample.encoded(.array(services))) == .success(try HSDSSample.records()))
        var broken = services
        broken[1][path: "name"] = nil
        #expect(HSDSSample.places(HSDSSample.importErrors(try HSDSSample.encoded(.array(broken)))) == ["2 [1].name"])
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
            let errors = HSDSSample.importErrors(try HSDSSample.page(edit))
            #expect(HSDSSample.places(errors) == ["1 \(path)"], "\(path)")
            #expect(errors.first?.message.contains(says) == true, "\(path): \(errors.first?.message ?? "accepted")")
        }
    }

    @Test func coveAttributesAreCheckedWhereTheyAre() throws {
        let zone = try HSDSSample.attribute("time-zone", in: DirectoryHSDS.service(for: HSDSSample.records()[1]))
        let badZone = HSDSSample.importErrors(try HSDSSample.page(editing: 1) {
            $0[path: "attributes.\(zone).value"] = "Mars/Olympus"
        })
        #expect(HSDSSample.places(badZone) == ["2 contents[1].attributes[\(zone)].value"])
        #expect(badZone.first?.message.contains("Mars/Olympus") == true)

        let noZone = HSDSSample.importErrors(try HSDSSample.page(editing: 1) { $0[path: "attributes.\(zone)"] = nil })
        #expect(HSDSSample.places(noZone) == ["2 contents[1].attributes"])
        #expect(noZone.first?.message.contains("time-zone") == true)

        let misplaced = HSDSSample.importErrors(try HSDSSample.page {
            $0[path: "phones.0.attributes.0.taxonomy_term.code"] = "scope"
        })
        #expect(HSDSSample.places(misplaced) == ["1 contents[0].phones[0].attributes[0].taxonomy_term.code"])
        let unknown = HSDSSample.importErrors(try HSDSSample.page { $0[path: "attributes.1.taxonomy_term.code"] = "colour" })
        #expect(HSDSSample.places(unknown) == ["1 contents[0].attributes[1].taxonomy_term.code"])
    }

    /// Each language's text is an attribute of its own, checked by the CSV's rules, so a problem
    /// names that attribute; the Kenyan line's second name attribute (sw) is spoilt here.
    @Test func eachTextIsCheckedInItsOwnAttribute() throws {
        let second = try HSDSSample.attribute("name", in: DirectoryHSDS.service(for: HSDSSample.records()[1])) + 1
        let cases: [(String, String)] = [
            ("Simu ya Watoto", "\"Simu ya Watoto\" is not language=text"),
            ("sw=", "is not language=text"),
            ("kiswahili!=Simu ya Watoto", "\"kiswahili!\" is not a BCP 47 language tag"),
            ("ar=خط نجدة الطفل", "ar is given twice"),
            ("sw=Simu | en=Child Line", "\"|\""),
            ("  ", "required"),
        ]
        for (value, says) in cases {
            let errors = HSDSSample.importErrors(try HSDSSample.page(editing: 1) {
                $0[path: "attributes.\(second).value"] = .string(value)
            })
            #expect(HSDSSample.places(errors) == ["2 contents[1].attributes[\(second)].value"], "\(value)")
            #expect(errors.first?.message.contains(says) == true, "\(value): \(errors.first?.message ?? "accepted")")
        }
    }

    /// Another publisher's service has HSDS's `description` alone, in no stated language.
    @Test func aForeignDescriptionIsTakenToBeInTheFirstLanguage() throws {
        let foreign = { (index: Int, description: HSDSValue) in
            try HSDSSample.page(editing: index) { service in
                let attributes = service[path: "attributes"]?.arrayValue ?? []
                service[path: "attributes"] = .array(attributes.filter { $0[path: "taxonomy_term.code"] != "description" })
                service[path: "description"] = description
            }
        }
        var kenya = try HSDSSample.records()
        kenya[1].descriptions = ["sw": "Msaada = bure."]
        #expect(HSDSSample.imported(try foreign(1, "  Msaada = bure.\n")) == .success(kenya))
        var night = try HSDSSample.records()
        night[2].descriptions = ["fr-CA": "Écoute de nuit."]
        #expect(HSDSSample.imported(try foreign(2, "Écoute de nuit.")) == .success(night))
        // Without languages nobody can say who could read it, so it is dropped.
        #expect(HSDSSample.imported(try foreign(3, "Help for children.")) == .success(try HSDSSample.records()))
        // Beside Cove's attributes it is only a copy for other readers.
        let edited = try HSDSSample.page(editing: 1) { $0[path: "description"] = "Something else" }
        #expect(HSDSSample.imported(edited) == .success(try HSDSSample.records()))
        #expect(HSDSSample.places(HSDSSample.importErrors(try foreign(1, "Call | text"))) == ["2 contents[1].description"])
        #expect(HSDSSample.places(HSDSSample.importErrors(try foreign(1, .number(7)))) == ["2 contents[1].description"])
        // A first language that is no language is reported once, where it is.
        var unreadable = try HSDSSample.document(foreign(1, "Msaada bure."))
        unreadable[path: "contents.1.languages.0.code"] = "kiswahili!"
        #expect(HSDSSample.places(HSDSSample.importErrors(try HSDSSample.encoded(unreadable))) == ["2 contents[1].languages[0].code"])
    }

    @Test func aRepeatedCoveIdIsRefusedOnTheLaterServiceNamingTheFirst() throws {
        let data = try HSDSSample.page(editing: 2) { $0[path: "attributes.0.value"] = "gb-line" }
        let errors = HSDSSample.importErrors(data)
        #expect(HSDSSample.places(errors) == ["3 contents[2].attributes[0].value"])
        #expect(errors.first?.message.contains("service 1") == true)
    }

    @Test func scheduleReferencesMustNameAContactPointOfTheService() throws {
        let errors = HSDSSample.importErrors(try HSDSSample.page { service in
            let weekend = try #require(service[path: "schedules"]?.arrayValue?.firstIndex { $0[path: "byday"] == "SA,SU" })
            service[path: "schedules.\(weekend).attributes.0.value"] = "00000000-0000-5000-8000-000000000000"
        })
        #expect(errors.count == 1)
        #expect(errors.first?.field?.hasSuffix(".attributes[0].value") == true)
        #expect(errors.first?.message.contains("not the id") == true)
    }

    @Test func everyProblemInTheFileIsReported() throws {
        var services = try HSDSSample.records().map(DirectoryHSDS.service(for:))
        services[0][path: "status"] = "open"
        services[0][path: "phones.2.number"] = "88;802"
        services[2][path: "service_areas.1.name"] = "ZZ"
        services[3][path: "name"] = "  "
        let errors = HSDSSample.importErrors(try HSDSSample.encoded(.fields(["contents": .array(services)])))
        #expect(HSDSSample.places(errors) == ["1 contents[0].status", "1 contents[0].phones[2].number",
                                   "3 contents[2].service_areas[1].name", "4 contents[3].name"])
    }

    /// Both formats apply `DirectoryFields`, so they refuse a value in the same words.
    @Test func theCSVAndHSDSImportsRefuseAlike() throws {
        let record = try HSDSSample.records()[1]
        var bad = record
        bad.languages = ["sw", "kiswahili!"]
        bad.contactPoints[1].address = "whats app"
        let csv = DirectoryCSV.records(from: DirectoryCSV.text(for: [bad]), knownCountries: HSDSSample.knownCountries)
        guard case .failure(let csvErrors) = csv else { Issue.record("the CSV import accepted bad values"); return }
        let hsdsErrors = HSDSSample.importErrors(try DirectoryHSDS.data(for: [bad]))
        #expect(hsdsErrors.map(\.message) == csvErrors.errors.map(\.message))
        #expect(hsdsErrors.map(\.field) == ["contents[0].languages[1].code", "contents[0].attributes[4].value"])
    }

    @Test func otherPublishersFieldsAndAttributesAreIgnored() throws {
        let data = try HSDSSample.page { service in
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
        #expect(HSDSSample.imported(data) == .success(try HSDSSample.records()))
    }

    // MARK: - Fuzzing

    /// Random byte edits of an export never crash the import; a refusal points at a service of the file.
    @Test func mutatedExportsAreImportedOrRefusedAtServicesOfTheFile() throws {
        let original = Array(try DirectoryHSDS.data(for: HSDSSample.records()))
        let alphabet = Array("{}[],:\"\\0123456789aZ -.\n".utf8) + [0xFF, 0xC3]
        var random = SplitMix64(state: 0x4853_4453)
        var imported = 0, refused = 0
        for _ in 0..<500 {
            let data = Data(random.mutated(original, from: alphabet))
            let services = (try? HSDSSample.document(data))?[path: "contents"]?.arrayValue?.count ?? 1
            switch DirectoryHSDS.records(from: data, knownCountries: HSDSSample.knownCountries) {
            case .success(let records):
                imported += 1
                #expect(Set(records.map(\.id)).count == records.count)
                #expect(records.allSatisfy { $0.countries.allSatisfy(HSDSSample.knownCountries.contains) })
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
