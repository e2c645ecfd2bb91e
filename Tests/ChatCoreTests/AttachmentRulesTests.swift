import ChatCore
import Foundation
import Testing

@Suite("What a posted file is, and what it is called")
struct AttachmentRulesTests {
    static let allowed = ChatLimits().attachmentTypes

    static func type(_ bytes: [UInt8], declared: String) throws -> String {
        try AttachmentRules.contentType(declared: declared, bytes: Data(bytes), allowed: allowed)
    }

    @Test func imagesAndPDFsAreKnownByTheirBytesWhateverTheyDeclare() throws {
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]
        let gif = Array("GIF89a".utf8) + [1, 0]
        let webp = Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8)
        #expect(try Self.type(jpeg, declared: "Image/JPG") == "image/jpeg")
        #expect(try Self.type(gif, declared: "image/gif") == "image/gif")
        #expect(try Self.type(webp, declared: "application/octet-stream") == "image/webp")
        #expect(try Self.type(Array("%PDF-1.4".utf8), declared: "text/plain") == "application/pdf")
        #expect(try Self.type(Array("plain words".utf8), declared: "text/plain; charset=utf-8") == "text/plain")
    }

    @Test func bytesThatBelieTheirTypeOrATypeNotAllowedAreRefused() {
        let refusals: [([UInt8], String)] = [
            (Array("<svg onload=alert(1)>".utf8), "image/png"),
            (Array("GIF89a".utf8), "image/jpeg"),
            (Array("RIFF....AVI ".utf8), "image/webp"),
            (Array("<svg/>".utf8), "image/svg+xml"),
            (Array("anything".utf8), ""),
            ([0xC3, 0x28], "text/plain"),
        ]
        for (bytes, declared) in refusals {
            #expect(throws: ChatError.self, "\(declared)") { try Self.type(bytes, declared: declared) }
        }
    }

    @Test func namesLosePathsAndControlsAndKeepAtMost255Bytes() {
        #expect(AttachmentRules.cleanName("C:\\Users\\vera\\scan.pdf") == "scan.pdf")
        #expect(AttachmentRules.cleanName("../../etc/passwd") == "passwd")
        #expect(AttachmentRules.cleanName("in\u{202E}gnp.exe\u{0}\n") == "ingnp.exe")
        #expect(AttachmentRules.cleanName("  ") == "file")
        #expect(AttachmentRules.cleanName("dir/..") == "file")
        let long = AttachmentRules.cleanName(String(repeating: "é", count: 200) + ".png")
        #expect(long.utf8.count <= 255 && long.hasPrefix("éé"))
    }
}
