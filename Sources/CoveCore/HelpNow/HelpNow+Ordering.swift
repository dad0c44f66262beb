import Foundation

extension HelpNow {
    /// A contact point with its status at the request's instant.
    typealias ChannelNow = (point: ContactPoint, status: HelpEntry.Status)

    /// A listing as it stands at the request's instant, for one child.
    struct Assessment {
        let listing: HelplineListing
        /// Every contact point with its status now, in the listing's order.
        let points: [ChannelNow]
        let speaksLanguage: Bool
        let namesTopic: Bool
        /// Voice lines decide whether a helpline is open: "talk to" means a person answering the phone,
        /// and a chat open while the phones are shut gets its own entry. Without a voice line, every channel decides.
        let mainStatus: HelpEntry.Status
        /// Open whenever any channel is, for services that get a single entry.
        let overallStatus: HelpEntry.Status

        init(_ listing: HelplineListing, for request: HelpRequest) {
            // Most channels share the listing's hours; work those out once.
            let shared = listing.schedule.map { HelpEntry.Status($0.status(at: request.at)) } ?? .hoursUnknown
            points = listing.contactPoints.map { point in
                guard listing.status == .active else { return (point, .closedNow(nextOpening: nil)) }
                return (point, point.schedule.map { HelpEntry.Status($0.status(at: request.at)) } ?? shared)
            }
            self.listing = listing
            speaksLanguage = listing.speaks(request.language)
            namesTopic = listing.names(topic: request.topic)
            let voice = points.filter { $0.point.channel == .voice }
            mainStatus = combined((voice.isEmpty ? points : voice).map(\.status))
            overallStatus = combined(points.map(\.status))
        }

        /// Channels to use while the main ones are shut: conversational ones open now.
        var meanwhile: [ChannelNow] {
            guard !mainStatus.isOpen else { return [] }
            return points.filter(Self.isMeanwhile)
        }

        private static func isMeanwhile(_ channel: ChannelNow) -> Bool {
            channel.status.isOpen && channel.point.channel != .voice && channel.point.channel.isConversational
        }

        /// The helpline's own entry: its open channels when open, else the ones `meanwhile` does not take.
        func mainCandidate(_ reason: HelpReason) -> Candidate {
            let status = mainStatus
            let shown = status.isOpen ? points.filter(\.status.isOpen) : points.filter { !Self.isMeanwhile($0) }
            return candidate(reason, showing: shown, status: status)
        }

        /// An entry for this listing showing some of its channels, ready to be ordered.
        func candidate(_ reason: HelpReason, showing shown: [ChannelNow], status: HelpEntry.Status,
                       nearness: Int = 0) -> Candidate {
            let entry = HelpEntry(listingID: listing.id, name: listing.name, contactPoints: shown.map(\.point),
                                  status: status, reason: reason)
            return Candidate(entry: entry, assessment: self, nearness: nearness)
        }
    }

    /// Several channels' statuses as one: open if any is open (until the last closes), else unknown if
    /// any is unknown, else closed until the first opens.
    static func combined(_ statuses: [HelpEntry.Status]) -> HelpEntry.Status {
        var isOpen = false, hasUnknown = false
        var closes: [Date?] = [], opens: [Date] = []
        for status in statuses {
            switch status {
            case .openNow(let until): isOpen = true; closes.append(until)
            case .hoursUnknown: hasUnknown = true
            case .closedNow(let next): if let next { opens.append(next) }
            }
        }
        if isOpen {
            // A channel open past the look-ahead keeps the whole entry open past it.
            return .openNow(until: closes.contains(nil) ? nil : closes.compactMap { $0 }.max())
        }
        return hasUnknown ? .hoursUnknown : .closedNow(nextOpening: opens.min())
    }

    /// An entry waiting to be ordered, with what its listing offers this child.
    struct Candidate {
        let entry: HelpEntry
        let assessment: Assessment
        /// Position of the listing's country in the caller's `nearby` list.
        var nearness = 0

        func value(of key: SortKey) -> Double {
            switch key {
            case .topic: assessment.namesTopic ? 0 : 1
            case .language: assessment.speaksLanguage ? 0 : 1
            case .status: Double(entry.status.rank)
            case .nextOpening: Self.nextOpeningValue(entry.status)
            case .freeOfCharge: entry.contactPoints.contains { $0.isFree == true } ? 0 : 1
            case .harmonised: entry.contactPoints.contains(where: \.isHarmonised) ? 0 : 1
            case .nearness: Double(nearness)
            }
        }

        /// Sooner first; a closed line with no known opening after every one with one.
        private static func nextOpeningValue(_ status: HelpEntry.Status) -> Double {
            guard case .closedNow(let next) = status else { return -.infinity }
            return next?.timeIntervalSinceReferenceDate ?? .infinity
        }
    }

    /// What entries in a group are ordered by, lowest value first.
    enum SortKey {
        case topic, language, status, nextOpening, freeOfCharge, harmonised, nearness
    }

    /// Orders by each key in turn, the first difference deciding; name, then listing id, settles the
    /// rest so the answer never depends on the order listings came out of the database.
    static func ordered(_ candidates: [Candidate], by keys: [SortKey]) -> [HelpEntry] {
        candidates
            .map { candidate in (candidate.entry, keys.map(candidate.value(of:))) }
            .sorted { lhs, rhs in
                if lhs.1 != rhs.1 { return lhs.1.lexicographicallyPrecedes(rhs.1) }
                let left = ((lhs.0.name ?? "").lowercased(), lhs.0.listingID ?? "")
                let right = ((rhs.0.name ?? "").lowercased(), rhs.0.listingID ?? "")
                return left < right
            }
            .map(\.0)
    }
}

extension HelpEntry.Status {
    var isClosed: Bool {
        if case .closedNow = self { true } else { false }
    }

    /// The order groups present statuses in: open, then hours unknown, then closed.
    var rank: Int {
        switch self {
        case .openNow: 0
        case .hoursUnknown: 1
        case .closedNow: 2
        }
    }
}
