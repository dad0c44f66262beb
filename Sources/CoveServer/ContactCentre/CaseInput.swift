import CoveCore
import Vapor

/// The case's change form as the browser posts it: all text, so a bad value is shown back
/// beside its field instead of failing the whole request.
struct CaseUpdateInput: Content {
    var status: String?
    var followUpOn: String?
    /// Blank keeps the current assignee; only supervisors are offered the choice.
    var assignee: String?
    var version: String?

    enum CodingKeys: String, CodingKey {
        case status, followUpOn = "follow_up_on", assignee, version
    }

    var statusValue: HelplineCase.Status? { status.nonBlank.flatMap(HelplineCase.Status.init(rawValue:)) }
    var versionValue: Int? { version.nonBlank.flatMap { Int($0) } }
    var assigneeID: UUID? { assignee.nonBlank.flatMap(UUID.init(uuidString:)) }

    /// The day as stored ("2026-10-02"), or nil when the field was emptied.
    var followUpDay: String? { followUpOn.nonBlank.flatMap { try? LocalDate($0) }?.description }

    /// Each refused field with the catalogue key that explains why. `openedOn` is the case's first
    /// day at its helpline: a follow-up before it is a typing mistake.
    func problems(openedOn: String) -> [String: String] {
        var problems: [String: String] = [:]
        if statusValue == nil { problems["status"] = "case.error_status" }
        if let text = followUpOn.nonBlank {
            if let day = try? LocalDate(text) {
                if day.description < openedOn { problems["follow_up_on"] = "case.error_follow_up_early" }
            } else {
                problems["follow_up_on"] = "case.error_follow_up_date"
            }
        }
        return problems
    }
}

/// A note or referral as posted.
struct CaseNoteInput: Content {
    var body: String?
    var kind: String?

    var kindValue: CaseNote.Kind? { kind.nonBlank.flatMap(CaseNote.Kind.init(rawValue:)) }

    var problems: [String: String] {
        var problems: [String: String] = [:]
        if let text = body.nonBlank {
            if text.count > CaseNote.maximumBodyLength { problems["body"] = "case.error_body_too_long" }
        } else {
            problems["body"] = "case.error_body_required"
        }
        if kindValue == nil { problems["kind"] = "case.error_kind" }
        return problems
    }
}

/// A contact to link, named by its id.
struct CaseLinkInput: Content {
    var contact: String?

    /// The id, also when the counsellor pasted the contact form's whole address.
    var contactID: UUID? {
        guard let text = contact.nonBlank else { return nil }
        let path = text.split(separator: "?", maxSplits: 1).first ?? ""
        return path.split(separator: "/").last.flatMap { UUID(uuidString: String($0)) }
    }
}
