/// Bans, and the one question every chat start asks of them.
public protocol BanStore: Sendable {
    func createBan(_ ban: Ban) async throws
    /// Every ban, oldest first.
    func bans() async throws -> [Ban]
    /// Removes the ban; false when no ban has the id.
    func deleteBan(_ id: BanID) async throws -> Bool
    /// Whether a ban names the visitor or a range holds the address (128 bits, IPv4 ones
    /// IPv4-mapped), in one query. With neither, nothing is banned.
    func isBanned(visitor: VisitorID?, address: UInt128?) async throws -> Bool
}
