import Fluent
import Vapor

/// One contact belonging to a case. A contact joins at most one case, so a child's story is
/// not split across two case files that nobody reads together.
final class CaseContact: Model, @unchecked Sendable {
    static let schema = "case_contacts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var helplineCase: HelplineCase
    @Parent(key: "contact_id") var contact: Contact
    @Field(key: "linked_at") var linkedAt: Date
    /// Nil once the linker's account is removed; the link itself stays.
    @OptionalParent(key: "linked_by") var linker: Person?

    init() {}

    init(caseID: UUID, contactID: UUID, linkedBy personID: UUID?, at now: Date) {
        self.$helplineCase.id = caseID
        self.$contact.id = contactID
        self.$linker.id = personID
        self.linkedAt = now
    }
}
