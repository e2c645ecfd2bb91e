import Foundation

/// Captcha answers waiting to be checked.
public protocol CaptchaStore: Sendable {
    func storeCaptcha(id: String, answer: String, expiresAt: Date) async throws
    /// Removes the captcha and returns its answer, so each captcha is checked at most once.
    /// Returns nil for an unknown, used or expired captcha.
    func takeCaptcha(id: String, at date: Date) async throws -> String?
}

/// Makes a new challenge: an answer and an image of it.
public protocol CaptchaDrawing: Sendable {
    func newChallenge() -> (answer: String, image: String)
}
