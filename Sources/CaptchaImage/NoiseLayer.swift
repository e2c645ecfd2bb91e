/// Marks that are not the answer but are drawn like it: a person looks past them, while
/// thresholding, segmenting into connected shapes or line detection trip over them.
enum NoiseLayer {
    /// Pale blotches, so that the background is not one flat colour to threshold away.
    static func drawSmudges(
        count: Int,
        into document: inout SVGDocument,
        using generator: inout some RandomNumberGenerator
    ) {
        for _ in 0..<count {
            document.addEllipse(
                center: randomPoint(in: document, using: &generator),
                radiusX: Double.random(in: 12...40, using: &generator),
                radiusY: Double.random(in: 8...25, using: &generator),
                color: .randomSmudge(using: &generator)
            )
        }
    }

    /// Curves from edge to edge through the text, in the text's styles, so that the
    /// characters do not come apart as separate shapes. One line per style given.
    static func drawCrossingLines(
        styles: [StrokeStyle],
        into document: inout SVGDocument,
        warp: WaveWarp,
        using generator: inout some RandomNumberGenerator
    ) {
        let pointCount = 5
        for style in styles {
            let points = (0..<pointCount).map { index in
                Point(
                    x: -5 + (document.width + 10) * Double(index) / Double(pointCount - 1),
                    y: Double.random(in: (document.height * 0.1)...(document.height * 0.9), using: &generator)
                )
            }
            let path = Stroke(points: points, isSmooth: true).curve(bowingBy: 0, using: &generator)
            document.addStroke(path.mapped(warp.apply), style: style, role: .noise)
        }
    }

    /// Dots and short curls scattered over the whole image, in the text's styles. One speck
    /// per style given.
    static func drawSpecks(
        styles: [StrokeStyle],
        into document: inout SVGDocument,
        warp: WaveWarp,
        using generator: inout some RandomNumberGenerator
    ) {
        for style in styles {
            let start = randomPoint(in: document, using: &generator)
            let speck: Stroke
            if Bool.random(using: &generator) {
                // A dot: a line too short to see, with round caps.
                speck = Stroke(points: [start, Point(x: start.x + 0.2, y: start.y)], isSmooth: false)
            } else {
                let bend = start.jittered(by: 7, using: &generator)
                let end = start.jittered(by: 9, using: &generator)
                speck = Stroke(points: [start, bend, end], isSmooth: true)
            }
            document.addStroke(speck.curve(bowingBy: 0, using: &generator).mapped(warp.apply), style: style, role: .noise)
        }
    }

    private static func randomPoint(
        in document: SVGDocument,
        using generator: inout some RandomNumberGenerator
    ) -> Point {
        Point(
            x: Double.random(in: 0...document.width, using: &generator),
            y: Double.random(in: 0...document.height, using: &generator)
        )
    }
}
