/// Finds the addresses a host name stands for (DNS); an address literal stands for itself.
public protocol HostResolver: Sendable {
    func addresses(of host: String) async throws -> [String]
}
