import Foundation

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
    /// Colleagues of the same organisation a chat can be handed to.
    var colleagues: [Colleague]

    struct Colleague: Encodable, Sendable {
        var id: UUID
        var name: String
        var available: Bool
        var supervisor: Bool
    }

    /// An earlier conversation from the same number or handle (known only by its keyed hash).
    struct Earlier: Encodable, Sendable {
        var contact: UUID?
        var startedAt: Date
    }

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
        var earlier: [Earlier]
        /// The helpline's own canned replies in the chat's language; the console adds general ones.
        var canned: [String]
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

extension ConsoleBoard.HeldCard {
    /// What does not change while a counsellor holds the chat, worked out once per console.
    struct Extras: Sendable {
        var nickname: String?
        var earlier: [ConsoleBoard.Earlier]
        var canned: [String]
    }

    init(_ conversation: ConsoleSnapshot.Held, extras: Extras) {
        self.conversation = conversation.id
        channel = conversation.channel
        language = conversation.language
        nickname = extras.nickname
        age = conversation.childAge
        priority = conversation.priority
        alert = conversation.alertCode
        contact = conversation.contact
        earlier = extras.earlier
        canned = extras.canned
    }
}
