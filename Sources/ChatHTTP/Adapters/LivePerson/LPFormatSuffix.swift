import HTTPTypes
import Hummingbird

/// LivePerson's clients name the format at the end of the path (`agentSession.json`,
/// `events.xml?from=4`) as often as in `Accept`. Router middleware runs only once a route has
/// matched, and no route is registered with a suffix, so the suffix is taken off before the
/// router sees the request: the path loses it and `Accept` names its format (a suffix wins over
/// `Accept`). Every route under the LivePerson prefixes gets this once, whoever registers it.
/// A suffix other than `.json` or `.xml` stays, and the path matches nothing (404).
struct LPFormatSuffixResponder<Inner: HTTPResponder>: HTTPResponder {
    typealias Context = Inner.Context
    let inner: Inner

    func respond(to request: Request, context: Context) async throws -> Response {
        try await inner.respond(to: LPFormatSuffix.rewritten(request), context: context)
    }
}

enum LPFormatSuffix {
    /// Where LivePerson's APIs live: the agent and visitor APIs, and domain discovery.
    static let prefixes = ["/api/account/", "/csdr/account/"]

    /// The request with its path's format suffix taken off and named in `Accept` instead.
    static func rewritten(_ request: Request) -> Request {
        guard let target = request.head.path, prefixes.contains(where: { target.hasPrefix($0) }) else { return request }
        let queryStart = target.firstIndex(of: "?") ?? target.endIndex
        let path = target[..<queryStart]
        guard let dot = path.lastIndex(of: "."), let slash = path.lastIndex(of: "/"), slash < dot,
              let format = LPFormat(suffix: path[path.index(after: dot)...]) else { return request }
        var head = request.head
        head.path = String(path[..<dot] + target[queryStart...])
        head.headerFields[.accept] = format.mediaType
        return Request(head: head, body: request.body)
    }
}
