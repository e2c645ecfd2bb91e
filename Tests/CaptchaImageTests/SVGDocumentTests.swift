import Testing

@testable import CaptchaImage

@Suite("Captcha SVG numbers", .timeLimit(.minutes(3)))
struct SVGDocumentTests {
    @Test func numbersKeepOneDecimalAtMost() {
        #expect(SVGDocument.number(12.34) == "12.3")
        #expect(SVGDocument.number(3) == "3")
        #expect(SVGDocument.number(-0.26) == "-0.3")
        #expect(SVGDocument.number(-0.04) == "0")
        #expect(SVGDocument.number(199.96) == "200")
    }
}
