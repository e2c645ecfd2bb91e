/// The elements of one SVG image, written out as a self-contained XML document.
struct SVGDocument {
    let width: Double
    let height: Double
    private var elements: [String]

    init(width: Double, height: Double, background: RGBColor) {
        self.width = width
        self.height = height
        elements = [
            #"<rect width="\#(Self.number(width))" height="\#(Self.number(height))" fill="\#(background.svgValue)"/>"#
        ]
    }

    mutating func addStroke(_ path: QuadraticPath, color: RGBColor, width: Double) {
        elements.append(
            #"<path d="\#(path.svgPathData)" stroke="\#(color.svgValue)" stroke-width="\#(Self.number(width))"/>"#
        )
    }

    mutating func addEllipse(center: Point, radiusX: Double, radiusY: Double, color: RGBColor) {
        let attributes = [("cx", center.x), ("cy", center.y), ("rx", radiusX), ("ry", radiusY)]
            .map { name, value in "\(name)=\"\(Self.number(value))\"" }
            .joined(separator: " ")
        elements.append(#"<ellipse \#(attributes) fill="\#(color.svgValue)"/>"#)
    }

    var xml: String {
        let size = "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
        let viewBox = "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\""
        let pen = #"fill="none" stroke-linecap="round" stroke-linejoin="round""#
        return (["<svg xmlns=\"http://www.w3.org/2000/svg\" \(size) \(viewBox) \(pen)>"] + elements + ["</svg>"])
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
