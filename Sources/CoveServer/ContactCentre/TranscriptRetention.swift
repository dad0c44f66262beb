import CoveCore
import Fluent
import Vapor

/// Deletes what children wrote once a helpline's retention period has passed since the
/// conversation ended. The contact's classification stays, so statistics are not lost; the
/// nickname and any kept number go with the transcript.
struct TranscriptRetention: Sendable {
    let db: any Database

    struct Outcome: Equatable, Sendable {
        var conversations = 0
        var messages = 0
        var numbersForgotten = 0
    }

    /// A texting child's number is kept, sealed, only while replies may still have to reach
    /// them: once the conversation has ended and nothing waits to be sent, it goes, unless the
    /// helpline has chosen to keep numbers.
    private func forgetNumbers() async throws -> Int {
        let keeping = Set(try await ContactCentreSettings.query(on: db).filter(\.$storesRawIdentifiers == true).all()
            .map { $0.$helpline.id })
        let ended = try await Conversation.query(on: db).filter(\.$state == .ended)
            .filter(\.$sealedIdentifier != nil).all()
        var forgotten = 0
        for conversation in ended where !keeping.contains(conversation.$helpline.id) {
            let unsent = try await ChatMessage.query(on: db).filter(\.$conversation.$id == (try conversation.requireID()))
                .filter(\.$delivery == .pending).count()
            guard unsent == 0 else { continue }
            conversation.sealedIdentifier = nil
            try await conversation.save(on: db)
            forgotten += 1
        }
        return forgotten
    }

    func purge(at now: Date) async throws -> Outcome {
        var outcome = Outcome()
        for settings in try await ContactCentreSettings.query(on: db).all() {
            let cutoff = now.addingTimeInterval(-TimeInterval(settings.retentionDays) * 86_400)
            let expired = try await Conversation.query(on: db)
                .filter(\.$helpline.$id == settings.$helpline.id).filter(\.$state == .ended)
                .filter(\.$endedAt < cutoff).filter(\.$transcriptDeletedAt == nil).all()
            for conversation in expired {
                outcome.messages += try await purge(conversation, at: now)
                outcome.conversations += 1
            }
        }
        outcome.numbersForgotten = try await forgetNumbers()
        if outcome.conversations > 0 {
            try await AuditEvent(occurredAt: now, actorID: nil, actorLabel: "cove retention", organisationID: nil,
                                 action: "contact_centre.transcripts_deleted", recordType: "conversation", recordID: nil,
                                 detail: "conversations=\(outcome.conversations) messages=\(outcome.messages)").create(on: db)
        }
        return outcome
    }

    private func purge(_ conversation: Conversation, at now: Date) async throws -> Int {
        try await db.transaction { db in
            let messages = ChatMessage.query(on: db).filter(\.$conversation.$id == (try conversation.requireID()))
            let count = try await messages.count()
            try await messages.delete()
            conversation.sealedNickname = nil
            conversation.sealedIdentifier = nil
            conversation.transcriptDeletedAt = now
            try await conversation.save(on: db)
            return count
        }
    }
}
