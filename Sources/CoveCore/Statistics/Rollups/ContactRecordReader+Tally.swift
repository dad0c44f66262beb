import Foundation

extension ContactRecordReader {
    /// Adds a checked record to the slots of its helpline, country and month: once under its
    /// contact type and once under all types.
    mutating func count(_ record: Record, subcategory: Int) {
        let key = UInt64(record.helpline) << 40 | UInt64(record.country) << 24 | UInt64(record.month)
        let block: Int
        if let known = blocks[key] {
            block = known
        } else {
            block = counts.count
            blocks[key] = block
            counts.append(contentsOf: repeatElement(0, count: codes.slotsPerBlock))
        }
        let slots = codes.slotsPerType
        add(record, subcategory: subcategory, at: block + record.contactType * slots)
        add(record, subcategory: subcategory, at: block + codes.contactTypes.count * slots)
        records += 1
    }

    private mutating func add(_ record: Record, subcategory: Int, at base: Int) {
        counts[base] += 1
        counts[base + codes.onlineSlot + (record.online ? 0 : 1)] += 1
        counts[base + codes.ageBandSlot + record.ageBand] += 1
        counts[base + codes.genderSlot + record.gender] += 1
        counts[base + codes.channelSlot + record.channel] += 1
        if record.category >= 0 { counts[base + codes.categorySlot + record.category] += 1 }
        if subcategory >= 0 { counts[base + codes.subcategorySlot + subcategory] += 1 }
    }

    func tally() -> Tally {
        var margins: [ContactMargin: Int] = [:]
        var months: Set<String> = []
        for (key, block) in blocks {
            let helpline = codes.helplines[Int(key >> 40)]
            let country = codes.countryCodes[Int(key >> 24 & 0xFFFF)]
            let month = Self.monthText(Int(key & 0xFF_FFFF))
            months.insert(month)
            for slot in 0..<codes.slotsPerBlock where counts[block + slot] > 0 {
                let (contactType, dimension, code) = codes.describe(slot: slot)
                let margin = ContactMargin(helplineID: helpline.id, country: country, month: month, contactType: contactType,
                                           dimension: dimension, code: code, taxonomyVersion: codes.taxonomyVersion)
                margins[margin, default: 0] += counts[block + slot]
            }
        }
        return Tally(records: records, margins: margins, months: months.sorted())
    }

    /// The month of a date written 2025-03-14, as year × 12 + month − 1; or why it is not a date.
    static func month(of value: UnsafeBufferPointer<UInt8>) -> (Int, String?) {
        let wrong = "\(quoted(value)) is not a date written like 2025-03-14"
        guard value.count == 10, value[4] == 45, value[7] == 45 else { return (-1, wrong) }
        func number(_ range: Range<Int>) -> Int? {
            var result = 0
            for index in range {
                guard (48...57).contains(value[index]) else { return nil }
                result = result * 10 + Int(value[index] - 48)
            }
            return result
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), year >= 1900,
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return (-1, wrong) }
        return (year * 12 + month - 1, nil)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func monthText(_ index: Int) -> String {
        String(format: "%04d-%02d", index / 12, index % 12 + 1)
    }
}
