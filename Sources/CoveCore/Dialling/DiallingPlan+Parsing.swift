import Foundation

extension DiallingPlan {
    /// Parses a caller's number and attributes it to a region.
    ///
    /// Accepts E.164 ("+44 7700 900123"), international-prefix forms ("00 44 …", or the hint
    /// country's own prefix such as "011 44 …" for US), and national forms with a country hint
    /// ("07700 900123", hint "GB"). Spaces, dashes, dots, slashes and parentheses are ignored;
    /// decimal digits in other scripts (Arabic-Indic, fullwidth…) are read as ASCII digits.
    ///
    /// A shared calling code is resolved the way libphonenumber does it: regions are tried in
    /// order, main country first; a region with `leadingDigits` claims the number on that prefix
    /// alone, others when the number fits one of their number ranges. So +1 876… is JM, +7 727…
    /// KZ, +44 1481… GG. When no region claims it, `region` is nil.
    ///
    /// - Parameter countryHint: ISO 3166-1 alpha-2 code of where the call arrived, for national
    ///   numbers and for that country's international prefix. Case-insensitive.
    public func parse(_ caller: String, countryHint: String? = nil) throws(DiallingError) -> ParsedNumber {
        let (hasPlus, digits) = try Self.normalise(caller)
        let home = try hintRegion(countryHint)
        if let international = Self.internationalDigits(digits, hasPlus: hasPlus, home: home) {
            return try parseInternational(international, input: caller)
        }
        guard let home else { throw .nationalNumberWithoutCountryHint(caller) }
        return try parseNational(digits, home: home, input: caller)
    }

    private func hintRegion(_ hint: String?) throws(DiallingError) -> Region? {
        guard let hint else { return nil }
        guard let region = region(hint.trimmingCharacters(in: .whitespaces)) else { throw .unknownRegion(hint) }
        return region
    }

    // MARK: - Normalising

    /// Reduces the input to ASCII digits, noting a leading "+"; rejects anything else.
    static func normalise(_ input: String) throws(DiallingError) -> (hasPlus: Bool, digits: String) {
        var digits = ""
        var hasPlus = false
        for character in input {
            if let digit = decimalDigit(character) {
                digits.append(digit)
            } else if (character == "+" || character == "＋") && digits.isEmpty && !hasPlus {
                hasPlus = true
            } else if isSeparator(character) {
                continue
            } else if character.isLetter {
                throw .containsLetters(input)
            } else {
                throw .unexpectedCharacter(character, in: input)
            }
        }
        guard !digits.isEmpty else { throw .empty }
        return (hasPlus, digits)
    }

    /// Any Unicode decimal digit (Arabic-Indic, fullwidth…) as its ASCII digit: caller IDs typed
    /// on a phone keyboard in another script are still numbers.
    private static func decimalDigit(_ character: Character) -> Character? {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first,
              scalar.properties.numericType == .decimal, let value = character.wholeNumberValue else { return nil }
        return Character(String(value))
    }

    private static func isSeparator(_ character: Character) -> Bool {
        character.isWhitespace || "-./()[]".contains(character)
            || character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .dashPunctuation }
    }

    /// The digits after "+", the hint country's international prefix, or "00" — or nil for a
    /// national number. A calling code never starts with 0, so "00" followed by 0 is not one.
    private static func internationalDigits(_ digits: String, hasPlus: Bool, home: Region?) -> String? {
        if hasPlus { return digits }
        if let idd = home?.internationalPrefix, let match = idd.firstMatch(in: digits), match.range.length > 0 {
            let rest = String(digits.dropFirst(match.range.length))
            if let first = rest.first, first != "0" { return rest }
        }
        if digits.hasPrefix("00"), let third = digits.dropFirst(2).first, third != "0" {
            return String(digits.dropFirst(2))
        }
        return nil
    }

    // MARK: - Calling code and national number

    private func parseInternational(_ digits: String, input: String) throws(DiallingError) -> ParsedNumber {
        // Calling codes are prefix-free (ITU-T E.164), so the first 1–3 digit match is the only one;
        // none starts with 0 (and Int("01") would otherwise read as +1).
        for length in 1...3 where digits.count >= length && digits.first != "0" {
            guard let code = Int(digits.prefix(length)) else { continue }
            if let regions = regionsByCallingCode[code] {
                return try finish(code, stripNationalPrefix(String(digits.dropFirst(length)), in: regions[0]), input: input)
            }
            if nonGeographicCallingCodes.contains(code) {
                return try finish(code, String(digits.dropFirst(length)), input: input)
            }
        }
        throw .unknownCallingCode(String(digits.prefix(3)))
    }

    private func parseNational(_ digits: String, home: Region, input: String) throws(DiallingError) -> ParsedNumber {
        let national = nationalAfterOwnCallingCode(digits, home: home) ?? stripNationalPrefix(digits, in: home)
        return try finish(home.callingCode, national, input: input)
    }

    /// Switches often drop the "+" ("447700900123" arriving in GB). Like libphonenumber, read the
    /// home calling code off the front only when that turns an impossible number into a possible one.
    private func nationalAfterOwnCallingCode(_ digits: String, home: Region) -> String? {
        let code = String(home.callingCode)
        guard digits.hasPrefix(code) else { return nil }
        let rest = stripNationalPrefix(String(digits.dropFirst(code.count)), in: home)
        let wholeFits = home.nationalNumber?.matches(digits) ?? false
        let restFits = home.nationalNumber?.matches(rest) ?? false
        let tooLong = home.possibleLengths.max().map { digits.count > $0 } ?? false
        return (!wholeFits && restFits) || tooLong ? rest : nil
    }

    /// libphonenumber's `maybeStripNationalPrefixAndCarrierCode`: remove (or rewrite) the trunk
    /// prefix, but keep it when that would turn a number that fits the region into one that
    /// doesn't, or leave too few digits (RU "800…" is toll-free, not trunk prefix 8 + "00…").
    func stripNationalPrefix(_ digits: String, in region: Region) -> String {
        guard let prefix = region.nationalPrefixForParsing, let match = prefix.firstMatch(in: digits) else { return digits }
        let rest = String(digits.dropFirst(match.range.length))
        let lastGroup = match.range(at: match.numberOfRanges - 1)
        var candidate = rest
        if let transform = region.nationalPrefixTransform, match.numberOfRanges > 1, lastGroup.location != NSNotFound {
            candidate = prefix.replacement(for: match, in: digits, template: transform) + rest
        }
        if region.nationalNumber?.matches(digits) == true, region.nationalNumber?.matches(candidate) != true {
            return digits
        }
        guard let longest = region.possibleLengths.max() else { return candidate }
        return region.possibleLengths.contains(candidate.count) || candidate.count > longest ? candidate : digits
    }

    private func finish(_ code: Int, _ national: String, input: String) throws(DiallingError) -> ParsedNumber {
        let lengths = possibleLengths(forCallingCode: code)
        if national.count < lengths.lowerBound { throw .tooShort(input, minimumDigits: lengths.lowerBound) }
        if national.count > lengths.upperBound { throw .tooLong(input, maximumDigits: lengths.upperBound) }
        return ParsedNumber(countryCode: code, nationalNumber: national, region: regionCode(forCallingCode: code, national))
    }

    /// National-number lengths any region under the code allows; libphonenumber's 2…17 otherwise.
    private func possibleLengths(forCallingCode code: Int) -> ClosedRange<Int> {
        let lengths = (regionsByCallingCode[code] ?? []).flatMap(\.possibleLengths)
        guard let shortest = lengths.min(), let longest = lengths.max() else { return 2...17 }
        return shortest...longest
    }

    /// libphonenumber's `getRegionCodeForNumberGroup`.
    private func regionCode(forCallingCode code: Int, _ national: String) -> String? {
        guard let regions = regionsByCallingCode[code] else { return nil }
        guard regions.count > 1 else { return regions.first?.code }
        return regions.first { region in
            if let leading = region.leadingDigits { return leading.matches(national) }
            return region.isPossibleNationalNumber(national) && region.validNumber?.matches(national) == true
        }?.code
    }
}
