import ChatCore
import Testing

@Suite("Search text folding")
struct SearchTextTests {
    @Test func foldingIgnoresCaseAndHowAnAccentIsWritten() {
        #expect(SearchText.fold("Straße") == SearchText.fold("STRASSE"))
        #expect(SearchText.fold("ÉCOLE") == SearchText.fold("école"))
        #expect(SearchText.fold("e\u{301}cole") == SearchText.fold("école"), "decomposed and composed accents fold alike")
        #expect(SearchText.fold("ΣΟΦΟΣ") == SearchText.fold("σοφος"))
        #expect(SearchText.fold("ecole") != SearchText.fold("école"), "accents still count")
    }

    @Test func theExcerptCentresTheHitOnTheOriginalCharacters() {
        #expect(SearchText.excerpt(of: "Ich wohne in der Hauptstraße", around: SearchText.fold("STRASSE")) == "Ich wohne in der Hauptstraße")
        #expect(SearchText.excerpt(of: "Hauptstraße 5", around: "ss", width: 3) == "…aße…")
        let long = String(repeating: "a", count: 100) + "X" + String(repeating: "b", count: 100)
        #expect(SearchText.excerpt(of: long, around: "x", width: 11) == "…aaaaaXbbbbb…")
        #expect(SearchText.excerpt(of: "Xyz", around: "x", width: 2) == "Xy…")
        #expect(SearchText.excerpt(of: "abc", around: "zz") == nil)
    }
}
