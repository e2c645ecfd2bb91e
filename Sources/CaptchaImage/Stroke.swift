/// One pen movement: a polyline whose corners are kept, or, when smooth, whose points are
/// the handles of a curve that runs through their midpoints (how the round letters are drawn).
struct Stroke {
    /// At least two.
    var points: [Point]
    var isSmooth: Bool

    /// The stroke with every point moved by up to `radius` along each axis.
    func jittered(by radius: Double, using generator: inout some RandomNumberGenerator) -> Stroke {
        Stroke(points: points.map { $0.jittered(by: radius, using: &generator) }, isSmooth: isSmooth)
    }

    /// The stroke as curves. Straight parts bow sideways by up to `bow`, so that no segment
    /// is a ruler-straight line for a line detector to find.
    func curve(bowingBy bow: Double, using generator: inout some RandomNumberGenerator) -> QuadraticPath {
        let start = points[0]
        if isSmooth && points.count > 2 {
            return QuadraticPath(start: start, segments: smoothSegments())
        }
        let segments = zip(points, points.dropFirst()).map { from, to in
            QuadraticPath.Segment(control: from.midpoint(to: to).jittered(by: bow, using: &generator), end: to)
        }
        return QuadraticPath(start: start, segments: segments)
    }

    private func smoothSegments() -> [QuadraticPath.Segment] {
        let handles = points.dropFirst().dropLast()
        return handles.indices.map { index in
            let isLast = index == handles.indices.last
            let end = isLast ? points[index + 1] : points[index].midpoint(to: points[index + 1])
            return QuadraticPath.Segment(control: points[index], end: end)
        }
    }
}
