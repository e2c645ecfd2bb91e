import Foundation

/// Field checks shared by every service. Each returns the cleaned value or throws
/// `ChatError.invalidField` naming the field. Every text is bounded in characters and in
/// UTF-8 bytes, and none may hold U+0000, so both databases store exactly the same texts.
enum Validate {
    /// A person's or a department's name: one line, no controls or bidi overrides.
    static func name(_ value: String, limits: ChatLimits) throws -> String {
        try label(value, field: .name, characters: limits.maxNameLength, bytes: limits.maxNameBytes)
    }

    /// A custom away status's name.
    static func awayStatus(_ value: String, limits: ChatLimits) throws -> String {
        try label(value, field: .awayStatusName, characters: limits.maxAwayStatusLength, bytes: limits.maxAwayStatusBytes)
    }

    /// A pragmatic email check: one "@", a non-empty local part, a dotted domain, no spaces
    /// or controls.
    static func email(_ value: String, field: ChatField = .email, limits: ChatLimits) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        let valid = trimmed.fits(characters: limits.maxEmailLength, bytes: limits.maxEmailBytes)
            && parts.count == 2
            && !parts[0].isEmpty
            && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !trimmed.contains(where: { $0.isWhitespace || $0.isNewline })
            && !trimmed.unicodeScalars.contains(where: \.isForbiddenInLabel)
        guard valid else {
            throw ChatError.invalidField(
                field: field, reason: "must be a valid email address of at most \(limits.maxEmailBytes) bytes"
            )
        }
        return trimmed
    }

    /// A line, a note or a transfer note. Any text but U+0000, within both limits.
    static func message(_ value: String, field: ChatField, limits: ChatLimits) throws -> String {
        guard value.utf8.count <= limits.maxMessageBytes else {
            throw ChatError.messageTooLarge(field: field, byteLimit: limits.maxMessageBytes)
        }
        guard value.count <= limits.maxMessageLength else {
            throw ChatError.messageTooLong(field: field, limit: limits.maxMessageLength)
        }
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ChatError.invalidField(field: field, reason: "must not be empty")
        }
        try refuseNull(value, field: field)
        return value
    }

    /// A password to set. bcrypt reads 72 bytes at most and stops at U+0000, so a password
    /// beyond either would not be the one checked at login.
    static func password(_ value: String, limits: ChatLimits) throws -> String {
        guard value.count >= limits.minPasswordLength else {
            throw ChatError.invalidField(field: .password, reason: "must be at least \(limits.minPasswordLength) characters")
        }
        guard value.utf8.count <= limits.maxPasswordBytes else {
            throw ChatError.invalidField(
                field: .password,
                reason: "must be at most \(limits.maxPasswordBytes) bytes of UTF-8, all bcrypt reads (a shorter passphrase, or fewer non-ASCII letters)"
            )
        }
        try refuseNull(value, field: .password)
        return value
    }

    static func clientMessageID(_ value: String?, limits: ChatLimits) throws -> String? {
        guard let value else { return nil }
        guard !value.isEmpty, value.fits(characters: limits.maxClientMessageIDLength, bytes: limits.maxClientMessageIDBytes) else {
            throw ChatError.invalidField(
                field: .clientMessageID,
                reason: "must be 1 to \(limits.maxClientMessageIDLength) characters and at most \(limits.maxClientMessageIDBytes) bytes"
            )
        }
        guard !value.unicodeScalars.contains(where: \.isControlCode) else {
            throw ChatError.invalidField(field: .clientMessageID, reason: "must not contain control characters")
        }
        return value
    }

    /// Optional free text from the visitor's connection, cleaned rather than refused: a long
    /// or odd user agent must not stop a visitor from chatting. Controls are dropped and the
    /// rest is cut at a character boundary within both limits.
    static func profileField(_ value: String?, limits: ChatLimits) -> String? {
        guard let value else { return nil }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: value.unicodeScalars.filter { !$0.isControlCode })
        let cleaned = String(scalars).prefix(characters: limits.maxProfileFieldLength, bytes: limits.maxProfileFieldBytes)
        return cleaned.isEmpty ? nil : cleaned
    }

    static func pageSize(_ value: Int, limits: ChatLimits) throws -> Int {
        guard value >= 1, value <= limits.maxPageSize else {
            throw ChatError.invalidField(field: .pageSize, reason: "must be between 1 and \(limits.maxPageSize)")
        }
        return value
    }

    /// A one-line text: trimmed, not empty, within both limits, without controls, bidi
    /// overrides or line separators. Joiners (ZWNJ, ZWJ) and soft hyphens are welcome.
    static func label(_ value: String, field: ChatField, characters: Int, bytes: Int) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ChatError.invalidField(field: field, reason: "must not be empty") }
        guard trimmed.fits(characters: characters, bytes: bytes) else {
            throw ChatError.invalidField(field: field, reason: "must be at most \(characters) characters and \(bytes) bytes")
        }
        guard !trimmed.unicodeScalars.contains(where: \.isForbiddenInLabel) else {
            throw ChatError.invalidField(field: field, reason: "must not contain control characters, bidi overrides or line separators")
        }
        return trimmed
    }

    static func refuseNull(_ value: String, field: ChatField) throws {
        guard !value.unicodeScalars.contains(where: \.isNull) else {
            throw ChatError.invalidField(field: field, reason: "must not contain U+0000")
        }
    }
}
