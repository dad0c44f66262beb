import Foundation

extension DirectoryFields {
    /// The voice number from the `voice_*` fields, then every listed channel's addresses, each with
    /// its hours from `channel_hours`.
    mutating func contactPoints(zone: String?, exceptions: [ScheduleException] = []) -> [DirectoryContactPoint] {
        var points: [DirectoryContactPoint] = []
        if let voice = voicePoint() { points.append(voice) }
        for (field, channel) in DirectoryCSV.listedChannels {
            for address in list(field) where isAddress(address, of: channel, field: field) {
                points.append(DirectoryContactPoint(channel: channel, address: address))
            }
        }
        let hours = channelHours(zone: zone, exceptions: exceptions)
        for (channel, schedule) in hours {
            guard points.contains(where: { $0.channel == channel }) else {
                problem("channel_hours", "hours for \(channel.rawValue), which has no address in this row")
                continue
            }
            for index in points.indices where points[index].channel == channel {
                points[index].schedule = schedule
            }
        }
        return points
    }

    private mutating func voicePoint() -> DirectoryContactPoint? {
        let e164 = optional("voice_e164")
        guard let number = optional("voice") else {
            for field in ["voice_e164", "voice_free", "voice_harmonised"] where optional(field) != nil {
                problem(field, "given without a voice number")
            }
            return nil
        }
        guard isDialString(number) else {
            problem("voice", "\"\(number)\" is not a number to dial: digits, spaces, hyphens, dots, brackets and a leading +")
            return nil
        }
        if let e164, !(e164.first == "+" && e164.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber })
                       && (8...16).contains(e164.count)) {
            problem("voice_e164", "\"\(e164)\" is not an E.164 number: + and 7 to 15 digits; leave it empty for short codes")
        }
        return DirectoryContactPoint(channel: .voice, address: number, e164: e164, isFree: yesNo("voice_free"),
                                     harmonisation: harmonisation())
    }

    private mutating func yesNo(_ field: String) -> Bool? {
        switch optional(field)?.lowercased() {
        case nil: return nil
        case "yes": return true
        case "no": return false
        case let other?:
            problem(field, "\"\(other)\" is not yes or no; leave it empty when unknown")
            return nil
        }
    }

    private mutating func harmonisation() -> Harmonisation? {
        guard let text = optional("voice_harmonised") else { return nil }
        guard let kind = Harmonisation(rawValue: text) else {
            problem("voice_harmonised", "\"\(text)\" is not one of \(Harmonisation.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return kind
    }

    private mutating func channelHours(zone: String?, exceptions: [ScheduleException]) -> [(ContactPoint.Channel, OpeningSchedule)] {
        var result: [(ContactPoint.Channel, OpeningSchedule)] = []
        for pair in (optional("channel_hours") ?? "").components(separatedBy: "|") where !pair.allSatisfy(\.isWhitespace) {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let channel = ContactPoint.Channel(rawValue: parts[0]) else {
                let channels = ContactPoint.Channel.allCases.map(\.rawValue).joined(separator: ", ")
                problem("channel_hours", "\"\(pair.trimmingCharacters(in: .whitespaces))\" is not channel=hours with a channel of \(channels)")
                continue
            }
            if result.contains(where: { $0.0 == channel }) {
                problem("channel_hours", "\(channel.rawValue) has hours twice")
            } else if let schedule = hours(parts[1], field: "channel_hours", zone: zone, exceptions: exceptions) {
                result.append((channel, schedule))
            }
        }
        return result
    }

    private mutating func isAddress(_ address: String, of channel: ContactPoint.Channel, field: String) -> Bool {
        switch channel {
        case .email:
            guard EmailAddress.isPlausible(address) else {
                problem(field, "\"\(address)\" is not an email address")
                return false
            }
            return true
        case .webChat, .app:
            return url(field, address) != nil
        case .sms, .whatsApp:
            // A number, or a link such as https://wa.me/… that opens the conversation.
            if isDialString(address) { return true }
            return url(field, address) != nil
        case .voice:
            return isDialString(address)
        }
    }

    private func isDialString(_ text: String) -> Bool {
        let digits = text.filter { $0.isASCII && $0.isNumber }
        let allowed = text.allSatisfy { ($0.isASCII && $0.isNumber) || " -.()".contains($0) }
            || (text.first == "+" && text.dropFirst().allSatisfy { ($0.isASCII && $0.isNumber) || " -.()".contains($0) })
        return allowed && (2...20).contains(digits.count)
    }
}
