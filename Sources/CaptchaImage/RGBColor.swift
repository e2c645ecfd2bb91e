/// A colour, picked in HSL terms and written out as SVG `rgb(...)`.
struct RGBColor: Hashable {
    var red: Int
    var green: Int
    var blue: Int

    /// `hue` in degrees, `saturation` and `lightness` from 0 to 1.
    init(hue: Double, saturation: Double, lightness: Double) {
        let chroma = (1 - abs(2 * lightness - 1)) * saturation
        let sector = hue.truncatingRemainder(dividingBy: 360) / 60
        let second = chroma * (1 - abs(sector.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double) =
            switch Int(sector) {
            case 0: (chroma, second, 0)
            case 1: (second, chroma, 0)
            case 2: (0, chroma, second)
            case 3: (0, second, chroma)
            case 4: (second, 0, chroma)
            default: (chroma, 0, second)
            }
        let lift = lightness - chroma / 2
        red = Int(((r + lift) * 255).rounded())
        green = Int(((g + lift) * 255).rounded())
        blue = Int(((b + lift) * 255).rounded())
    }

    /// A dark colour for text and the noise that mimics it. Dark enough to keep at least
    /// 3:1 contrast against any background colour, even for yellows, which look lightest.
    static func randomInk(using generator: inout some RandomNumberGenerator) -> RGBColor {
        random(saturation: 0.4...0.7, lightness: 0.12...0.24, using: &generator)
    }

    /// A pale background colour.
    static func randomPaper(using generator: inout some RandomNumberGenerator) -> RGBColor {
        random(saturation: 0.2...0.5, lightness: 0.92...0.97, using: &generator)
    }

    /// A light colour for background smudges: darker than paper, far lighter than ink.
    static func randomSmudge(using generator: inout some RandomNumberGenerator) -> RGBColor {
        random(saturation: 0.2...0.5, lightness: 0.84...0.9, using: &generator)
    }

    // Not hex: hex digits overlap the captcha alphabet, and no answer may show up in the markup.
    var svgValue: String { "rgb(\(red),\(green),\(blue))" }

    private static func random(
        saturation: ClosedRange<Double>,
        lightness: ClosedRange<Double>,
        using generator: inout some RandomNumberGenerator
    ) -> RGBColor {
        RGBColor(
            hue: Double.random(in: 0..<360, using: &generator),
            saturation: Double.random(in: saturation, using: &generator),
            lightness: Double.random(in: lightness, using: &generator)
        )
    }
}
