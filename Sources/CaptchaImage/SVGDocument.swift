/// The elements of one SVG image, written out as a self-contained XML document.
struct SVGDocument {
    /// What a stroke is for. Known to the renderer and its tests only: never written out.
    enum Role {
        case text
        case noise
    }

    struct StrokeElement {
        var path: QuadraticPath
        var style: StrokeStyle
        var role: Role
    }

    let width: Double
    let height: Double
    /// The background and its smudges, drawn first.
    private var fills: [String]
    /// Pen strokes, text and noise alike, in the order they are drawn.
    private(set) var strokes: [StrokeElement] = []

    init(width: Double, height: Double, background: RGBColor) {
        self.width = width
        self.height = height
        fills = [
            #"<rect width="\#(Self.number(width))" height="\#(Self.number(height))" fill="\#(background.svgValue)"/>"#
        ]
    }

    mutating func addStroke(_ path: QuadraticPath, style: StrokeStyle, role: Role) {
        strokes.append(StrokeElement(path: path, style: style, role: role))
    }

    /// Puts the strokes in random order, so that no position in the markup gives away which
    /// strokes are the text.
    mutating func shuffleStrokes(using generator: inout some RandomNumberGenerator) {
        strokes.shuffle(using: &generator)
    }

    mutating func addEllipse(center: Point, radiusX: Double, radiusY: Double, color: RGBColor) {
        let attributes = [("cx", center.x), ("cy", center.y), ("rx", radiusX), ("ry", radiusY)]
            .map { name, value in "\(name)=\"\(Self.number(value))\"" }
            .joined(separator: " ")
        fills.append(#"<ellipse \#(attributes) fill="\#(color.svgValue)"/>"#)
    }

    var xml: String {
        let size = "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
        let viewBox = "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\""
        let pen = #"fill="none" stroke-linecap="round" stroke-linejoin="round""#
        let paths = strokes.map { stroke in
            #"<path d="\#(stroke.path.svgPathData)" stroke="\#(stroke.style.color.svgValue)" stroke-width="\#(Self.number(stroke.style.width))"/>"#
        }
        return (["<svg xmlns=\"http://www.w3.org/2000/svg\" \(size) \(viewBox) \(pen)>"] + fills + paths + ["</svg>"])
            .joined(separator: "\n")
    }

    /// A coordinate or length with at most one decimal: finer detail is invisible at this
    /// size and would only make the image heavier.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let whole = abs(tenths) / 10
        let fraction = abs(tenths) % 10
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}
