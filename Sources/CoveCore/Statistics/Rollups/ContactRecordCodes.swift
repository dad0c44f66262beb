import Foundation

/// What a contact-record file's codes may be, and where each code's count sits among the margins of
/// one helpline, country and month: per contact type and for all of them, one slot each for the
/// total, the online mark, every age band, gender, channel, category and subcategory.
struct ContactRecordCodes: Sendable {
    let helplines: [ContactRecordReader.Helpline]
    let helplineTable: CodeTable
    let countryCodes: [String]
    let countryTable: CodeTable
    /// Per helpline, the indexes of the countries it serves.
    let helplineCountries: [Set<Int>]
    let contactTypes: [String]
    let contactTypeTable: CodeTable
    let categories: [Taxonomy.Category]
    let categoryTable: CodeTable
    /// Per category, its subcategories at any depth, and the first slot they take.
    let subcategoryTables: [CodeTable]
    let subcategoryCodes: [[String]]
    let ageBands: [String]
    let ageBandTable: CodeTable
    let genders: [String]
    let genderTable: CodeTable
    let channels: [String]
    let channelTable: CodeTable
    let taxonomyVersion: String

    init(taxonomy: Taxonomy, helplines: [ContactRecordReader.Helpline]) {
        self.helplines = helplines
        helplineTable = CodeTable(helplines.map(\.slug))
        countryCodes = Array(Set(helplines.flatMap(\.countries))).sorted()
        countryTable = CodeTable(countryCodes)
        let countryIndex = Dictionary(uniqueKeysWithValues: countryCodes.enumerated().map { ($1, $0) })
        helplineCountries = helplines.map { Set($0.countries.compactMap { countryIndex[$0] }) }
        contactTypes = taxonomy.contactTypes.map(\.code)
        contactTypeTable = CodeTable(contactTypes)
        categories = taxonomy.categories
        categoryTable = CodeTable(categories.map(\.code))
        subcategoryCodes = categories.map { $0.allSubcategories.map(\.code) }
        subcategoryTables = subcategoryCodes.map(CodeTable.init)
        ageBands = taxonomy.ageBands.map(\.code)
        ageBandTable = CodeTable(ageBands)
        genders = taxonomy.genders.map(\.code)
        genderTable = CodeTable(genders)
        channels = taxonomy.channels.map(\.code)
        channelTable = CodeTable(channels)
        taxonomyVersion = taxonomy.version
        var start = 0
        var starts: [Int] = []
        for codes in subcategoryCodes {
            starts.append(start)
            start += codes.count
        }
        subcategoryStart = starts
    }

    // Slot offsets within one contact type's run of slots.
    var onlineSlot: Int { 1 }
    var ageBandSlot: Int { 3 }
    var genderSlot: Int { ageBandSlot + ageBands.count }
    var channelSlot: Int { genderSlot + genders.count }
    var categorySlot: Int { channelSlot + channels.count }
    var subcategorySlot: Int { categorySlot + categories.count }
    let subcategoryStart: [Int]
    var slotsPerType: Int { subcategorySlot + subcategoryCodes.reduce(0) { $0 + $1.count } }
    /// Every contact type's run, then the run for all types.
    var slotsPerBlock: Int { slotsPerType * (contactTypes.count + 1) }

    /// What a slot counts, for turning the counts back into margins.
    func describe(slot: Int) -> (contactType: String, dimension: ContactMargin.Dimension, code: String) {
        let type = slot / slotsPerType
        let contactType = type < contactTypes.count ? contactTypes[type] : ContactMargin.total
        let offset = slot % slotsPerType
        switch offset {
        case 0: return (contactType, .total, ContactMargin.total)
        case onlineSlot: return (contactType, .online, "Y")
        case onlineSlot + 1: return (contactType, .online, "N")
        case ..<genderSlot: return (contactType, .ageBand, ageBands[offset - ageBandSlot])
        case ..<channelSlot: return (contactType, .gender, genders[offset - genderSlot])
        case ..<categorySlot: return (contactType, .channel, channels[offset - channelSlot])
        case ..<subcategorySlot: return (contactType, .category, categories[offset - categorySlot].code)
        default:
            let index = offset - subcategorySlot
            let category = subcategoryStart.lastIndex { $0 <= index } ?? 0
            let code = subcategoryCodes[category][index - subcategoryStart[category]]
            return (contactType, .subcategory, ContactMargin.subcategoryCode(category: categories[category].code,
                                                                               subcategory: code))
        }
    }
}
