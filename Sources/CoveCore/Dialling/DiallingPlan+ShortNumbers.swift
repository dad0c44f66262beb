import Foundation

extension DiallingPlan {
    /// A region's emergency numbers as concrete numbers, shortest first: ["112", "999"] for GB.
    ///
    /// Empty when the region is unknown, has no emergency data, or its metadata gives only a
    /// pattern too broad to list (GA's `1(?:3\d\d|730|8)` covers 102 numbers);
    /// `isEmergencyNumber(_:in:)` still answers for those.
    public func emergencyNumbers(for region: String) -> [String] {
        self.region(region)?.short?.emergencyNumbers ?? []
    }

    /// Whether dialling `digits` in `region` reaches emergency services (libphonenumber's
    /// `isEmergencyNumber`: an exact match, never a number written with "+").
    public func isEmergencyNumber(_ digits: String, in region: String) -> Bool {
        guard let number = Self.shortDigits(digits), let pattern = self.region(region)?.short?.emergency else { return false }
        return pattern.matches(number)
    }

    /// Whether `digits` is a short code that connects in `region` — emergency services, child
    /// helplines (116 111 across Europe, 1098 in India, 116 in Kenya), operator and carrier
    /// services. libphonenumber's `isValidShortNumberForRegion`.
    public func isValidShortCode(_ digits: String, in region: String) -> Bool {
        guard let number = Self.shortDigits(digits), let short = self.region(region)?.short,
              let general = short.general, let shortCode = short.shortCode else { return false }
        let lengthFits = short.possibleLengths.isEmpty || short.possibleLengths.contains(number.count)
        return lengthFits && general.matches(number) && shortCode.matches(number)
    }

    /// Example short numbers from the metadata for `region` (shortest first), e.g. for forms and tests.
    public func shortCodeExamples(for region: String) -> [String] {
        self.region(region)?.short?.examples ?? []
    }

    /// Short numbers are dialled locally, so one written with "+" or with non-digits is not one.
    private static func shortDigits(_ input: String) -> String? {
        guard let (hasPlus, digits) = try? normalise(input), !hasPlus else { return nil }
        return digits
    }
}
