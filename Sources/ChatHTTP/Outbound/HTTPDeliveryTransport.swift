import AsyncHTTPClient
import ChatCore
import Foundation
import NIOCore
import NIOHTTP1

/// Sends deliveries as HTTP POSTs: channel texts to RapidPro, webhook notifications signed to
/// their endpoints. Redirects are not followed (a 3xx is a failure); tokens and secrets never
/// appear in an outcome's reason.
struct HTTPDeliveryTransport: DeliveryTransport {
    let client: HTTPClient
    let rapidPro: RapidProEndpoints
    let addresses: WebhookAddressPolicy
    /// How long one attempt may take, connecting included.
    let timeout: Duration
    let now: @Sendable () -> Date

    /// How much of a receiver's answer is read (and dropped).
    private static let maxResponseBytes = 64 * 1024

    func send(_ delivery: Delivery, to target: DeliveryTarget) async -> DeliveryOutcome {
        var request: HTTPClientRequest
        switch target {
        case .channel(let project):
            guard let endpoint = rapidPro.endpoint(for: project) else {
                return .rejected(reason: "no RapidPro URL is configured (PARLEY_RAPIDPRO_URL)")
            }
            request = HTTPClientRequest(url: endpoint.messagesURL)
            request.headers.add(name: "Authorization", value: "Token \(endpoint.token)")
        case .webhook(let endpoint):
            guard let host = URL(string: endpoint.url)?.host else { return .rejected(reason: "the endpoint's URL has no host") }
            // Checked again at each attempt: what a name resolves to may have changed since registration.
            if let refusal = await addresses.refusal(forHost: host) { return .rejected(reason: refusal.reason) }
            let timestamp = Int(now().timeIntervalSince1970)
            guard let signature = WebhookSignature.sign(id: delivery.id, timestamp: timestamp, body: delivery.payload, secret: endpoint.secret) else {
                return .rejected(reason: "the endpoint's secret is not a whsec_ secret")
            }
            request = HTTPClientRequest(url: endpoint.url)
            request.headers.add(name: "webhook-id", value: delivery.id)
            request.headers.add(name: "webhook-timestamp", value: String(timestamp))
            request.headers.add(name: "webhook-signature", value: signature)
        case .email:
            return .rejected(reason: "an email is not sent over HTTP")
        }
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Parley")
        request.body = .bytes(ByteBuffer(string: delivery.payload))
        do {
            let (seconds, attoseconds) = timeout.components
            let response = try await client.execute(
                request, timeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
            )
            _ = try? await response.body.collect(upTo: Self.maxResponseBytes)
            return outcome(of: response.status, headers: response.headers)
        } catch {
            return .failed(reason: "no answer: \(Self.describe(error))", retryAfter: nil)
        }
    }

    /// 2xx delivered; 410 gone; 429 and 5xx retried, as `Retry-After` asks; 3xx retried (a
    /// redirect is not followed); any other 4xx rejected.
    func outcome(of status: HTTPResponseStatus, headers: HTTPHeaders) -> DeliveryOutcome {
        let code = Int(status.code)
        let reason = "the receiver answered \(code)"
        switch code {
        case 200..<300: return .delivered
        case 410: return .gone(reason: reason + " (gone)")
        case 429, 500...: return .failed(reason: reason, retryAfter: RetryAfter.parse(headers.first(name: "Retry-After"), now: now()))
        case 400..<500: return .rejected(reason: reason)
        default: return .failed(reason: reason, retryAfter: nil)
        }
    }

    /// A transport error in a few words, without the request (which holds the token).
    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return String(describing: error) }
        return String(describing: type(of: error))
    }
}
