import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

@Suite("Captcha storage contract", .timeLimit(.minutes(2)))
struct CaptchaContractTests {
    // Near the wall clock: storing a captcha clears those expired by the database's own clock.
    static let now = Date()

    @Test(arguments: TestBackend.available)
    func aCaptchaIsTakenOnceAndNotAfterItExpires(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            try await store.storeCaptcha(id: "c1", answer: "k7px3m", expiresAt: Self.now.addingTimeInterval(300))
            try await store.storeCaptcha(id: "c2", answer: "abc123", expiresAt: Self.now.addingTimeInterval(300))
            #expect(try await store.takeCaptcha(id: "c1", at: Self.now) == "k7px3m")
            #expect(try await store.takeCaptcha(id: "c1", at: Self.now) == nil, "used up")
            #expect(try await store.takeCaptcha(id: "unknown", at: Self.now) == nil)
            #expect(try await store.takeCaptcha(id: "c2", at: Self.now.addingTimeInterval(300)) == nil, "expired at its expiry")
            #expect(try await store.takeCaptcha(id: "c2", at: Self.now) == nil, "an expired answer is gone, not kept for later")
        }
    }

    @Test(arguments: TestBackend.available)
    func racingTakesOfOneCaptchaGetItsAnswerOnce(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            try await store.storeCaptcha(id: "contested", answer: "k7px3m", expiresAt: Self.now.addingTimeInterval(300))
            let answers = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await store.takeCaptcha(id: "contested", at: Self.now) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.compactMap { $0 } == ["k7px3m"])
        }
    }
}
