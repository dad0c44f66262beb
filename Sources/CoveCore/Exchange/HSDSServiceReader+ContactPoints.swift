import Foundation

extension HSDSServiceReader {
    /// A contact point read from the file, with the HSDS id schedules use to name it.
    struct ReadPoint {
        var point: DirectoryContactPoint
        let id: String?
    }

    /// Phones, then the channels HSDS has no object for, grouped by channel in the order the plain
    /// CSV lists them, so a record read back from either format is the same.
    mutating func contactPoints(_ facts: [Fact]) -> [ReadPoint] {
        var points: [ReadPoint] = []
        for (phone, at) in objects(service, "phones", at: path) {
            if let point = phonePoint(phone, at: at) { points.append(point) }
        }
        let listed = facts.filter { $0.term.channel != nil }
        for fact in listed {
            if let point = listedPoint(fact.term.channel!, fact.value, at: fact.path, id: fact.id) { points.append(point) }
        }
        // Cove's email attributes are authoritative; `email` alone is read from other publishers.
        if !listed.contains(where: { $0.term == .email }), let email = string(service, "email", at: path),
           let point = listedPoint(.email, email, at: "\(path).email", id: nil) {
            points.append(point)
        }
        let order = ContactPoint.Channel.allCases
        return points.enumerated().sorted { first, second in
            let ranks = (order.firstIndex(of: first.element.point.channel)!, order.firstIndex(of: second.element.point.channel)!)
            return ranks.0 != ranks.1 ? ranks.0 < ranks.1 : first.offset < second.offset
        }.map(\.element)
    }

    /// HSDS phone types Cove reads: a phone without a type is for calling.
    private mutating func phoneChannel(_ phone: [String: HSDSValue], at phonePath: String) -> ContactPoint.Channel? {
        if phone["type"] == nil || phone["type"] == .null { return .voice }
        guard let type = string(phone, "type", at: phonePath) else { return nil }
        switch type {
        case "voice": return .voice
        case "text": return .sms
        default:
            problem("\(phonePath).type", "\"\(type)\" is not a phone type Cove keeps: voice (calls) or text (SMS)")
            return nil
        }
    }

    /// A voice or SMS number with its facts, checked by the CSV's `voice_*` rules; an SMS number
    /// borrows a stand-in voice number so that its facts get the same checks.
    private mutating func phonePoint(_ phone: [String: HSDSValue], at phonePath: String) -> ReadPoint? {
        let id = string(phone, "id", at: phonePath)
        let number = requiredString(phone, "number", at: phonePath)
        let channel = phoneChannel(phone, at: phonePath)
        let facts = self.facts(of: phone, at: phonePath, holder: .phone)
        guard let number, let channel, channel == .voice || isSingleItem(number, at: "\(phonePath).number") else {
            id.map { _ = unreadableContactIDs.insert($0) }
            return nil
        }
        let column = channel == .voice ? "voice" : "sms"
        // A stand-in voice number, replaced by the phone's own when it is one.
        var values = ["voice": "116"]
        values[column] = number
        var origins = [column: "\(phonePath).number"]
        for (term, factColumn) in [(HSDSTerm.e164, "voice_e164"), (.free, "voice_free"), (.harmonisation, "voice_harmonised")] {
            guard let fact = facts.first(where: { $0.term == term }) else { continue }
            values[factColumn] = fact.value
            origins[factColumn] = fact.path
        }
        guard let read = standInRecord(values, origins: origins, fallback: phonePath)?.contactPoints,
              let voice = read.first(where: { $0.channel == .voice }),
              var point = read.first(where: { $0.channel == channel }) else {
            id.map { _ = unreadableContactIDs.insert($0) }
            return nil
        }
        (point.e164, point.isFree, point.harmonisation) = (voice.e164, voice.isFree, voice.harmonisation)
        return ReadPoint(point: point, id: id)
    }

    /// A web chat, WhatsApp, email or app address, checked by the CSV's rule for its column.
    private mutating func listedPoint(_ channel: ContactPoint.Channel, _ address: String, at addressPath: String,
                                      id: String?) -> ReadPoint? {
        guard let column = DirectoryCSV.listedChannels.first(where: { $0.channel == channel })?.column,
              isSingleItem(address, at: addressPath),
              let point = standInRecord([column: address], origins: [column: addressPath], fallback: addressPath)?
                  .contactPoints.first(where: { $0.channel == channel })
        else {
            id.map { _ = unreadableContactIDs.insert($0) }
            return nil
        }
        return ReadPoint(point: point, id: id)
    }
}
