import Hummingbird

/// Browsers cannot set headers on a WebSocket, and a token in the URL ends up in logs and
/// histories, so a browser offers two protocols instead: `parley` and `parley.bearer.<token>`
/// (a JWT is made of characters a protocol name may hold). The server chooses `parley`.
extension Request {
    static let feedProtocol = "parley"
    private static let tokenPrefix = "parley.bearer."

    private var offeredProtocols: [Substring] {
        headers[values: .secWebSocketProtocol].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces)[...] }
    }

    /// The client offered `parley` with its token.
    var offersTokenProtocol: Bool {
        offeredProtocols.contains(Substring(Self.feedProtocol)) && protocolToken != nil
    }

    /// The access token offered as `parley.bearer.<token>`, if any.
    var protocolToken: String? {
        offeredProtocols.first { $0.hasPrefix(Self.tokenPrefix) }.map { String($0.dropFirst(Self.tokenPrefix.count)) }
    }
}
