import ChatCore
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context of every route: WebSocket-capable, with the caller's address and,
/// once authenticated, the principal.
public struct ParleyRequestContext: RequestContext, WebSocketRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    public let remoteAddress: SocketAddress?
    /// The connection, for a WebSocket that must be closed although its client does not read.
    let channel: any Channel
    public var principal: Principal?
    /// The client's IP address, with trusted proxies taken into account.
    var clientAddress: String?
    /// Whether the peer is a trusted proxy, whose `X-Forwarded-*` headers are believed.
    var isFromTrustedProxy = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        remoteAddress = source.channel.remoteAddress
        channel = source.channel
        clientAddress = remoteAddress?.ipAddress
    }

    /// The authenticated caller, or a 401.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw ChatError.unauthenticated }
        return principal
    }

    /// The key of per-client limits: the client's address, or its /64 for IPv6.
    var rateLimitKey: String {
        RateLimitKey.of(clientAddress)
    }
}
