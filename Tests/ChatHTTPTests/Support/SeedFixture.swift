import Foundation

/// The seeds' example documents, kept next to each face's tests (`Adapters/<face>/Fixtures`).
enum SeedFixture {
    static func json(_ face: String, _ name: String) throws -> JSONValue {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Adapters/\(face)/Fixtures/\(name)")
        return try JSONValue(data: Data(contentsOf: url))
    }
}
