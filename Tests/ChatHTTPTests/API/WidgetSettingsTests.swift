import ParleyTestSupport
import Testing

/// The widget learns what it may offer from one public answer instead of trying routes.
@Suite("Widget settings", .timeLimit(.minutes(3)))
struct WidgetSettingsTests {
    struct Settings: Codable, Equatable {
        struct Attachments: Codable, Equatable {
            let maxBytes: Int
            let contentTypes: [String]
        }

        let attachments: Attachments
        let transcripts: Bool
    }

    @Test func theSettingsSayTheFileLimitsAndWhetherTranscriptsCanBeMailed() async throws {
        try await TestWorld.run(.sqlite, configure: { config in
            config.limits.maxAttachmentBytes = 2048
            config.limits.attachmentTypes = ["image/png"]
        }) { world in
            let settings = try await world.expect(.ok, Settings.self, .get, "/v1/widget-settings")
            #expect(settings == Settings(attachments: .init(maxBytes: 2048, contentTypes: ["image/png"]), transcripts: false))
        }
        try await TestWorld.run(.sqlite, configure: { config in
            config.smtp.host = "127.0.0.1"
            config.smtp.from = "chat@example.com"
        }) { world in
            let settings = try await world.expect(.ok, Settings.self, .get, "/v1/widget-settings")
            #expect(settings.transcripts)
        }
    }
}
