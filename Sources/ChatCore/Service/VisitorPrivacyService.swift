import Foundation

/// A visitor's rights over what Parley stores about it: admins export it (a data-subject access
/// request) or erase it, and visitors not seen for the retention period are erased on their own.
public struct VisitorPrivacyService: Sendable {
    /// How export, erasure and retention behave.
    public struct Settings: Sendable {
        /// What erasing a visitor does to its chats.
        public var erasedChats: ErasedChats = .anonymise
        /// How long a visitor not seen is kept; nil keeps visitors until an admin erases them.
        public var retention: Duration?
        /// The most chat events one export carries: the document is built in memory.
        public var maxExportEvents = 20_000
        /// How many forgotten visitors one retention batch reads.
        public var retentionBatchSize = 100

        public init() {}
    }

    private let store: any VisitorPrivacyStore & ChatStore
    private let log: ChatLog
    private let routing: RoutingService
    /// Tells open feeds that the erased visitor's sessions are gone.
    private let bus: any EventBus
    private let failures: any FailureReporter
    public let settings: Settings
    private let now: @Sendable () -> Date

    public init(
        store: any VisitorPrivacyStore & ChatStore, log: ChatLog, routing: RoutingService, bus: any EventBus,
        failures: any FailureReporter, settings: Settings, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.log = log
        self.routing = routing
        self.bus = bus
        self.failures = failures
        self.settings = settings
        self.now = now
    }

    /// Everything stored about the visitor. Admins only.
    public func export(_ id: VisitorID, by principal: Principal) async throws -> VisitorExport {
        try Self.requireAdmin(principal, "export visitors")
        guard let export = try await store.visitorExport(id, maxEvents: settings.maxExportEvents) else {
            throw ChatError.visitorNotFound(id)
        }
        return export
    }

    /// Erases the visitor (see `VisitorPrivacyStore.eraseVisitor`). Its open chat is ended
    /// first, by the admin, so that the agent serving it sees it end. Admins only.
    public func erase(_ id: VisitorID, by principal: Principal) async throws {
        try Self.requireAdmin(principal, "erase visitors")
        // The visitor may open a new chat between its chat ending and the erasure, while its
        // session still stands; that chat is ended too, a few times at most.
        for attempt in 1...3 {
            try await endOpenChats(of: id, as: principal)
            do {
                return try await eraseStored(id)
            } catch ChatError.chatAlreadyOpen where attempt < 3 {
                continue
            }
        }
    }

    /// Erases the visitors not seen for the retention period that hold no open chat, in
    /// batches, and answers how many went. Nothing when retention is off.
    public func eraseForgottenVisitors() async throws -> Int {
        guard let retention = settings.retention else { return 0 }
        var erased = 0
        while true {
            let batch = try await store.visitorsUnseen(since: now().adding(.zero - retention), limit: settings.retentionBatchSize)
            var erasedInBatch = 0
            for id in batch {
                do {
                    try await eraseStored(id)
                    erasedInBatch += 1
                } catch ChatError.chatAlreadyOpen, ChatError.visitorNotFound {
                    // Back on the site with a chat, or erased by an admin meanwhile.
                    continue
                } catch {
                    failures.report(error, during: "erasing a forgotten visitor", details: ["visitor_id": id.rawValue])
                }
            }
            erased += erasedInBatch
            // A short batch was the last; a batch where nothing could go would come back the same.
            if batch.count < settings.retentionBatchSize || erasedInBatch == 0 { return erased }
        }
    }

    private func eraseStored(_ id: VisitorID) async throws {
        let sessions = try await store.eraseVisitor(id, chats: settings.erasedChats, at: now())
        for session in sessions {
            await bus.publish(.access(.sessionRevoked(session)))
        }
        await bus.publish(.visitorChanged(id))
    }

    private func endOpenChats(of visitor: VisitorID, as principal: Principal) async throws {
        let open = try await store.chats(ChatQuery(states: [.queued, .active, .transferring], visitorID: visitor, limit: 10))
        for chat in open {
            do {
                let closed = try await log.update(chat.id, at: now()) { chat in try ChatTransitions.close(chat, by: principal) }.chat
                // An ended chat frees its agent's capacity, or the offer it held.
                try await routing.route(closed.departmentID)
            } catch ChatError.chatEnded {
                continue
            }
        }
    }

    private static func requireAdmin(_ principal: Principal, _ action: String) throws {
        guard principal.agent?.isAdmin == true else { throw ChatError.forbidden(reason: "Only admins \(action).") }
    }
}
