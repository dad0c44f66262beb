import Fluent
import Vapor

/// The audit log as other capabilities use it: record who read or changed a sensitive record.
/// It stores identifiers and short codes only, never what a child or counsellor wrote.
struct AuditLog: Sendable {
    let request: Request

    struct Entry: Sendable {
        var action: String
        var recordType: String? = nil
        var recordID: String? = nil
        var detail: String? = nil
        /// Who acted, when not the signed-in person (e.g. a failed sign-in names the account).
        var actor: Person? = nil
    }

    func record(_ entry: Entry) async throws {
        let actor = entry.actor ?? request.signInState.person
        let event = AuditEvent(
            occurredAt: request.now, actorID: actor?.id, actorLabel: actor?.email,
            organisationID: actor?.$organisation.id, action: entry.action,
            recordType: entry.recordType, recordID: entry.recordID, detail: entry.detail)
        try await event.create(on: request.db)
    }

    func record(_ action: String, _ recordType: String? = nil, id recordID: UUID? = nil, detail: String? = nil,
                actor: Person? = nil) async throws {
        try await record(Entry(action: action, recordType: recordType, recordID: recordID?.uuidString,
                               detail: detail, actor: actor))
    }
}

extension AuditLog {
    /// For work done outside a page request (a chat socket, a job), by a known person or by Cove.
    static func record(_ action: String, on db: any Database, at now: Date, actorID: UUID?, recordType: String,
                       recordID: UUID, detail: String? = nil) async throws {
        let actor = try await actorID.asyncMap { try await Person.find($0, on: db) } ?? nil
        try await AuditEvent(occurredAt: now, actorID: actorID, actorLabel: actor?.email ?? (actorID == nil ? "cove" : nil),
                             organisationID: actor?.$organisation.id, action: action, recordType: recordType,
                             recordID: recordID.uuidString, detail: detail).create(on: db)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

extension Request {
    var audit: AuditLog { AuditLog(request: self) }
}
