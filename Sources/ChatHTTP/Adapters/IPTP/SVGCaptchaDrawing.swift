import CaptchaImage
import ChatCore

/// Captchas as distorted SVG images of six characters.
struct SVGCaptchaDrawing: CaptchaDrawing {
    func newChallenge() -> (answer: String, image: String) {
        var generator = SystemRandomNumberGenerator()
        let answer = CaptchaRenderer.randomAnswer(length: 6, using: &generator)
        return (answer, CaptchaRenderer.dataURL(for: answer, using: &generator))
    }
}
