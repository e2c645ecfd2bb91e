/// Draws the answer itself: each character in pen strokes from `StrokeFont`, placed and bent
/// on its own, every stroke in a style of the image's palette (so one character is not one colour).
enum GlyphLayer {
    static func draw(
        _ text: String,
        into document: inout SVGDocument,
        warp: WaveWarp,
        palette: InkPalette,
        using generator: inout some RandomNumberGenerator
    ) {
        let characters = Array(text.uppercased())
        guard !characters.isEmpty else { return }
        let margin = 12.0
        let advance = min(34, (document.width - 2 * margin) / Double(characters.count))
        // Leaves room in the height for rotation, baseline jitter and the wave.
        let unit = min(advance / 5, document.height / 11)
        let firstSlotX = (document.width - advance * Double(characters.count - 1)) / 2
        for (index, character) in characters.enumerated() {
            guard let strokes = StrokeFont.glyphs[character] else { continue }
            let slot = Point(x: firstSlotX + Double(index) * advance, y: document.height / 2)
            let placement = GlyphPlacement.random(around: slot, unit: unit, using: &generator)
            for stroke in strokes {
                let path = stroke.jittered(by: 0.2, using: &generator)
                    .curve(bowingBy: 0.35, using: &generator)
                    .mapped { warp.apply(placement.apply($0)) }
                document.addStroke(path, style: palette.randomStyle(using: &generator), role: .text)
            }
        }
    }
}
