import Foundation
import Testing

@testable import CaptchaImage

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A bot that reads the markup must find nothing that sets the answer's strokes apart from
/// the noise: not their colour, width, any other attribute, nor their place in the document.
@Suite("Captcha text among its noise")
struct TextAmongNoiseTests {
    static func document(seed: UInt64, length: Int = 6) -> (answer: String, document: SVGDocument) {
        var generator = SplitMix64(seed: seed)
        let answer = CaptchaRenderer.randomAnswer(length: length, using: &generator)
        return (answer, CaptchaRenderer.document(for: answer, using: &generator))
    }

    /// A stroke's style as the markup shows it.
    static func markup(of style: StrokeStyle) -> String {
        "\(style.color.svgValue) \(SVGDocument.number(style.width))"
    }

    @Test(arguments: 0..<50) func everyStyleOfTheTextIsAlsoAStyleOfTheNoise(seed: UInt64) {
        let strokes = Self.document(seed: seed).document.strokes
        let text = Set(strokes.filter { $0.role == .text }.map { Self.markup(of: $0.style) })
        let noise = Set(strokes.filter { $0.role == .noise }.map { Self.markup(of: $0.style) })
        #expect(!text.isEmpty)
        #expect(text.isSubset(of: noise), "text-only styles: \(text.subtracting(noise))")
    }

    @Test(arguments: 0..<50) func theTextIsNotOneColourNorOneWidth(seed: UInt64) {
        let text = Self.document(seed: seed).document.strokes.filter { $0.role == .text }
        #expect(Set(text.map(\.style.color)).count > 1)
        #expect(Set(text.map(\.style.width)).count > 1)
    }

    @Test(arguments: 0..<50) func textStrokesAreInterleavedWithNoiseInTheDocument(seed: UInt64) throws {
        let roles = Self.document(seed: seed).document.strokes.map(\.role)
        let positions = roles.indices.filter { roles[$0] == .text }
        let first = try #require(positions.first)
        let last = try #require(positions.last)
        #expect(last - first + 1 > positions.count, "some noise is drawn between the first and the last text stroke")
    }

    @Test(arguments: 0..<20) func everyPathCarriesTheSameAttributesAndNothingElse(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let svg = CaptchaRenderer.svg(for: CaptchaRenderer.randomAnswer(length: 6, using: &generator), using: &generator)
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = PathAttributeCollector()
        parser.delegate = collector
        #expect(parser.parse())
        #expect(collector.attributeNames.count >= 3 + 30 + 6, "the noise's strokes and at least one per character")
        #expect(Set(collector.attributeNames) == [["d", "stroke", "stroke-width"]])
    }

    @Test(arguments: 0..<50) func everyCharacterIsDrawnWithAllItsStrokesInsideTheImage(seed: UInt64) throws {
        let (answer, document) = Self.document(seed: seed)
        #expect(answer.count == 6)
        let text = document.strokes.filter { $0.role == .text }
        let expected = try answer.reduce(0) { count, character in
            count + (try #require(StrokeFont.glyphs[character], "no glyph for \(character)")).count
        }
        #expect(text.count == expected)
        for stroke in text {
            let points = [stroke.path.start] + stroke.path.segments.flatMap { [$0.control, $0.end] }
            #expect(points.allSatisfy { (0...document.width).contains($0.x) && (0...document.height).contains($0.y) })
        }
    }
}

/// Records the attribute names of every `<path>` an `XMLParser` meets.
private final class PathAttributeCollector: NSObject, XMLParserDelegate {
    var attributeNames: [Set<String>] = []

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if elementName == "path" { attributeNames.append(Set(attributes.keys)) }
    }
}
