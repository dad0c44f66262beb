import Testing
@testable import CoveCore

@Suite("Country list")
struct CountryListTests {
    @Test func readsCountriesWithTheirRegions() throws {
        let list = try CountryList(csv: """
            iso_alpha2,iso_alpha3,country_name_en,itu_d_region,source,seen
            KE,KEN,Kenya,Africa,x,2026-06-11
            RU,RUS,Russian Federation,CIS,x,2026-06-11
            "AE",ARE,"United Arab Emirates",Arab States,x,2026-06-11
            """)
        #expect(list.all.count == 3)
        #expect(list.country("RU")?.region == .cis)
        #expect(list.country("AE")?.region == .arabStates)
        #expect(list.name(of: "KE") == "Kenya")
        #expect(!list.contains("XX"))
    }

    @Test func badRowsNameTheLineAndField() {
        #expect(throws: CountryList.ParseError(line: 3, field: "itu_d_region", reason: "\"Atlantis\" is not an ITU-D region")) {
            try CountryList(csv: "iso_alpha2,iso_alpha3,country_name_en,itu_d_region\nKE,KEN,Kenya,Africa\nXA,XAA,Nowhere,Atlantis\n")
        }
        #expect(throws: CountryList.ParseError.self) {
            try CountryList(csv: "iso_alpha2,name\nKE,Kenya\n")
        }
    }
}
