import ChatCore
import ChatHTTP
import HTTPTypes
import ParleyTestSupport
import Testing

/// Per-address limits behind a trusted proxy: a client cannot change bucket by writing a port
/// in `X-Forwarded-For` or by moving within its IPv6 /64.
@Suite("Rate limits per client address")
struct RateLimitByAddressTests {
    @Test(arguments: TestBackend.available)
    func anIPv6ClientCountsByItsSlash64AndAnIPv4ClientByItsAddress(_ backend: TestBackend) async throws {
        let configure = { (config: inout AppConfig) in
            config.trustedProxies = ["127.0.0.1", "::1"].compactMap(AddressRange.init)
            config.http.captchasPerMinute = 1
        }
        try await TestWorld.run(backend, .ahc(.http), configure: configure) { world async throws in
            func captcha(forwardedFor: String) async throws -> HTTPResponse.Status {
                try await world.call(.get, "/v1/captcha", headers: [HTTPField.Name("X-Forwarded-For")!: forwardedFor]).status
            }
            #expect(try await captcha(forwardedFor: "2001:db8:1:2::1") == .ok)
            #expect(try await captcha(forwardedFor: "2001:db8:1:2::99") == .tooManyRequests, "another address of the same /64")
            #expect(try await captcha(forwardedFor: "2001:db8:1:3::1") == .ok, "another /64")
            #expect(try await captcha(forwardedFor: "198.51.100.1, [2001:db8:1:3::5]:443") == .tooManyRequests,
                    "a hop with a port is the client's; the forged hop before it is not believed")
            #expect(try await captcha(forwardedFor: "203.0.113.7:5555") == .ok)
            #expect(try await captcha(forwardedFor: "198.51.100.2, 203.0.113.7") == .tooManyRequests)
            #expect(try await captcha(forwardedFor: "::ffff:203.0.113.7") == .tooManyRequests, "an IPv4-mapped address is the IPv4 address")
            #expect(try await captcha(forwardedFor: "203.0.113.8") == .ok, "IPv4 neighbours do not share a bucket")
        }
    }
}
