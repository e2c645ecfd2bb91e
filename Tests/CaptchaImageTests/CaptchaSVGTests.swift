import CaptchaImage
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Captcha images", .timeLimit(.minutes(3)))
struct CaptchaSVGTests {
    /// An answer and its image, both drawn from one seeded generator.
    static func sample(seed: UInt64, length: Int = 5) -> (answer: String, svg: String) {
        var generator = SplitMix64(seed: seed)
        let answer = CaptchaRenderer.randomAnswer(length: length, using: &generator)
        return (answer, CaptchaRenderer.svg(for: answer, using: &generator))
    }

    @Test func theSameSeedDrawsTheSameImage() {
        #expect(Self.sample(seed: 7).svg == Self.sample(seed: 7).svg)
    }

    @Test func theSameAnswerLooksDifferentEachTime() {
        var first = SplitMix64(seed: 1)
        var second = SplitMix64(seed: 2)
        #expect(CaptchaRenderer.svg(for: "HAT47", using: &first) != CaptchaRenderer.svg(for: "HAT47", using: &second))
    }

    @Test(arguments: 0..<20) func theImageIsWellFormedSVGWithNothingButShapes(seed: UInt64) throws {
        let svg = Self.sample(seed: seed).svg
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = ElementCollector()
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
        #expect(collector.names.first == "svg")
        #expect(Set(collector.names).isSubset(of: ["svg", "rect", "ellipse", "path"]))
    }

    @Test(arguments: 0..<20) func theImageHasNoTextScriptsOrOutsideReferences(seed: UInt64) {
        let svg = Self.sample(seed: seed).svg
        for forbidden in ["<text", "<script", "<image", "<foreignObject", "href", "url(", " on"] {
            #expect(!svg.contains(forbidden), "found \(forbidden)")
        }
        #expect(svg.components(separatedBy: "://").count == 2, "the SVG namespace is the only URL")
    }

    @Test func theImageHasAFixedSizeAndAViewBox() {
        let svg = Self.sample(seed: 3).svg
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="70" viewBox="0 0 200 70""#))
    }

    @Test func charactersAndNoiseAreAllPaths() {
        let svg = Self.sample(seed: 4).svg
        let pathCount = svg.components(separatedBy: "<path").count - 1
        // At least one stroke per character, plus the crossing lines and specks.
        #expect(pathCount >= 5 + 3 + 30)
    }

    @Test(arguments: 0..<200) func theAnswerNeverAppearsInTheMarkup(seed: UInt64) {
        let (answer, svg) = Self.sample(seed: seed)
        #expect(!svg.contains(answer))
    }

    @Test func theImageStaysSmall() {
        let largest = (0..<100).map { Self.sample(seed: $0, length: 6).svg.utf8.count }.max() ?? 0
        #expect(largest < 12_000)
    }

    @Test func theDataURLCarriesTheSameSVG() throws {
        var forURL = SplitMix64(seed: 9)
        var forSVG = SplitMix64(seed: 9)
        let url = CaptchaRenderer.dataURL(for: "KEY43", using: &forURL)
        let prefix = "data:image/svg+xml;base64,"
        #expect(url.hasPrefix(prefix))
        let decoded = try #require(Data(base64Encoded: String(url.dropFirst(prefix.count))))
        #expect(String(decoding: decoded, as: UTF8.self) == CaptchaRenderer.svg(for: "KEY43", using: &forSVG))
    }
}

/// Records the name of every element an `XMLParser` meets.
private final class ElementCollector: NSObject, XMLParserDelegate {
    var names: [String] = []

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        names.append(elementName)
    }
}
