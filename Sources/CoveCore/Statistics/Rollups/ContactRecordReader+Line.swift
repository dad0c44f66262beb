import Foundation

extension ContactRecordReader {
    /// One contact's codes, as indexes into `codes`' lists.
    struct Record {
        var helpline = -1
        var country = -1
        var month = -1
        var contactType = -1
        var category = -1
        var hasCategory = false
        var subcategory: Range<Int>?
        var online = false
        var ageBand = -1
        var gender = -1
        var channel = -1
    }

    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
        line += 1
        var end = bytes.count
        if end > 0, bytes[end - 1] == 13 { end -= 1 }
        guard end > 0 else { return }
        let text = UnsafeBufferPointer(rebasing: bytes[0..<end])
        if let roles { record(text, roles: roles) } else { header(text) }
    }

    mutating func header(_ bytes: UnsafeBufferPointer<UInt8>) {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
        let names = String(decoding: bytes, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\""))).lowercased() }
        var roles: [Column] = []
        for name in names {
            guard let column = Column(rawValue: name) else {
                fail(line, "header", "unknown column \"\(name.prefix(40))\"; expected \(Self.columns.joined(separator: ","))")
                continue
            }
            if roles.contains(column) { fail(line, "header", "column \(name) appears twice") }
            roles.append(column)
        }
        for missing in Column.allCases where !roles.contains(missing) {
            fail(line, "header", "column \(missing.rawValue) is missing")
        }
        self.roles = roles
    }

    mutating func record(_ bytes: UnsafeBufferPointer<UInt8>, roles: [Column]) {
        var record = Record()
        var field = 0
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 44 {
            guard field < roles.count else {
                return fail(line, "line", "has more than the header's \(roles.count) fields")
            }
            var range = start..<index
            if range.count >= 2, bytes[range.lowerBound] == 34, bytes[range.upperBound - 1] == 34 {
                range = (range.lowerBound + 1)..<(range.upperBound - 1)
            }
            if roles[field] == .subcategory {
                record.subcategory = range.isEmpty ? nil : range
            } else if let reason = decode(UnsafeBufferPointer(rebasing: bytes[range]), as: roles[field], into: &record) {
                fail(line, roles[field].rawValue, reason)
            }
            field += 1
            start = index + 1
        }
        guard field == roles.count else {
            return fail(line, "line", "has \(field) fields; the header has \(roles.count)")
        }
        check(&record, bytes)
    }

    /// Reads one field; the reason it is wrong, or nil.
    func decode(_ value: UnsafeBufferPointer<UInt8>, as column: Column, into record: inout Record) -> String? {
        func code(_ table: CodeTable, _ what: String) -> (Int, String?) {
            if let index = table.index(of: value) { return (index, nil) }
            return (-1, value.isEmpty ? "\(what) is empty" : "\(Self.quoted(value)) is not a known \(what)")
        }
        var reason: String?
        switch column {
        case .helpline: (record.helpline, reason) = code(codes.helplineTable, "helpline id in the directory")
        case .country: (record.country, reason) = code(codes.countryTable, "country of a helpline in the directory")
        case .date: (record.month, reason) = Self.month(of: value)
        case .contactType: (record.contactType, reason) = code(codes.contactTypeTable, "contact type")
        case .category:
            record.hasCategory = !value.isEmpty
            if record.hasCategory { (record.category, reason) = code(codes.categoryTable, "category") }
        case .subcategory: break // read with its category, in `check`
        case .online:
            guard value.count == 1, value[0] == 89 || value[0] == 78 else { return "must be Y or N" }
            record.online = value[0] == 89
        case .ageBand: (record.ageBand, reason) = code(codes.ageBandTable, "age band")
        case .gender: (record.gender, reason) = code(codes.genderTable, "gender")
        case .channel: (record.channel, reason) = code(codes.channelTable, "channel")
        }
        return reason
    }

    /// The rules between fields, then the count.
    mutating func check(_ record: inout Record, _ bytes: UnsafeBufferPointer<UInt8>) {
        if record.helpline >= 0, record.country >= 0, !codes.helplineCountries[record.helpline].contains(record.country) {
            fail(line, "country", "\(codes.countryCodes[record.country]) is not a country \(codes.helplines[record.helpline].slug) serves")
        }
        var subcategory = -1
        if let range = record.subcategory {
            let value = UnsafeBufferPointer(rebasing: bytes[range])
            if !record.hasCategory {
                fail(line, "subcategory", "a subcategory needs its category")
            } else if record.category < 0 {
                // The category's own problem is reported already.
            } else if let index = codes.subcategoryTables[record.category].index(of: value) {
                subcategory = codes.subcategoryStart[record.category] + index
            } else {
                fail(line, "subcategory", "\(Self.quoted(value)) is not a subcategory of \(codes.categories[record.category].code)")
            }
        }
        guard problems.isEmpty else { return }
        if record.category >= 0, codes.categories[record.category].isAlwaysOnline { record.online = true }
        count(record, subcategory: subcategory)
    }
}
