import Foundation

/// Where one character lands on the canvas, and how it is turned and sized: the part of the
/// distortion that moves a glyph as a whole.
struct GlyphPlacement {
    var center: Point
    /// Canvas pixels per grid unit of `StrokeFont`.
    var scale: Double
    /// Radians, clockwise.
    var rotation: Double

    static let maximumRotation = 25 * Double.pi / 180

    /// A placement around `slot`, the spot an undistorted character would take.
    static func random(
        around slot: Point,
        unit: Double,
        using generator: inout some RandomNumberGenerator
    ) -> GlyphPlacement {
        GlyphPlacement(
            center: Point(
                x: slot.x + Double.random(in: -0.35...0.35, using: &generator) * unit,
                y: slot.y + Double.random(in: -0.8...0.8, using: &generator) * unit
            ),
            scale: unit * Double.random(in: 0.85...1.12, using: &generator),
            rotation: Double.random(in: -maximumRotation...maximumRotation, using: &generator)
        )
    }

    /// The canvas position of a point on the glyph grid.
    func apply(_ point: Point) -> Point {
        let x = (point.x - StrokeFont.width / 2) * scale
        let y = (point.y - StrokeFont.height / 2) * scale
        return Point(
            x: center.x + x * cos(rotation) - y * sin(rotation),
            y: center.y + x * sin(rotation) + y * cos(rotation)
        )
    }
}
