import ChatCore
import ChatHTTP

extension ConfigLoader {
    /// How much one message may hold, how fast a session may write, and how large a chat may grow.
    func loadChatLimits(into config: inout AppConfig) throws {
        var limits = config.limits
        limits.maxMessageLength = try integer("PARLEY_MAX_MESSAGE_LENGTH", in: 1...1_000_000) ?? limits.maxMessageLength
        limits.maxMessageBytes = try integer("PARLEY_MAX_MESSAGE_BYTES", in: 1...4_000_000) ?? limits.maxMessageBytes
        limits.messagesPerMinute = try integer("PARLEY_MESSAGES_PER_MINUTE", in: 1...1_000_000) ?? limits.messagesPerMinute
        limits.messageBurst = try integer("PARLEY_MESSAGE_BURST", in: 1...1_000_000) ?? limits.messageBurst
        limits.typingPerMinute = try integer("PARLEY_TYPING_PER_MINUTE", in: 1...1_000_000) ?? limits.typingPerMinute
        limits.typingBurst = try integer("PARLEY_TYPING_BURST", in: 1...1_000_000) ?? limits.typingBurst
        limits.maxChatEvents = try integer("PARLEY_MAX_CHAT_EVENTS", in: 10...100_000_000) ?? limits.maxChatEvents
        config.limits = limits
    }
}
