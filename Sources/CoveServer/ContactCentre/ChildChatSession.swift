import CoveCore
import Fluent
import Vapor
import NIOWebSocket

/// One child's chat socket. The first frame must be `hello` with the chat's secret and the last
/// sequence the page has shown; the session then replays what the page missed and follows the
/// conversation. Every message the child sends is acknowledged only once it is stored.
actor ChildChatSession {
    private let services: RoutingService
    private let conversationID: UUID
    private let sender: FrameSender
    private var lastSent = 0
    private var greeted = false
    private var subscription: UUID?
    private var lastState: Conversation.State?
    private var followsRouting = true
    /// Fixed for the chat's life; keyword rules are chosen by them.
    private var route: (helplineID: UUID, language: String)?

    init(services: RoutingService, conversationID: UUID, socket: WebSocket) {
        self.services = services
        self.conversationID = conversationID
        self.sender = FrameSender(socket)
    }

    private var store: ConversationStore { services.store }

    func receive(_ text: String) async {
        guard let frame = IncomingFrame.decode(text) else { return await sender.send(OutgoingFrame.Problem(code: "bad-frame")) }
        switch (frame.type, greeted) {
        case ("hello", false): await hello(frame)
        case ("send", true): await send(frame)
        case ("end", true): await end(deleting: frame.delete == true)
        default: await sender.send(OutgoingFrame.Problem(code: greeted ? "bad-frame" : "hello-first"))
        }
    }

    private func hello(_ frame: IncomingFrame) async {
        guard let token = frame.token, let conversation = try? await store.conversation(conversationID),
              let expected = conversation.accessTokenHash,
              ConstantTime.isEqual(expected.utf8, ConversationStore.accessTokenHash(token).utf8) else {
            await sender.send(OutgoingFrame.Problem(code: "unknown-chat"))
            return await sender.close(code: .policyViolation)
        }
        greeted = true
        route = (conversation.$helpline.id, conversation.language)
        lastSent = max(0, frame.after ?? 0)
        let (id, mailbox) = await services.hub.subscribe([.conversation(conversationID), .routing])
        subscription = id
        await sender.send(OutgoingFrame.Welcome(conversation: conversationID, state: conversation.state.rawValue))
        await refresh(topic: .conversation(conversationID))
        mailbox.follow { [weak self] topic in await self?.refresh(topic: topic) }
    }

    private func send(_ frame: IncomingFrame) async {
        guard let clientID = frame.validClientID, let text = frame.validText else {
            return await sender.send(OutgoingFrame.Problem(code: "bad-message", clientId: frame.clientId))
        }
        do {
            let stored = try await store.append(to: conversationID, from: .child, clientID: clientID, text: text)
            await sender.send(OutgoingFrame.Ack(conversation: conversationID, clientId: clientID, seq: stored.sequence))
            guard stored.isNew else { return }
            await services.hub.publish(.conversation(conversationID), origin: showOwn(stored) ? subscription : nil)
            await services.assessPriority(of: conversationID, text: text, known: route)
        } catch is ConversationClosed {
            await sender.send(OutgoingFrame.Problem(code: "chat-ended", clientId: clientID))
        } catch {
            services.logger.error("chat message not stored", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            await sender.send(OutgoingFrame.Problem(code: "not-stored", clientId: clientID))
        }
    }

    /// Shows the child's own message straight away when it is the next one the page expects;
    /// then this socket need not re-read the conversation for it.
    private func showOwn(_ stored: ConversationStore.Stored) async -> Bool {
        guard let line = stored.line, line.sequence == lastSent + 1 else { return false }
        // Claimed before the send suspends, so a refresh meanwhile does not send it too.
        lastSent = line.sequence
        await sender.send(OutgoingFrame.message(line, in: conversationID))
        return true
    }

    private func end(deleting: Bool) async {
        guard let conversation = try? await store.conversation(conversationID) else { return }
        try? await store.end(conversation, deleting: deleting)
        await services.hub.publish(.conversation(conversationID))
        await services.hub.publish(.routing)
    }

    /// Re-reads what the event may have changed and sends only what the page has not seen.
    /// Queue places matter only while waiting: once the chat is taken the session stops
    /// hearing routing events, which would otherwise wake every open chat on every change.
    private func refresh(topic: ChatHub.Topic) async {
        guard let conversation = try? await store.conversation(conversationID) else { return }
        if conversation.state != .waiting, followsRouting, let subscription {
            followsRouting = false
            await services.hub.remove(.routing, from: subscription)
        }
        if topic != .routing, let lines = try? await store.lines(of: conversationID, after: lastSent) {
            // Another path may have sent some of these while the read was under way.
            let fresh = lines.filter { $0.sequence > lastSent }
            lastSent = fresh.last?.sequence ?? lastSent
            await sender.send(fresh.map { OutgoingFrame.message($0, in: conversationID) })
        }
        if conversation.state != lastState {
            lastState = conversation.state
            await sender.send(OutgoingFrame.State(conversation: conversationID, state: conversation.state.rawValue))
        }
        if conversation.state == .waiting, let place = try? await services.place(of: conversationID) {
            await sender.send(OutgoingFrame.Queue(position: place.position, waitSeconds: place.waitSeconds))
        }
    }

    func closed() async {
        if let subscription { await services.hub.unsubscribe(subscription) }
    }
}
