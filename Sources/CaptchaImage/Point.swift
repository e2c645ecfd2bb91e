/// A position, on a glyph's grid or on the canvas (y grows downwards in both).
struct Point {
    var x: Double
    var y: Double

    func midpoint(to other: Point) -> Point {
        Point(x: (x + other.x) / 2, y: (y + other.y) / 2)
    }

    /// This point moved by up to `radius` along each axis.
    func jittered(by radius: Double, using generator: inout some RandomNumberGenerator) -> Point {
        Point(
            x: x + Double.random(in: -radius...radius, using: &generator),
            y: y + Double.random(in: -radius...radius, using: &generator)
        )
    }
}
