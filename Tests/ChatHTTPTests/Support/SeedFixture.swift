import Foundation

/// The seeds' example documents, kept next to each face's tests (`Adapters/<face>/Fixtures`).
enum SeedFixture {
    static func json(_ face: String, _ name: String) throws -> JSONValue {
        try JSONValue(data: Data(contentsOf: url(face, name)))
    }

    static func url(_ face: String, _ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Adapters/\(face)/Fixtures/\(name)")
    }
}
