import Foundation

/// The captcha's own stroke font, so that no text or font glyph ever reaches the image.
///
/// Each glyph sits on a grid `width` units wide and `height` units tall, y growing downwards.
/// One line per glyph: strokes are split by `|`, points are `x,y`, and a stroke starting with
/// `~` is smooth (its points are curve handles, see `Stroke`).
enum StrokeFont {
    static let width = 4.0
    static let height = 6.0

    static let glyphs: [Character: [Stroke]] = outlines.mapValues(strokes(from:))

    private static let outlines: [Character: String] = [
        "A": "0,6 2,0 4,6 | 0.9,4 3.1,4",
        "C": "~4,1 4,0 0,0 0,6 4,6 4,5",
        "D": "0,0 0,6 | ~0,0 4,0 4,6 0,6",
        "E": "4,0 0,0 0,6 4,6 | 0,3 3,3",
        "F": "4,0 0,0 0,6 | 0,3 3,3",
        "H": "0,0 0,6 | 4,0 4,6 | 0,3 4,3",
        "J": "1.5,0 4,0 | ~4,0 4,4 4,6 2,6 0,6 0,4.5",
        "K": "0,0 0,6 | 4,0 0.3,3.3 4,6",
        "L": "0,0 0,6 4,6",
        "M": "0,6 0,0 2,4 4,0 4,6",
        "N": "0,6 0,0 4,6 4,0",
        "P": "0,6 0,0 | ~0,0 3,0 4,0 4,3.2 3,3.2 0,3.2",
        "R": "0,6 0,0 | ~0,0 3,0 4,0 4,3.2 3,3.2 0,3.2 | 1.8,3.2 4,6",
        "T": "0,0 4,0 | 2,0 2,6",
        "U": "~0,0 0,4.5 0,6 4,6 4,4.5 4,0",
        "W": "0,0 1,6 2,2 3,6 4,0",
        "X": "0,0 4,6 | 4,0 0,6",
        "Y": "0,0 2,3 4,0 | 2,3 2,6",
        "3": "~0,0.5 0.5,0 4,0 4,3 1.5,3 | ~1.5,3 4,3 4,6 0.5,6 0,5.5",
        "4": "0.6,0 0,4 4,4 | 3,1.6 3,6",
        "6": "~3.5,0 0,0.3 0,6 4,6 4,3 0,3 0,4.5",
        "7": "0,0 4,0 1.5,6",
        "9": "~0.5,6 4,5.7 4,0 0,0 0,3 4,3 4,1.5",
    ]

    private static func strokes(from outline: String) -> [Stroke] {
        outline.split(separator: "|").map { stroke in
            let text = stroke.trimmingCharacters(in: .whitespaces)
            let isSmooth = text.hasPrefix("~")
            let points = text.drop { $0 == "~" }.split(separator: " ").map(point)
            precondition(points.count >= 2, "Stroke '\(text)' in the stroke font has fewer than two points")
            return Stroke(points: points, isSmooth: isSmooth)
        }
    }

    private static func point(_ text: Substring) -> Point {
        let coordinates = text.split(separator: ",").compactMap { Double($0) }
        precondition(coordinates.count == 2, "Bad point '\(text)' in the stroke font")
        return Point(x: coordinates[0], y: coordinates[1])
    }
}
