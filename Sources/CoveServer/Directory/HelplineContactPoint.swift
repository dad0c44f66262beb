import CoveCore
import Fluent
import Vapor

/// One way of reaching a helpline (HSDS phone, url or email), in the order the helpline lists them.
final class HelplineContactPoint: Model, @unchecked Sendable {
    static let schema = "helpline_contact_points"

    @ID(key: .id) var id: UUID?
    @Parent(key: "helpline_id") var helpline: Helpline
    @Field(key: "position") var position: Int
    @Enum(key: "channel") var channel: ContactPoint.Channel
    @Field(key: "address") var address: String
    @OptionalField(key: "e164") var e164: String?
    @OptionalField(key: "is_free") var isFree: Bool?
    @OptionalEnum(key: "harmonisation") var harmonisation: Harmonisation?
    @OptionalField(key: "schedule") var schedule: OpeningSchedule?

    init() {}

    init(_ point: DirectoryContactPoint, position: Int, helplineID: UUID) {
        $helpline.id = helplineID
        self.position = position
        channel = point.channel
        address = point.address
        e164 = point.e164
        isFree = point.isFree
        harmonisation = point.harmonisation
        schedule = point.schedule
    }

    var directoryContactPoint: DirectoryContactPoint {
        DirectoryContactPoint(channel: channel, address: address, e164: e164, isFree: isFree,
                              harmonisation: harmonisation, schedule: schedule)
    }
}
