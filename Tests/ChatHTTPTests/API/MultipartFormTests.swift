import Foundation
import NIOCore
import Testing

@testable import ChatHTTP

@Suite("Reading a multipart form")
struct MultipartFormTests {
    static func form(_ text: String) throws -> MultipartForm {
        try MultipartForm(ByteBuffer(string: text.replacingOccurrences(of: "\n", with: "\r\n")), boundary: "b0und")
    }

    @Test func partsKeepTheirNamesFilenamesTypesAndBytes() throws {
        let form = try Self.form("""
            preamble
            --b0und
            Content-Disposition: form-data; name="clientMessageId"

            c-1
            --b0und
            content-disposition: form-data; name="file"; filename="a \\"quoted\\" name.txt"; filename*=UTF-8''na%C3%AFve.txt
            Content-Type: text/plain

            line one
            line two
            --b0und--
            epilogue
            """)
        let file = try #require(try form.part(named: "file"))
        #expect(file.filename == "naïve.txt" && file.contentType == "text/plain")
        #expect(String(decoding: file.body, as: UTF8.self) == "line one\r\nline two")
        #expect(try form.part(named: "clientMessageId").map { String(decoding: $0.body, as: UTF8.self) } == "c-1")
        #expect(try form.part(named: "other") == nil)
    }

    @Test func aBoundaryComesFromAFormContentTypeOnly() throws {
        #expect(try MultipartForm.boundary(of: #"multipart/form-data; boundary="a:b""#) == "a:b")
        for type in [nil, "application/json", "multipart/form-data", "multipart/mixed; boundary=x"] {
            #expect(throws: APIError.self) { try MultipartForm.boundary(of: type) }
        }
    }

    @Test func aCutOrHeaderlessOrRepeatedPartIsMalformed() throws {
        let malformed = [
            "--b0und\nContent-Disposition: form-data; name=\"file\"\n\nno end",
            "--b0und\nContent-Disposition: attachment; name=\"file\"\n\nx\n--b0und--",
            "--b0und\nContent-Type: text/plain\n\nx\n--b0und--",
            "no boundary at all",
        ]
        for text in malformed {
            #expect(throws: APIError.self, "\(text)") { try Self.form(text) }
        }
        let twice = try Self.form("--b0und\nContent-Disposition: form-data; name=\"file\"\n\nx\n--b0und\nContent-Disposition: form-data; name=\"file\"\n\ny\n--b0und--")
        #expect(throws: APIError.self) { try twice.part(named: "file") }
    }
}
