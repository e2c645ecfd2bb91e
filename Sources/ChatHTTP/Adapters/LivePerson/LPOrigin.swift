import HTTPTypes
import Hummingbird

/// Where the face's absolute links start (`https://chat.example.com`): the configured public
/// URL; else the scheme and host the client used. Behind a trusted proxy these are what the
/// proxy says in `X-Forwarded-Proto` and `X-Forwarded-Host`, so a client that reached the proxy
/// by HTTPS is sent HTTPS links; anyone else's forwarding headers are ignored.
struct LPOrigin {
    let publicURL: String?
    /// `host:port` the server listens on, for when the request names no usable host either.
    let listeningAddress: String

    func origin(_ request: Request, _ context: ParleyRequestContext) -> String {
        if let publicURL { return publicURL }
        let forwarded = context.isFromTrustedProxy
        let scheme = (forwarded ? Self.first(request, "X-Forwarded-Proto").flatMap(Self.scheme) : nil) ?? "http"
        let host = (forwarded ? Self.first(request, "X-Forwarded-Host").flatMap(Self.host) : nil)
            ?? request.head.authority.flatMap(Self.host) ?? listeningAddress
        return "\(scheme)://\(host)"
    }

    /// The host (and port) alone, as LivePerson's domain discovery answers it.
    func domain(_ request: Request, _ context: ParleyRequestContext) -> String {
        let origin = origin(request, context)
        return origin.range(of: "://").map { String(origin[$0.upperBound...]) } ?? origin
    }

    /// The client-side value of a forwarding header: the first of its list, as the proxy
    /// nearest the client wrote it.
    private static func first(_ request: Request, _ name: String) -> String? {
        guard let name = HTTPField.Name(name), let value = request.headers[values: name].first else { return nil }
        return value.split(separator: ",", omittingEmptySubsequences: false).first.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func scheme(_ text: String) -> String? {
        let scheme = text.lowercased()
        return ["http", "https"].contains(scheme) ? scheme : nil
    }

    /// A plain host name or address with an optional port, or nil.
    static func host(_ text: String) -> String? {
        guard !text.isEmpty, text.utf8.count <= 255,
              text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) }) else { return nil }
        return text
    }
}
