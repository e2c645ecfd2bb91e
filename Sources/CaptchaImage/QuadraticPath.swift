/// A pen line made of quadratic Bézier segments, the only kind of curve a captcha draws.
struct QuadraticPath {
    struct Segment {
        var control: Point
        var end: Point
    }

    var start: Point
    var segments: [Segment]

    /// The same path with every point, handles included, moved by `transform`.
    func mapped(_ transform: (Point) -> Point) -> QuadraticPath {
        QuadraticPath(
            start: transform(start),
            segments: segments.map { Segment(control: transform($0.control), end: transform($0.end)) }
        )
    }

    /// The value of an SVG `d` attribute.
    var svgPathData: String {
        var data = "M" + SVGDocument.number(start.x) + " " + SVGDocument.number(start.y)
        for segment in segments {
            let numbers = [segment.control.x, segment.control.y, segment.end.x, segment.end.y]
            data += "Q" + numbers.map(SVGDocument.number).joined(separator: " ")
        }
        return data
    }
}
