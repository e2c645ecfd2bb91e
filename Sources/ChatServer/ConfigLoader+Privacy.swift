import ChatCore
import ChatHTTP

extension ConfigLoader {
    /// What erasing a visitor does to its chats, how long visitors are kept, how large an export may grow.
    func loadPrivacy(into config: inout AppConfig) throws {
        if let mode = environment["PARLEY_ERASE_CHATS"] {
            guard let erased = ErasedChats(rawValue: mode.lowercased()) else {
                throw ConfigurationError(description: "PARLEY_ERASE_CHATS: '\(mode)' is neither anonymise nor delete")
            }
            config.privacy.erasedChats = erased
        }
        if let days = try integer("PARLEY_VISITOR_RETENTION_DAYS", in: 0...36_500) {
            config.privacy.retention = days == 0 ? nil : .seconds(days * 86_400)
        }
        config.privacy.maxExportEvents = try integer("PARLEY_MAX_EXPORT_EVENTS", in: 100...10_000_000) ?? config.privacy.maxExportEvents
    }
}
