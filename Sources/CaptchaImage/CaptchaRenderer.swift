import Foundation

/// Draws image captchas: an answer in distorted pen strokes among look-alike noise, as a
/// self-contained SVG. Every random choice comes from the caller's generator.
public enum CaptchaRenderer {
    /// The characters a captcha is made of: no look-alikes (0/O, 1/I/l, 5/S, 2/Z, 8/B...).
    public static let alphabet: [Character] = Array("ACDEFHJKLMNPRTUWXY34679")

    static let width = 200.0
    static let height = 70.0

    /// A random answer of `length` characters from `alphabet`.
    public static func randomAnswer(length: Int, using generator: inout some RandomNumberGenerator) -> String {
        String((0..<length).map { _ in alphabet[Int.random(in: alphabet.indices, using: &generator)] })
    }

    /// A self-contained SVG image of `text` that a person reads easily and naive OCR does not.
    ///
    /// Meant for answers from `randomAnswer`: lowercase letters are drawn as capitals, and
    /// characters with no glyph in the captcha's font leave a gap.
    public static func svg(for text: String, using generator: inout some RandomNumberGenerator) -> String {
        document(for: text, using: &generator).xml
    }

    /// The image before it is written out, with each stroke's role still known (for tests).
    static func document(for text: String, using generator: inout some RandomNumberGenerator) -> SVGDocument {
        var document = SVGDocument(width: width, height: height, background: .randomPaper(using: &generator))
        let warp = WaveWarp.random(using: &generator)
        let palette = InkPalette.random(using: &generator)
        let lines = (0..<crossingLines).map { _ in palette.thinStyle(using: &generator) }
        let specks = palette.noiseStyles(count: speckCount, using: &generator)
        NoiseLayer.drawSmudges(count: 5, into: &document, using: &generator)
        NoiseLayer.drawCrossingLines(styles: lines, into: &document, warp: warp, using: &generator)
        NoiseLayer.drawSpecks(styles: specks, into: &document, warp: warp, using: &generator)
        GlyphLayer.draw(text, into: &document, warp: warp, palette: palette, using: &generator)
        // Text and noise in one random order: neither the markup's order nor any attribute
        // says which strokes are the answer.
        document.shuffleStrokes(using: &generator)
        return document
    }

    private static let crossingLines = 3
    private static let speckCount = 30

    /// The SVG as a `data:image/svg+xml;base64,...` URL, ready for an <img src>.
    public static func dataURL(for text: String, using generator: inout some RandomNumberGenerator) -> String {
        "data:image/svg+xml;base64," + Data(svg(for: text, using: &generator).utf8).base64EncodedString()
    }
}
