import Foundation

/// A captcha as handed to a visitor.
public struct IssuedCaptcha: Sendable, Equatable {
    public var id: String
    /// The image, e.g. a `data:` URL.
    public var image: String
    public var expiresAt: Date
}

/// How captchas behave. Turning them off is meant for scripted set-ups and tests only.
public struct CaptchaPolicy: Sendable, Equatable {
    public var isRequired = true
    public var lifetime: Duration = .seconds(5 * 60)
    public var maxAnswerLength = 32

    public init() {}
}

/// What a visitor typed for which captcha.
public struct CaptchaAnswer: Sendable, Equatable {
    public var id: String
    public var answer: String

    public init(id: String, answer: String) {
        self.id = id
        self.answer = answer
    }
}

/// Issues captchas and checks answers: each captcha is single-use, expires, and is
/// compared without regard to case.
public struct CaptchaService: Sendable {
    private let store: any CaptchaStore
    private let drawing: any CaptchaDrawing
    private let policy: CaptchaPolicy
    private let now: @Sendable () -> Date

    public init(store: any CaptchaStore, drawing: any CaptchaDrawing, policy: CaptchaPolicy, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.drawing = drawing
        self.policy = policy
        self.now = now
    }

    public var isRequired: Bool { policy.isRequired }

    public func issue() async throws -> IssuedCaptcha {
        let challenge = drawing.newChallenge()
        let captcha = IssuedCaptcha(
            id: IdentifierGenerator.hex(byteCount: 12), image: challenge.image, expiresAt: now().adding(policy.lifetime)
        )
        try await store.storeCaptcha(id: captcha.id, answer: challenge.answer.lowercased(), expiresAt: captcha.expiresAt)
        return captcha
    }

    /// Uses up the captcha and throws `ChatError.captchaFailed` unless the answer matches.
    /// Does nothing when captchas are turned off. This is the one captcha rule for every way
    /// of starting a chat: faces pass on whatever answer they were given, or nil.
    public func verify(_ answer: CaptchaAnswer?) async throws {
        guard policy.isRequired else { return }
        guard let answer, Self.isWellFormed(id: answer.id), answer.answer.utf8.count <= policy.maxAnswerLength else {
            throw ChatError.captchaFailed
        }
        let expected = try await store.takeCaptcha(id: answer.id, at: now())
        let given = answer.answer.trimmingCharacters(in: .whitespaces).lowercased()
        guard let expected, expected == given else { throw ChatError.captchaFailed }
    }

    /// Ids are what `issue` makes (hex digits); anything else is refused before it reaches the store.
    private static func isWellFormed(id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
