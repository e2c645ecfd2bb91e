import Foundation
import Testing

@testable import CaptchaImage

@Suite("Captcha colours", .timeLimit(.minutes(3)))
struct RGBColorTests {
    @Test func hslPrimariesComeOutAsRGBPrimaries() {
        #expect(RGBColor(hue: 0, saturation: 1, lightness: 0.5).svgValue == "rgb(255,0,0)")
        #expect(RGBColor(hue: 120, saturation: 1, lightness: 0.5).svgValue == "rgb(0,255,0)")
        #expect(RGBColor(hue: 240, saturation: 1, lightness: 0.5).svgValue == "rgb(0,0,255)")
        #expect(RGBColor(hue: 200, saturation: 0, lightness: 1).svgValue == "rgb(255,255,255)")
    }

    /// WCAG asks 3:1 for graphics a person must make out. Smudges are the darkest background.
    @Test func inkStandsOutFromTheBackground() {
        var generator = SplitMix64(seed: 5)
        for _ in 0..<2_000 {
            let ink = RGBColor.randomInk(using: &generator)
            let background = RGBColor.randomSmudge(using: &generator)
            #expect((luminance(of: background) + 0.05) / (luminance(of: ink) + 0.05) >= 3, "\(ink) on \(background)")
        }
    }

    private func luminance(of color: RGBColor) -> Double {
        let channels = [color.red, color.green, color.blue].map { value in
            let fraction = Double(value) / 255
            return fraction <= 0.04045 ? fraction / 12.92 : pow((fraction + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }
}
