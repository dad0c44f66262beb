import CoveCore
import Fluent
import Vapor

extension RoutingService {
    /// One counsellor's board, and what the console needs to keep up with the chats it holds.
    struct ConsoleView: Sendable {
        var board: ConsoleBoard
        /// Held cards' fixed parts, to pass back next time so they are not read again.
        var extras: [UUID: ConsoleBoard.HeldCard.Extras]
        /// The last message sequence of each held chat.
        var lastSequences: [UUID: Int]
    }

    /// The board from the snapshot of the latest routing change.
    func consoleView(for counsellorID: UUID, knowing known: [UUID: ConsoleBoard.HeldCard.Extras] = [:]) async throws -> ConsoleView {
        let db = self.db
        let snapshot = try await consoleSnapshots.value(atLeast: hub.routingGeneration) { try await ConsoleSnapshot.load(on: db) }
        let me = snapshot.counsellors[counsellorID]
        let held = snapshot.held[counsellorID] ?? []
        var extras: [UUID: ConsoleBoard.HeldCard.Extras] = [:]
        for conversation in held {
            if let kept = known[conversation.id] {
                extras[conversation.id] = kept
            } else {
                extras[conversation.id] = try await self.extras(of: conversation)
            }
        }
        let queue = me.flatMap { snapshot.queues[$0.organisationID] } ?? ConsoleSnapshot.Queue()
        let board = ConsoleBoard(
            status: me?.status.rawValue ?? "away", capacity: me?.capacity ?? 0,
            offers: snapshot.offers[counsellorID] ?? [],
            held: held.map { ConsoleBoard.HeldCard($0, extras: extras[$0.id]!) },
            waiting: queue.waiting, longestWaitSeconds: queue.oldest.map { Int(max(0, now.timeIntervalSince($0))) } ?? 0,
            colleagues: me.map { Self.colleagues(of: $0, in: snapshot) } ?? [])
        return ConsoleView(board: board, extras: extras,
                           lastSequences: Dictionary(held.map { ($0.id, $0.lastSequence) }, uniquingKeysWith: max))
    }

    private func extras(of conversation: ConsoleSnapshot.Held) async throws -> ConsoleBoard.HeldCard.Extras {
        let nickname = try conversation.sealedNickname.map {
            try protection.sealer.open($0, context: ChatIntake.nicknameContext(conversation.id))
        }
        return .init(nickname: nickname, earlier: try await earlier(than: conversation),
                     canned: try await cannedReplies(for: conversation))
    }

    /// Up to five earlier conversations with the same helpline from the same number or handle.
    private func earlier(than conversation: ConsoleSnapshot.Held) async throws -> [ConsoleBoard.Earlier] {
        guard let hash = conversation.identifierHash else { return [] }
        let previous = try await Conversation.query(on: db).filter(\.$helpline.$id == conversation.helplineID)
            .filter(\.$identifierHash == hash).filter(\.$id != conversation.id)
            .sort(\.$startedAt, .descending).limit(5).all()
        let contacts = try await Contact.query(on: db).filter(\.$conversation.$id ~~ previous.compactMap(\.id)).all()
        return previous.map { earlier in
            ConsoleBoard.Earlier(contact: contacts.first { $0.$conversation.id == earlier.id }?.id, startedAt: earlier.startedAt)
        }
    }

    /// Canned replies are kept per helpline as JSON, `{"en": ["…"], "sw": ["…"]}`.
    private func cannedReplies(for conversation: ConsoleSnapshot.Held) async throws -> [String] {
        let settings = try await ContactCentreSettings.query(on: db).filter(\.$helpline.$id == conversation.helplineID).first()
        guard let json = settings?.cannedResponses,
              let replies = try? JSONDecoder().decode([String: [String]].self, from: Data(json.utf8)) else { return [] }
        return replies[Language.primarySubtag(of: conversation.language)] ?? []
    }

    private static func colleagues(of me: ConsoleSnapshot.Counsellor, in snapshot: ConsoleSnapshot) -> [ConsoleBoard.Colleague] {
        snapshot.counsellors.values.filter { $0.organisationID == me.organisationID && $0.id != me.id }
            .map { ConsoleBoard.Colleague(id: $0.id, name: $0.name, available: $0.status == .available, supervisor: $0.isSupervisor) }
            .sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
    }
}
