import ChatCore
import Hummingbird

extension LivePersonVisitorController {
    /// The core services this face calls.
    struct Services: Sendable {
        let auth: AuthService
        let directory: DirectoryService
        let chats: ChatService
        let routing: RoutingService
        let transcripts: TranscriptService
        let visitors: VisitorService
    }

    /// What this face reads from the server's configuration.
    struct Settings: Sendable {
        /// The account id the face answers to; any other is 404.
        let accountID: String
        /// The server's address as clients reach it, for absolute links; without it, links use the request's `Host`.
        let publicURL: String?
        /// `host:port` the server listens on, for links when the request names no usable host either.
        let listeningAddress: String
        /// The app key clients must send; nil lets any in (see `AppConfig.livePersonAppKey`).
        let appKey: String?
        /// How long a silent visitor still counts as present in a chat.
        let visitorInactivityTimeout: Duration
    }
}

/// With an app key configured, a visitor call must carry `Authorization: LivePerson appKey=<key>`
/// (401 otherwise); without one, any client may call, and each chat is guarded by its key.
struct LPAppKeyMiddleware: RouterMiddleware {
    typealias Context = ParleyRequestContext
    let appKey: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let appKey else { return try await next(request, context) }
        guard let given = Self.appKey(request.headers[.authorization]), Self.same(given, appKey) else {
            throw APIError(
                status: .unauthorized, code: "unauthenticated",
                message: "Send the site's app key: 'Authorization: LivePerson appKey=...'.",
                headers: [.wwwAuthenticate: "LivePerson"]
            )
        }
        return try await next(request, context)
    }

    /// `LivePerson appKey=<key>` (the scheme in any case, other parameters after a comma ignored).
    static func appKey(_ header: String?) -> String? {
        guard let header, header.utf8.count <= 1024 else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "liveperson" else { return nil }
        for parameter in parts[1].split(separator: ",") {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "appkey" { return pair[1] }
        }
        return nil
    }

    /// Compares without stopping at the first difference, so timing tells nothing of the key.
    private static func same(_ left: String, _ right: String) -> Bool {
        let left = Array(left.utf8), right = Array(right.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
