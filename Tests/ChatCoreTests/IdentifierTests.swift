import ChatCore
import Testing

@Suite("Identifiers", .timeLimit(.minutes(3)))
struct IdentifierTests {
    @Test func shortIDsAreTwelveHexDigitsAndDistinct() {
        let ids = (0..<1000).map { _ in IdentifierGenerator.shortHex() }
        #expect(ids.allSatisfy { $0.count == 12 && $0.allSatisfy(\.isHexDigit) })
        #expect(Set(ids).count == ids.count)
    }

    @Test func uuidsAreVersionFour() {
        let uuid = IdentifierGenerator.uuid()
        let parts = uuid.split(separator: "-")
        #expect(parts.map(\.count) == [8, 4, 4, 4, 12])
        #expect(parts[2].first == "4")
        #expect("89ab".contains(parts[3].first!))
    }
}
