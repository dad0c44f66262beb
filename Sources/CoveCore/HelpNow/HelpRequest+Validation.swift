import Foundation

extension HelpRequest {
    /// Reads `GET /api/v1/help`'s query parameters, refusing the first bad one by name.
    ///
    /// Blank parameters count as absent: a form with an empty "age" box still asks for help.
    /// - `country` (ISO 3166-1 alpha-2, any case) or `caller` (an international number, read with
    ///   `plan`), exactly one of them; the error for neither or both names `country`.
    /// - `lang`: a BCP 47 tag, checked for shape only ("fr", "fr-CA", "zh-Hant-TW").
    /// - `age`: a whole number of years, 0 to 120.
    /// - `topic`: a code of ASCII letters, digits, "-" and "_", at most 64 characters; lower-cased.
    /// - `at`: an ISO 8601 instant with its offset ("2026-06-10T21:30:00+02:00", "…Z"); `now` when absent.
    ///
    /// - Parameter knownCountries: when given, `country` must be one of them, so "ZZ" is refused
    ///   rather than answered with nothing but an empty list. A country read from `caller` is not
    ///   checked against it: the dialling plan knows codes (AC for Ascension, XK for Kosovo) a country list may not.
    public static func validated(
        country: String?, caller: String?, language: String?, age: String?, topic: String?, at: String?,
        plan: DiallingPlan?, now: Date, knownCountries: Set<String>? = nil
    ) throws(HelpRequestError) -> HelpRequest {
        let region = try validCountry(present(country), caller: present(caller), plan: plan,
                                      knownCountries: knownCountries)
        return HelpRequest(country: region, language: try validLanguage(present(language)),
                           age: try validAge(present(age)), topic: try validTopic(present(topic)),
                           at: try validInstant(present(at)) ?? now)
    }

    private static func present(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    static func validCountry(_ country: String?, caller: String?, plan: DiallingPlan?,
                             knownCountries: Set<String>?) throws(HelpRequestError) -> String {
        switch (country, caller) {
        case (nil, nil): throw .invalid(parameter: "country", reason: .missing)
        case (.some, .some): throw .invalid(parameter: "country", reason: .conflicting)
        case (nil, let caller?): return try region(ofCaller: caller, plan: plan)
        case (let country?, nil):
            guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw .invalid(parameter: "country", reason: .notAlpha2)
            }
            let code = country.uppercased()
            if let knownCountries, !knownCountries.contains(code) {
                throw .invalid(parameter: "country", reason: .unknownCountry)
            }
            return code
        }
    }

    /// No country hint: a national number could belong to any country, and guessing one would
    /// send a child to the wrong country's helplines.
    static func region(ofCaller caller: String, plan: DiallingPlan?) throws(HelpRequestError) -> String {
        guard let plan else { throw .invalid(parameter: "caller", reason: .diallingPlanUnavailable) }
        guard let parsed = try? plan.parse(caller) else { throw .invalid(parameter: "caller", reason: .notAPhoneNumber) }
        guard let region = parsed.region else { throw .invalid(parameter: "caller", reason: .noCountryForNumber) }
        return region
    }

    /// Shape only (RFC 5646 in outline): a primary subtag of 2–3 or 5–8 letters, or "x"/"i" for
    /// private and grandfathered tags, then subtags of 1–8 letters or digits. Whether the language
    /// exists does not matter here: an unknown one simply matches no helpline.
    static func validLanguage(_ tag: String?) throws(HelpRequestError) -> String? {
        guard let tag else { return nil }
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
        let isAlphanumeric = { (subtag: Substring) in subtag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        let isPrivateOrGrandfathered = ["x", "i"].contains(subtags[0].lowercased()) && subtags.count > 1
        guard subtags[0].allSatisfy({ $0.isASCII && $0.isLetter }),
              [2, 3, 5, 6, 7, 8].contains(subtags[0].count) || isPrivateOrGrandfathered,
              subtags.dropFirst().allSatisfy({ (1...8).contains($0.count) && isAlphanumeric($0) })
        else { throw .invalid(parameter: "lang", reason: .notBCP47) }
        return tag
    }

    static func validAge(_ text: String?) throws(HelpRequestError) -> Int? {
        guard let text else { return nil }
        // Only digits: Int("+12") would pass, and "-1" would read as a number rather than nonsense.
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let age = Int(text) else {
            throw .invalid(parameter: "age", reason: .notAnInteger)
        }
        guard (0...120).contains(age) else { throw .invalid(parameter: "age", reason: .outOfRange) }
        return age
    }

    static func validTopic(_ text: String?) throws(HelpRequestError) -> String? {
        guard let text else { return nil }
        guard text.count <= 64, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { throw .invalid(parameter: "topic", reason: .notATopicCode) }
        return text.lowercased()
    }

    /// An offset is required: "21:30" alone would be read in the server's zone, not the child's.
    static func validInstant(_ text: String?) throws(HelpRequestError) -> Date? {
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions.insert(.withFractionalSeconds)
        guard let date = formatter.date(from: text) else {
            throw .invalid(parameter: "at", reason: .notISO8601WithOffset)
        }
        return date
    }
}
