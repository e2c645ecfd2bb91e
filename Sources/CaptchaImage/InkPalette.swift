/// How a pen line is drawn: its ink and its width.
struct StrokeStyle: Hashable {
    var color: RGBColor
    var width: Double
}

/// The few inks and pen widths of one image. Text and noise are both drawn from it, so that
/// no colour or width tells a character's strokes from the noise around them.
struct InkPalette {
    let inks: [RGBColor]
    /// Thinnest first.
    let widths: [Double]

    /// Three dark inks and three pen widths.
    static func random(using generator: inout some RandomNumberGenerator) -> InkPalette {
        InkPalette(
            inks: (0..<3).map { _ in RGBColor.randomInk(using: &generator) },
            widths: [2.0...2.3, 2.5...2.8, 3.0...3.3].map { Double.random(in: $0, using: &generator) }
        )
    }

    /// Every ink with every width.
    var styles: [StrokeStyle] {
        inks.flatMap { ink in widths.map { StrokeStyle(color: ink, width: $0) } }
    }

    /// Any style of the palette.
    func randomStyle(using generator: inout some RandomNumberGenerator) -> StrokeStyle {
        StrokeStyle(color: randomInk(using: &generator), width: widths[Int.random(in: widths.indices, using: &generator)])
    }

    /// A style in the thinnest width, for long lines through the text: as thin as some of the
    /// text's strokes, and thin enough to leave the characters readable.
    func thinStyle(using generator: inout some RandomNumberGenerator) -> StrokeStyle {
        StrokeStyle(color: randomInk(using: &generator), width: widths[0])
    }

    /// Styles for `count` noise strokes: every style of the palette once (when `count` allows),
    /// then any, in random order. Whatever style a character's stroke has, noise has it too.
    func noiseStyles(count: Int, using generator: inout some RandomNumberGenerator) -> [StrokeStyle] {
        let extra = (0..<max(0, count - styles.count)).map { _ in randomStyle(using: &generator) }
        return Array((styles + extra).shuffled(using: &generator).prefix(count))
    }

    private func randomInk(using generator: inout some RandomNumberGenerator) -> RGBColor {
        inks[Int.random(in: inks.indices, using: &generator)]
    }
}
