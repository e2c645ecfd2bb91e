import AsyncHTTPClient
import ChatCore
import Foundation
import NIOHTTP1
import Testing

@testable import ChatHTTP

/// What a receiver's answer means for a delivery, and how `Retry-After` is read.
@Suite("Delivery outcomes")
struct HTTPOutcomeTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func retryAfterIsReadInSecondsOrAsAnHTTPDate() {
        #expect(RetryAfter.parse("120", now: Self.now) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: Self.now) == .seconds(0))
        // 1_700_000_000 is Tue, 14 Nov 2023 22:13:20 GMT.
        #expect(RetryAfter.parse("Tue, 14 Nov 2023 22:14:20 GMT", now: Self.now) == .seconds(60))
        #expect(RetryAfter.parse("Tue, 14 Nov 2023 22:00:00 GMT", now: Self.now) == .zero, "a date gone by means now")
        for nonsense in [nil, "", "-5", "soon", "1.5", String(repeating: "9", count: 100)] {
            #expect(RetryAfter.parse(nonsense, now: Self.now) == nil, "\(nonsense ?? "nil")")
        }
    }

    @Test func statusesMapToOutcomes() throws {
        let transport = HTTPDeliveryTransport(
            client: HTTPClient.shared, rapidPro: RapidProEndpoints(),
            addresses: WebhookAddressPolicy(allowsPrivateAddresses: true, resolver: NoResolver()), timeout: .seconds(1), now: { Self.now }
        )
        let outcome = { (code: Int, headers: HTTPHeaders) in transport.outcome(of: HTTPResponseStatus(statusCode: code), headers: headers) }
        #expect(outcome(200, [:]) == .delivered && outcome(204, [:]) == .delivered)
        #expect(outcome(410, [:]) == .gone(reason: "the receiver answered 410 (gone)"))
        #expect(outcome(429, ["Retry-After": "30"]) == .failed(reason: "the receiver answered 429", retryAfter: .seconds(30)))
        #expect(outcome(503, [:]) == .failed(reason: "the receiver answered 503", retryAfter: nil))
        #expect(outcome(301, ["Location": "https://elsewhere.example/"]) == .failed(reason: "the receiver answered 301", retryAfter: nil))
        #expect(outcome(400, [:]) == .rejected(reason: "the receiver answered 400"))
        #expect(outcome(404, [:]) == .rejected(reason: "the receiver answered 404"))
    }

    private struct NoResolver: HostResolver {
        func addresses(of host: String) async throws -> [String] { [] }
    }
}
