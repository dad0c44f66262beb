import CoveCore
import Vapor

extension Application {
    private struct CountriesKey: StorageKey { typealias Value = CountryList }

    /// Countries and their ITU-D regions from the seed file, loaded once in `configure`.
    var countries: CountryList { storage[CountriesKey.self]! }

    func loadCountries() throws {
        let data = try CoveResources.data("Seeds", "itu-d-regions.csv")
        storage[CountriesKey.self] = try CountryList(csv: String(decoding: data, as: UTF8.self))
    }
}
