import Testing

@testable import CaptchaImage

@Suite("Captcha answers and their font", .timeLimit(.minutes(3)))
struct CaptchaAnswerTests {
    @Test(arguments: [0, 1, 5, 8]) func anAnswerHasTheAskedLengthInAlphabetCharacters(length: Int) {
        var generator = SplitMix64(seed: UInt64(length))
        for _ in 0..<50 {
            let answer = CaptchaRenderer.randomAnswer(length: length, using: &generator)
            #expect(answer.count == length)
            #expect(answer.allSatisfy(CaptchaRenderer.alphabet.contains))
        }
    }

    @Test func answersUseTheWholeAlphabet() {
        var generator = SplitMix64(seed: 11)
        let used = Set(CaptchaRenderer.randomAnswer(length: 2_000, using: &generator))
        #expect(used == Set(CaptchaRenderer.alphabet))
    }

    @Test func theAlphabetHoldsAtMostOneCharacterOfEachLookAlikeGroup() {
        let lookAlikes = ["0OQD", "1IL", "2Z", "5S", "8B", "6G", "UV"]
        for group in lookAlikes {
            #expect(group.filter(CaptchaRenderer.alphabet.contains).count <= 1, "\(group)")
        }
        #expect(CaptchaRenderer.alphabet.allSatisfy { $0.isUppercase || $0.isNumber })
        #expect(Set(CaptchaRenderer.alphabet).count == CaptchaRenderer.alphabet.count)
    }

    @Test func everyAlphabetCharacterHasAGlyphInsideTheGrid() throws {
        for character in CaptchaRenderer.alphabet {
            let strokes = try #require(StrokeFont.glyphs[character], "no glyph for \(character)")
            #expect(!strokes.isEmpty)
            for point in strokes.flatMap(\.points) {
                #expect(
                    (0...StrokeFont.width).contains(point.x) && (0...StrokeFont.height).contains(point.y),
                    "\(character)")
            }
        }
    }
}
