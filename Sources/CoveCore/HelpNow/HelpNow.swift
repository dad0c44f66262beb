import Foundation

/// Answers "who can I talk to right now?" for one child, from the directory's listings.
///
/// Rules, applied in this order; `HelpNowOrderingTests` and `HelpNowCoverageTests` check each one.
///
/// 1. **Filtering.** Defunct listings are left out, and so are listings with no contact point
///    (nothing to dial or open). A listing whose age range excludes the child's age is left out;
///    an unknown age keeps every listing. A temporarily closed listing stays, as closed with no
///    next opening. The topic never removes anything: inside each group below, listings naming
///    the requested topic come first.
/// 2. **National, open now.** National helplines covering the country whose main channels are
///    open now (see *Status*): first those answering in the child's language, matched by primary
///    subtag (`national-open-language-match`), then the others (`national-open`).
/// 3. **National, hours unknown** (`national-hours-unknown`): after the open ones, because an open
///    line certainly answers; before the closed ones, because these may.
/// 4. **National, closed now** (`national-closed`): soonest next opening first, no known opening
///    last (temporarily closed lines among them). The server shows that instant on the child's clock.
/// 5. **Other channels open now** (`other-channel-open`): for each national helpline not in group 2,
///    its chat, SMS, WhatsApp or app channels open now, as an entry of their own, so a child finds
///    the evening chat while the phones are shut. A helpline open now lists them in its group-2
///    entry instead, so no helpline is offered twice as open.
/// 6. **Regional, then international** services covering the country, or every country
///    (`regional`, `international`): open first, then hours unknown, then closed by next opening.
/// 7. **Nearby countries** (`nearby-country`), only when no active national helpline covers the
///    country (`hasNationalHelpline` is false): national helplines of the `nearby` countries that
///    are open now, in the child's language first, then in the order `nearby` gives. Harmonised
///    numbers are left off: 116 111 dialled in one country never reaches another country's line.
///    An entry left with no channel is dropped.
/// 8. **Emergency**, always last (`emergency`): one entry with the numbers passed in, which must be
///    the country's own. None is ever added or borrowed from another country; with none known,
///    there is no entry.
///
/// Ties inside a group go to lines in the child's language (groups 3 to 7), then to entries with a
/// free-of-charge channel, then to those with a harmonised number, then by name.
///
/// **Status.** A contact point follows its own schedule when it has one, else its listing's; with
/// neither, its hours are unknown. A helpline's main channels are its voice lines, or all its
/// channels when it has none. It is open when a main channel is open, else of unknown hours when
/// one is, else closed until the soonest of their next openings. An open entry lists the channels
/// open now; a closed or unknown one lists the rest. Regional, international and nearby services
/// get a single entry each, so there any open channel makes the entry open.
public enum HelpNow {
    public static func answer(for request: HelpRequest, listings: [HelplineListing], emergencyNumbers: [String],
                              nearby: [String]) -> HelpAnswer {
        // Only listings for the child's country or a neighbour can appear; working out the hours of
        // the rest of the directory would be most of the cost of an answer.
        let neighbours = nearby.map { $0.uppercased() }
        let usable = listings
            .filter { $0.status != .defunct && !$0.contactPoints.isEmpty && $0.accepts(age: request.age) }
            .filter { $0.covers(request.country) || neighbours.contains(where: $0.covers) }
            .map { Assessment($0, for: request) }
        let national = usable.filter { $0.listing.scope == .national && $0.listing.covers(request.country) }
        // A temporarily closed line cannot be reached at all, so it does not spare the child the neighbours'.
        let hasNationalHelpline = national.contains { $0.listing.status == .active }
        var groups = nationalGroups(national)
        groups.append(otherChannels(of: national))
        groups.append(wider(.regional, from: usable, for: request))
        groups.append(wider(.international, from: usable, for: request))
        if !hasNationalHelpline {
            groups.append(nearbyCountries(nearby, from: usable, for: request))
        }
        let numbers = distinct(emergencyNumbers)
        let emergency = numbers.isEmpty ? [] : [emergencyEntry(numbers)]
        return HelpAnswer(entries: groups.flatMap { $0 } + emergency, hasNationalHelpline: hasNationalHelpline,
                          emergencyNumbers: numbers)
    }

    // MARK: - Groups

    static func nationalGroups(_ national: [Assessment]) -> [[HelpEntry]] {
        let open = national.filter { $0.mainStatus.isOpen }
        let unknown = national.filter { $0.mainStatus == .hoursUnknown }
        let closed = national.filter { $0.mainStatus.isClosed }
        let preference: [SortKey] = [.topic, .freeOfCharge, .harmonised]
        return [
            ordered(open.filter(\.speaksLanguage).map { $0.mainCandidate(.nationalOpenLanguageMatch) }, by: preference),
            ordered(open.filter { !$0.speaksLanguage }.map { $0.mainCandidate(.nationalOpen) }, by: preference),
            ordered(unknown.map { $0.mainCandidate(.nationalHoursUnknown) },
                    by: [.topic, .language, .freeOfCharge, .harmonised]),
            ordered(closed.map { $0.mainCandidate(.nationalClosed) },
                    by: [.topic, .nextOpening, .language, .freeOfCharge, .harmonised]),
        ]
    }

    static func otherChannels(of national: [Assessment]) -> [HelpEntry] {
        let candidates = national.filter { !$0.meanwhile.isEmpty }.map { assessment in
            let open = assessment.meanwhile
            return assessment.candidate(.otherChannelOpen, showing: open, status: combined(open.map(\.status)))
        }
        return ordered(candidates, by: [.topic, .language, .freeOfCharge, .harmonised])
    }

    static func wider(_ scope: HelplineListing.Scope, from usable: [Assessment], for request: HelpRequest) -> [HelpEntry] {
        let reason: HelpReason = scope == .regional ? .regional : .international
        let covering = usable.filter { $0.listing.scope == scope && $0.listing.covers(request.country) }
        let candidates = covering.map { assessment in
            let status = assessment.overallStatus
            let shown = status.isOpen ? assessment.points.filter(\.status.isOpen) : assessment.points
            return assessment.candidate(reason, showing: shown, status: status)
        }
        return ordered(candidates, by: [.topic, .status, .nextOpening, .language, .freeOfCharge, .harmonised])
    }

    static func nearbyCountries(_ nearby: [String], from usable: [Assessment], for request: HelpRequest) -> [HelpEntry] {
        let neighbours = distinct(nearby.map { $0.uppercased() }).filter { $0 != request.country.uppercased() }
        let candidates = usable.compactMap { assessment -> Candidate? in
            let listing = assessment.listing
            guard listing.scope == .national, !listing.covers(request.country),
                  let nearness = neighbours.firstIndex(where: listing.covers) else { return nil }
            let reachable = assessment.points.filter { $0.status.isOpen && !$0.point.isHarmonised }
            guard !reachable.isEmpty else { return nil }
            return assessment.candidate(.nearbyCountry, showing: reachable, status: combined(reachable.map(\.status)),
                                        nearness: nearness)
        }
        return ordered(candidates, by: [.topic, .language, .nearness, .freeOfCharge, .harmonised])
    }

    /// Emergency services answer around the clock by definition, so the entry is open with no closing time.
    static func emergencyEntry(_ numbers: [String]) -> HelpEntry {
        HelpEntry(listingID: nil, name: nil, contactPoints: numbers.map { ContactPoint(channel: .voice, address: $0) },
                  status: .openNow(until: nil), reason: .emergency)
    }

    /// The first of each, in the order given: the caller's order is its preference.
    static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
