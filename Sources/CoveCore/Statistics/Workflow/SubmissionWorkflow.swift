/// Where a submission of statistics stands on its way to publication, as DHIS2's data approval
/// runs it: the country reports, its ITU-D regional office checks, and only then is it public.
public enum SubmissionStatus: String, CaseIterable, Codable, Sendable {
    /// Stored and valid, seen only by the organisation that uploaded it.
    case draft
    /// Sent to the regional office for approval.
    case submitted
    /// Sent back with a reason; the submitter uploads a corrected version.
    case returned
    /// Approved by the regional office, waiting to be published.
    case approved
    /// Public, after disclosure control.
    case published
    /// A later version of the same submission was published in its place.
    case superseded

    public var catalogueKey: String { "statistics.status_\(rawValue)" }
}

/// What can be done to a submission, each by its own side of the workflow.
public enum SubmissionAction: String, CaseIterable, Codable, Sendable {
    case submit
    case `return`
    case approve
    case publish

    /// The status the action leads to, from the statuses it may start in.
    public var transition: (from: Set<SubmissionStatus>, to: SubmissionStatus) {
        switch self {
        case .submit: ([.draft], .submitted)
        // An approved submission can still be sent back until it is published.
        case .return: ([.submitted, .approved], .returned)
        case .approve: ([.submitted], .approved)
        case .publish: ([.approved], .published)
        }
    }

    public var needsReason: Bool { self == .return }

    public var catalogueKey: String { "statistics.action_\(rawValue)" }
}

/// Who is acting, as far as the workflow cares: their roles and their organisation's place.
public struct SubmissionActor: Sendable, Equatable {
    public var roles: Set<Role>
    public var organisationID: String
    public var country: String?
    public var region: ITURegion?

    public init(roles: Set<Role>, organisationID: String, country: String? = nil, region: ITURegion? = nil) {
        self.roles = roles
        self.organisationID = organisationID
        self.country = country
        self.region = region
    }
}

/// The rules of the approval workflow, kept apart from storage so each can be tested alone.
public enum SubmissionWorkflow {
    /// Roles that report statistics for their own country.
    public static let reporters: Set<Role> = [.nationalFocalPoint, .helplineAdministrator]

    /// May `actor` upload a submission (or a correction) for `country`? Only for their own country:
    /// a ministry reports for its state, a helpline for the country it serves.
    public static func mayUpload(_ actor: SubmissionActor, for country: String) -> Bool {
        !actor.roles.isDisjoint(with: reporters) && actor.country == country
    }

    /// May `actor` see a submission made by `organisationID` for a country in `region`? Drafts stay
    /// with their organisation; the region's office sees the rest; the secretariat sees all but drafts.
    public static func maySee(_ actor: SubmissionActor, organisationID: String?, region: ITURegion?,
                              status: SubmissionStatus) -> Bool {
        if let organisationID, organisationID == actor.organisationID, !actor.roles.isDisjoint(with: reporters) {
            return true
        }
        guard status != .draft else { return false }
        return actor.roles.contains(.secretariat) || (actor.roles.contains(.regionalOfficer) && actor.region == region)
    }

    /// May `actor` take `action` on a submission in `status`, made by `organisationID` for a
    /// country of `region`? Nil when allowed, otherwise why not.
    public static func refusal(of action: SubmissionAction, by actor: SubmissionActor, status: SubmissionStatus,
                               organisationID: String?, region: ITURegion?) -> Refusal? {
        guard action.transition.from.contains(status) else { return .wrongStatus(status) }
        switch action {
        case .submit:
            guard organisationID == actor.organisationID, !actor.roles.isDisjoint(with: reporters) else {
                return .notYours
            }
        case .return, .approve, .publish:
            // The regional office of the country's region decides; nobody approves their own figures.
            guard actor.roles.contains(.regionalOfficer), region != nil, actor.region == region else {
                return .notYourRegion
            }
        }
        return nil
    }

    public enum Refusal: Equatable, Sendable {
        case wrongStatus(SubmissionStatus)
        case notYours
        case notYourRegion

        public var catalogueKey: String {
            switch self {
            case .wrongStatus: "statistics.refused_status"
            case .notYours: "statistics.refused_not_yours"
            case .notYourRegion: "statistics.refused_region"
            }
        }
    }
}
