import Foundation

/// What a visitor who already exists gives when it starts a chat: the pre-chat form's answers,
/// which replace what was stored (nil leaves a field as it is).
public struct VisitorUpdate: Sendable, Equatable {
    public var name: String?
    public var email: String?
    public var formFields: [CustomVariable]?

    public init(name: String? = nil, email: String? = nil, formFields: [CustomVariable]? = nil) {
        self.name = name
        self.email = email
        self.formFields = formFields
    }
}

/// Visitors on the site: their visits, page views, presence and invitations. Every write that
/// changes what agents see of a visitor raises its revision, in the same transaction (chat
/// writes that change the state or the agent of a chat raise its visitor's revision too).
public protocol VisitorStore: Sendable {
    /// Stores a new visitor, its first visit (and the page it landed on, if any) and its
    /// session in one transaction.
    func createVisitor(_ visitor: Visitor, landing: PageView?, session: NewSession) async throws

    /// Records a page view, and the visitor as present. When the visitor was last seen
    /// `newVisitAfter` or longer before the view, the view starts a new visit.
    /// Throws `ChatError.visitorNotFound` for an unknown visitor.
    func recordPageView(_ view: PageView, of visitor: VisitorID, newVisitAfter: Duration) async throws

    /// Records that the visitor was present at `date` (a heartbeat, a feed read) and, unless
    /// `preChat` is nil, whether it has the pre-chat form open. Its open chats count it as present too.
    /// Answers whether agents see a change (it came back, or opened or closed the form).
    @discardableResult
    func visitorSeen(_ visitor: VisitorID, at date: Date, preChat: Bool?) async throws -> Bool

    /// The visitor with its derived activity and current chat; nil when unknown.
    func visitorRecord(_ id: VisitorID) async throws -> VisitorRecord?

    /// Visitors seen at `date` or later or with an open chat, most recently seen first.
    func visitorRecords(seenSince date: Date, limit: Int) async throws -> [VisitorRecord]

    /// The visitors (or the one visitor) changed after `revision`, in revision order: each
    /// visitor once, as it is now.
    func visitorChanges(after revision: Int64, of visitor: VisitorID?, limit: Int) async throws -> [VisitorRecord]

    /// The newest revision given to any visitor (0 when none).
    func latestVisitorRevision() async throws -> Int64

    /// Marks up to `limit` visitors silent since `date` and holding no open chat (whose status
    /// their chat decides) as departed, a change agents see, and answers them; a departed
    /// visitor seen again is back, another change.
    func markDepartures(silentSince date: Date, at now: Date, limit: Int) async throws -> [VisitorID]

    /// Replaces the visitor's custom variables. Throws `ChatError.visitorNotFound` for an unknown visitor.
    func setCustomVariables(_ variables: [CustomVariable], of visitor: VisitorID) async throws

    /// Renames the visitor (and refreshes the text its chats are found by). Throws
    /// `ChatError.visitorNotFound` for an unknown visitor.
    func setName(_ name: String, of visitor: VisitorID) async throws

    /// Records an invitation or the visitor's answer to it. Throws `ChatError.visitorNotFound`
    /// for an unknown visitor.
    func setInvitation(_ invitation: Invitation, of visitor: VisitorID) async throws
}
