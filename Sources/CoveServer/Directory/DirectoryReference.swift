import CoveCore
import Vapor

/// Facts the directory reads but never edits: the dialling plan and which country codes exist.
struct DirectoryReference: Sendable {
    let plan: DiallingPlan
    /// ITU members and every region the dialling plan knows (territories such as PR or GL).
    let knownCountries: Set<String>
    let countries: CountryList

    /// The child's ITU-D region's other countries, in list order: the "nearby" options help-now
    /// offers when a country has no helpline of its own.
    func nearby(_ country: String) -> [String] {
        guard let region = countries.country(country)?.region else { return [] }
        return countries.all.filter { $0.region == region && $0.code != country }.map(\.code)
    }
}

extension Application {
    private struct DirectoryReferenceKey: StorageKey { typealias Value = DirectoryReference }

    var directoryReference: DirectoryReference { storage[DirectoryReferenceKey.self]! }

    /// Loads the reference data and the empty cache; needs `loadCountries()` first.
    func configureDirectory() throws {
        let plan = try DiallingPlan.bundled()
        let planRegions = plan.regions.filter { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isUppercase } }
        let known = Set(countries.all.map(\.code)).union(planRegions)
        storage[DirectoryReferenceKey.self] = DirectoryReference(plan: plan, knownCountries: known, countries: countries)
        configureDirectoryCache()
        configureCountryNames()
        configureHelpAnswers()
    }
}
