import Foundation

/// Canned responses: admins write them, every agent reads those of its departments and the
/// global ones.
public struct CannedResponseService: Sendable {
    let store: any CannedResponseStore & DirectoryStore
    let limits: ChatLimits
    let now: @Sendable () -> Date

    /// The longest shortcut, in characters (all ASCII).
    static let maxShortcutLength = 32

    public init(store: any CannedResponseStore & DirectoryStore, limits: ChatLimits, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.limits = limits
        self.now = now
    }

    /// The responses an agent may use, by shortcut: the global ones and those of its
    /// departments (admins: all), or of `departmentID` alone (and the global ones).
    public func responses(departmentID: DepartmentID?, for principal: Principal) async throws -> [CannedResponse] {
        guard let agent = principal.agent else { throw ChatError.forbidden(reason: "Only agents use canned responses.") }
        if let departmentID {
            guard try await store.department(departmentID) != nil else { throw ChatError.departmentNotFound(departmentID) }
            guard agent.isAdmin || agent.serves(departmentID) else {
                throw ChatError.forbidden(reason: "You do not serve department \(departmentID).")
            }
            return try await store.cannedResponses(in: [departmentID])
        }
        return try await store.cannedResponses(in: agent.isAdmin ? nil : agent.departmentIDs)
    }

    public func create(
        shortcut: String, title: String, text: String, departmentID: DepartmentID?, by caller: Caller
    ) async throws -> CannedResponse {
        try caller.requireAdmin()
        let response = CannedResponse(
            id: IdentifierGenerator.shortHex(), shortcut: try Self.shortcut(shortcut),
            title: try Validate.label(title, field: .cannedTitle, characters: limits.maxNameLength, bytes: limits.maxNameBytes),
            text: try Validate.message(text, field: .cannedText, limits: limits), departmentID: departmentID, createdAt: now()
        )
        try await requireDepartment(departmentID)
        try await store.createCannedResponse(response)
        return response
    }

    public func update(_ id: String, with patch: CannedResponsePatch, by caller: Caller) async throws -> CannedResponse {
        try caller.requireAdmin()
        let shortcut = try patch.shortcut.map(Self.shortcut)
        let title = try patch.title.map {
            try Validate.label($0, field: .cannedTitle, characters: limits.maxNameLength, bytes: limits.maxNameBytes)
        }
        let text = try patch.text.map { try Validate.message($0, field: .cannedText, limits: limits) }
        guard var response = try await store.cannedResponse(id) else { throw ChatError.cannedResponseNotFound(id) }
        if let department = patch.departmentID {
            try await requireDepartment(department)
            response.departmentID = department
        }
        response.shortcut = shortcut ?? response.shortcut
        response.title = title ?? response.title
        response.text = text ?? response.text
        try await store.updateCannedResponse(response)
        return response
    }

    public func delete(_ id: String, by caller: Caller) async throws {
        try caller.requireAdmin()
        guard try await store.deleteCannedResponse(id) else { throw ChatError.cannedResponseNotFound(id) }
    }

    /// 1 to 32 of `a-z 0-9 _ -`, lower-cased first: agents type it, so `Refund` and `refund` are one.
    static func shortcut(_ value: String) throws -> String {
        let lowered = value.lowercased()
        guard (1...maxShortcutLength).contains(lowered.unicodeScalars.count),
              lowered.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" })
        else {
            throw ChatError.invalidField(field: .shortcut, reason: "must be 1 to \(maxShortcutLength) of a-z, 0-9, '_' and '-'")
        }
        return lowered
    }

    private func requireDepartment(_ id: DepartmentID?) async throws {
        guard let id else { return }
        guard try await store.department(id) != nil else { throw ChatError.departmentNotFound(id) }
    }
}
