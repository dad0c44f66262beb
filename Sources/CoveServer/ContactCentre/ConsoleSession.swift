import CoveCore
import Fluent
import Vapor

/// One counsellor's console socket: offers, the conversations they hold, and what they type.
/// Like the child's session it re-reads the database on each event and sends only what is new.
actor ConsoleSession {
    private let services: RoutingService
    private let counsellorID: UUID
    private let sender: FrameSender
    private var lastSent: [UUID: Int] = [:]
    private var subscription: UUID?
    private var greeted = false
    private var followed: Set<UUID> = []
    private var extras: [UUID: ConsoleBoard.HeldCard.Extras] = [:]

    init(services: RoutingService, counsellorID: UUID, socket: WebSocket) {
        self.services = services
        self.counsellorID = counsellorID
        self.sender = FrameSender(socket)
    }

    private var store: ConversationStore { services.store }

    func receive(_ text: String) async {
        guard let frame = IncomingFrame.decode(text) else { return await sender.send(OutgoingFrame.Problem(code: "bad-frame")) }
        if !greeted {
            guard frame.type == "hello" else { return await sender.send(OutgoingFrame.Problem(code: "hello-first")) }
            return await hello(frame)
        }
        do {
            try await handle(frame)
        } catch let error as RoutingError {
            await sender.send(OutgoingFrame.Problem(code: error.code, clientId: frame.clientId))
        } catch {
            services.logger.error("console action failed", metadata: ["action": "\(frame.type)", "error": "\(String(reflecting: type(of: error)))"])
            await sender.send(OutgoingFrame.Problem(code: "failed", clientId: frame.clientId))
        }
    }

    private func handle(_ frame: IncomingFrame) async throws {
        let routing = services
        switch (frame.type, frame.conversation) {
        case ("status", _):
            try await routing.setStatus(frame.status == "available" ? .available : .away, for: counsellorID,
                                        capacity: frame.capacity)
        case let ("accept", id?): try await routing.accept(id, by: counsellorID)
        case let ("decline", id?): try await routing.decline(id, by: counsellorID)
        case let ("finish", id?): try await routing.finish(id, by: counsellorID)
        case let ("transfer", id?):
            guard let to = frame.to else { return await sender.send(OutgoingFrame.Problem(code: "bad-frame", clientId: frame.clientId)) }
            try await routing.transfer(id, from: counsellorID, to: to)
        case let ("send", id?): try await send(frame, to: id)
        default: await sender.send(OutgoingFrame.Problem(code: "bad-frame"))
        }
    }

    private func hello(_ frame: IncomingFrame) async {
        greeted = true
        await services.consoles.opened(by: counsellorID)
        lastSent = frame.afterSequences
        let (id, mailbox) = await services.hub.subscribe([.routing])
        subscription = id
        await refresh(topic: .routing)
        mailbox.follow { [weak self] topic in await self?.refresh(topic: topic) }
    }

    private func send(_ frame: IncomingFrame, to conversationID: UUID) async throws {
        guard let clientID = frame.validClientID, let text = frame.validText else {
            return await sender.send(OutgoingFrame.Problem(code: "bad-message", clientId: frame.clientId))
        }
        guard try await services.holds(conversationID, counsellor: counsellorID) else {
            throw RoutingError.notAssigned(conversation: conversationID, counsellor: counsellorID)
        }
        let conversation = try await store.conversation(conversationID)
        let delivery: ChatMessage.Delivery = conversation?.channel == ContactChannel.webChat.rawValue ? .delivered : .pending
        let stored = try await store.append(to: conversationID, from: .counsellor, author: counsellorID,
                                            clientID: clientID, text: text, delivery: delivery)
        await sender.send(OutgoingFrame.Ack(conversation: conversationID, clientId: clientID, seq: stored.sequence))
        guard stored.isNew else { return }
        // The console's own message, when it is the next one it expects, is shown without a re-read.
        var origin: UUID?
        if let line = stored.line, let last = lastSent[conversationID], line.sequence == last + 1 {
            lastSent[conversationID] = line.sequence
            await sender.send(OutgoingFrame.message(line, in: conversationID))
            origin = subscription
        }
        await services.hub.publish(.conversation(conversationID), origin: origin)
    }

    private func refresh(topic: ChatHub.Topic) async {
        switch topic {
        case .routing: await sendBoard()
        case let .conversation(id): await sendLines(of: id)
        }
    }

    /// The counsellor's whole picture: presence, offers, conversations held and the queue.
    /// Lines are fetched only for chats with messages the console has not had, which also
    /// mends a missed conversation event at the next routing change.
    private func sendBoard() async {
        guard let view = try? await services.consoleView(for: counsellorID, knowing: extras) else { return }
        extras = view.extras
        await sender.sendWhole(view.board)
        for (conversation, last) in view.lastSequences {
            if !followed.contains(conversation), let subscription {
                await services.hub.add(.conversation(conversation), to: subscription)
                followed.insert(conversation)
            }
            if lastSent[conversation].map({ last > $0 }) ?? true { await sendLines(of: conversation) }
        }
        for gone in Set(lastSent.keys).union(followed).subtracting(view.lastSequences.keys) {
            lastSent[gone] = nil
            guard followed.remove(gone) != nil, let subscription else { continue }
            await services.hub.remove(.conversation(gone), from: subscription)
        }
    }

    private func sendLines(of conversationID: UUID) async {
        guard let lines = try? await store.lines(of: conversationID, after: lastSent[conversationID] ?? 0) else { return }
        // Another path may have sent some of these while the read was under way.
        let after = lastSent[conversationID] ?? 0
        let fresh = lines.filter { $0.sequence > after }
        lastSent[conversationID] = fresh.last?.sequence ?? after
        await sender.send(fresh.map { OutgoingFrame.message($0, in: conversationID) })
    }

    func closed() async {
        if let subscription { await services.hub.unsubscribe(subscription) }
        guard greeted else { return }
        let (services, counsellorID, closedAt) = (self.services, self.counsellorID, Date())
        guard await services.consoles.closed(by: counsellorID, at: closedAt) else { return }
        Task {
            try? await Task.sleep(for: services.consoleGrace)
            guard await services.consoles.stillAway(counsellorID, since: closedAt) else { return }
            try? await services.setStatus(.away, for: counsellorID)
        }
    }
}
