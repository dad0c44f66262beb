import CoveCore
import Fluent
import Vapor

/// The frame a console draws itself from: sent whole on every routing change, so a console
/// that missed an event is right again at the next one.
struct ConsoleBoard: Encodable, Sendable {
    var type = "board"
    var status: String
    var capacity: Int
    var offers: [OfferCard]
    var held: [HeldCard]
    var waiting: Int
    var longestWaitSeconds: Int

    struct OfferCard: Encodable, Sendable {
        var conversation: UUID
        var channel: String
        var language: String
        var priority: Int
        var alert: String?
        var expiresAt: Date
    }

    struct HeldCard: Encodable, Sendable {
        var conversation: UUID
        var channel: String
        var language: String
        var nickname: String?
        var age: Int?
        var priority: Int
        var alert: String?
        var contact: UUID?
    }
}

extension RoutingService {
    func consoleView(for counsellorID: UUID) async throws -> ConsoleBoard {
                let presence = try await CounsellorPresence.query(on: db).filter(\.$person.$id == counsellorID).first()
        let offers = try await RoutingOffer.query(on: db).filter(\.$counsellor.$id == counsellorID).with(\.$conversation).all()
        let held = try await Conversation.query(on: db).filter(\.$state == .active)
            .filter(\.$counsellor.$id == counsellorID).sort(\.$startedAt).all()
        let contacts = try await Contact.query(on: db).filter(\.$conversation.$id ~~ held.compactMap(\.id)).all()
        let contactByConversation = Dictionary(contacts.compactMap { c in c.$conversation.id.map { ($0, c.id!) } },
                                               uniquingKeysWith: { first, _ in first })
        let queue = try await queueSummary(for: counsellorID, on: db)
        return ConsoleBoard(
            status: presence?.status.rawValue ?? "away", capacity: presence?.capacity ?? 0,
            offers: offers.map { ConsoleBoard.OfferCard($0) }, held: try held.map { try heldCard($0, contact: contactByConversation[$0.id!]) },
            waiting: queue.waiting, longestWaitSeconds: queue.longest)
    }

    private func heldCard(_ conversation: Conversation, contact: UUID?) throws -> ConsoleBoard.HeldCard {
        let id = try conversation.requireID()
        let nickname = try conversation.sealedNickname.map {
            try protection.sealer.open($0, context: ChatIntake.nicknameContext(id))
        }
        return ConsoleBoard.HeldCard(conversation: id, channel: conversation.channel, language: conversation.language,
                                     nickname: nickname, age: conversation.childAge, priority: conversation.priority,
                                     alert: conversation.alertCode, contact: contact)
    }

    /// Waiting conversations of the helplines this counsellor serves.
    private func queueSummary(for counsellorID: UUID, on db: any Database) async throws -> (waiting: Int, longest: Int) {
        guard let person = try await Person.find(counsellorID, on: db) else { return (0, 0) }
        let helplines = try await Helpline.query(on: db).filter(\.$organisation.$id == person.$organisation.id).all()
        let waiting = try await Conversation.query(on: db).filter(\.$state == .waiting)
            .filter(\.$helpline.$id ~~ helplines.compactMap(\.id)).all()
        let longest = waiting.map { now.timeIntervalSince($0.waitingSince) }.max() ?? 0
        return (waiting.count, Int(longest))
    }
}

extension ConsoleBoard.OfferCard {
    init(_ offer: RoutingOffer) {
        conversation = offer.$conversation.id
        channel = offer.conversation.channel
        language = offer.conversation.language
        priority = offer.conversation.priority
        alert = offer.conversation.alertCode
        expiresAt = offer.expiresAt
    }
}
