import Foundation

/// The measurement: visitors send, agents long-poll (or poll the LivePerson face), the
/// recorder matches the two.
struct Runner: Sendable {
    let api: ParleyAPI
    let recorder: Recorder
    let runTag: String
    let duration: Duration
    let interval: Duration
    let messageText: String
    /// How often a LivePerson-face agent polls its chats.
    let pollInterval: Duration
    /// How long to wait after sending stops for messages still in flight.
    let drain: Duration = .seconds(5)
    /// The long-poll `timeout` parameter, in seconds.
    let pollSeconds = 5

    /// Runs the senders for `duration`, then drains. Returns the measured send phase.
    /// With `sessions` (LivePerson agent session paths, one per agent), agents poll the
    /// LivePerson face instead of long-polling the native sync.
    func run(agents: [BenchAgent], chats: [BenchChat], cursors: [Int64], sessions: [String]?) async -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        let sendUntil = start + duration
        // Nothing outlives this, whatever the server does: senders stop at sendUntil, receivers
        // are cancelled after the drain, and every request carries its own timeout.
        let hardStop = sendUntil + drain + .seconds(pollSeconds + 10)
        return await withTaskGroup(of: Void.self, returning: Duration.self) { receivers in
            for agent in agents {
                if let session = sessions?[agent.index] {
                    receivers.addTask { await poll(agent, session: session, until: hardStop) }
                } else {
                    let cursor = cursors[agent.index]
                    receivers.addTask { await receive(agent, from: cursor, until: hardStop) }
                }
            }
            await withTaskGroup(of: Void.self) { senders in
                for chat in chats {
                    senders.addTask { await send(chat, until: sendUntil) }
                }
            }
            let sendPhase = clock.now - start
            let drainUntil = clock.now + drain
            while recorder.outstanding > 0 && clock.now < drainUntil {
                try? await Task.sleep(for: .milliseconds(20))
            }
            receivers.cancelAll()
            return sendPhase
        }
    }

    /// A visitor: send, wait for the 201, think for `interval`, repeat until `deadline`.
    private func send(_ chat: BenchChat, until deadline: ContinuousClock.Instant) async {
        let clock = ContinuousClock()
        var sequence = 0
        while clock.now < deadline && !Task.isCancelled {
            sequence += 1
            let id = "pb-\(runTag)-\(chat.index)-\(sequence)"
            recorder.willSend(id, at: clock.now)
            do {
                // The id ends the text too, for receivers that see no clientMessageId.
                let _: EventResponse = try await api.post(
                    "/v1/chats/\(chat.id)/messages", MessageBody(text: "\(messageText) \(id)", clientMessageId: id),
                    token: chat.visitorToken, timeout: 15
                )
                recorder.acked(id)
            } catch {
                recorder.sendFailed(id, error: error)
                // Do not spin on a failing server.
                try? await Task.sleep(until: min(clock.now + .milliseconds(100), deadline))
                continue
            }
            if interval > .zero {
                try? await Task.sleep(until: min(clock.now + interval, deadline))
            }
        }
    }

    /// An agent: long-poll `/v1/sync` from `cursor`, matching visitor messages of its own chats.
    private func receive(_ agent: BenchAgent, from start: Int64, until hardStop: ContinuousClock.Instant) async {
        let clock = ContinuousClock()
        var cursor = start
        while !Task.isCancelled && clock.now < hardStop {
            do {
                let (page, arrived) = try await api.get(
                    "/v1/sync?cursor=\(cursor)&timeout=\(pollSeconds)&limit=500",
                    token: agent.token, timeout: Int64(pollSeconds + 10), as: SyncResponse.self
                )
                cursor = max(cursor, page.cursor)
                var ignored = 0
                for event in page.events where event.type == "message" && event.author.type == "visitor" {
                    guard agent.chatIDs.contains(event.chatId) else {
                        ignored += 1
                        continue
                    }
                    if let id = event.clientMessageId { recorder.received(id, at: arrived) }
                }
                recorder.ignored(ignored)
            } catch {
                if Task.isCancelled { return }
                recorder.receiveFailed(error)
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// A LivePerson-face agent: every `pollInterval`, the new events of its chats (50 to a
    /// request), matching visitor lines by the message id that ends their text.
    private func poll(_ agent: BenchAgent, session: String, until hardStop: ContinuousClock.Instant) async {
        let clock = ContinuousClock()
        let chats = agent.chatIDs.sorted()
        var lastSeen: [String: Int] = [:]
        while !Task.isCancelled && clock.now < hardStop {
            let began = clock.now
            for start in stride(from: 0, to: chats.count, by: 50) {
                let batch = chats[start..<min(start + 50, chats.count)]
                let keys = batch.joined(separator: ",")
                let from = batch.map { String(lastSeen[$0] ?? -1) }.joined(separator: ",")
                do {
                    let (page, arrived) = try await api.get(
                        "\(session)/chat?chatSessionKeys=\(keys)&fromEventIds=\(from)&v=1&NC=true", token: agent.token, timeout: 15,
                        as: LivePersonChats.self
                    )
                    for chat in page.chats.chat {
                        for event in chat.events.event {
                            lastSeen[chat.info.chatSessionKey] = max(lastSeen[chat.info.chatSessionKey] ?? -1, event.id)
                            guard event.type == "line", event.source == "visitor",
                                  let id = event.text?.split(separator: " ").last, id.hasPrefix("pb-") else { continue }
                            recorder.received(String(id), at: arrived)
                        }
                    }
                } catch {
                    if Task.isCancelled { return }
                    recorder.receiveFailed(error)
                }
            }
            try? await Task.sleep(until: began + pollInterval)
        }
    }
}

/// The answer to a sent message; only its presence matters.
struct EventResponse: Decodable, Sendable {
    let id: Int
    let chatId: String
}
