import Foundation
import Hummingbird

/// Serves the browser faces: the agents' console at `/` and `/console/`, the widget's loader at
/// `/widget.js` (run on the host site's pages), the widget's frame at `/widget/`, and the
/// modules and translations they share.
struct WebController {
    let assets: WebAssetStore

    /// The console runs only as a top-level page of Parley's own origin.
    static let consolePolicy = policy(frameAncestors: "'none'")
    /// The widget's frame is embedded by the sites that carry the widget, whichever they are.
    static let widgetFramePolicy = policy(frameAncestors: "*")

    private static func policy(frameAncestors: String) -> String {
        [
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:",
            "media-src 'self' data: blob:", "connect-src 'self'", "font-src 'self'", "frame-src 'none'",
            "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors \(frameAncestors)",
        ].joined(separator: "; ")
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("/") { request, _ in try serve("console/index.html", for: request) }
        // `/console` and `/console/` are one route; pages name their files by absolute paths.
        router.get("console") { request, _ in try serve("console/index.html", for: request) }
        router.get("widget") { request, _ in try serve("widget/index.html", for: request) }
        router.get("widget.js") { request, _ in try serve("widget.js", for: request) }
        for folder in ["console", "widget", "shared", "locales"] {
            router.get("\(folder)/**") { request, context in
                try serve("\(folder)/\(context.parameters.getCatchAll().joined(separator: "/"))", for: request)
            }
        }
    }

    private func serve(_ path: String, for request: Request) throws -> Response {
        guard let asset = assets.asset(at: path) else { throw HTTPError(.notFound) }
        var headers: HTTPFields = [
            .contentType: asset.contentType,
            .eTag: asset.etag,
            // Always revalidated: a new release is picked up at once, an unchanged file costs a 304.
            .cacheControl: "no-cache",
        ]
        if path.hasSuffix(".html") {
            headers[.contentSecurityPolicy] = path.hasPrefix("widget/") ? Self.widgetFramePolicy : Self.consolePolicy
            if !path.hasPrefix("widget/") {
                headers[.xFrameOptions] = "DENY"
            }
        } else {
            headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
        }
        if request.headers[.ifNoneMatch] == asset.etag {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(asset.bytes.readableBytes)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.bytes))
    }
}
