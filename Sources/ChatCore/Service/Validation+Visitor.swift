/// Checks of what a web page and a pre-chat form tell about a visitor.
extension Validate {
    /// The connection's and browser's facts, cleaned (never refused) like every profile field.
    static func profile(_ profile: VisitorProfile, limits: ChatLimits) -> VisitorProfile {
        VisitorProfile(
            userAgent: profileField(profile.userAgent, limits: limits),
            ipAddress: profileField(profile.ipAddress, limits: limits),
            language: profileField(profile.language, limits: limits),
            sourceURL: profileField(profile.sourceURL, limits: limits),
            screenResolution: profileField(profile.screenResolution, limits: limits),
            timeZone: profileField(profile.timeZone, limits: limits)
        )
    }

    /// Custom variables a page sets: at most `maxCustomVariables`, each with a one-line name;
    /// a repeated name keeps its last value.
    static func customVariables(_ variables: [CustomVariable], limits: ChatLimits) throws -> [CustomVariable] {
        try pairs(variables, field: .customVariables, limits: limits)
    }

    /// The pre-chat form's other answers, bounded like custom variables.
    static func formFields(_ fields: [CustomVariable], limits: ChatLimits) throws -> [CustomVariable] {
        try pairs(fields, field: .formFields, limits: limits)
    }

    /// A page view's address: required, and bounded like a profile field (but refused, not cut,
    /// since a cut address names another page).
    static func pageURL(_ url: String, limits: ChatLimits) throws -> String {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.fits(characters: limits.maxProfileFieldLength, bytes: limits.maxProfileFieldBytes),
              !url.unicodeScalars.contains(where: \.isControlCode)
        else {
            throw ChatError.invalidField(
                field: .pageURL, reason: "must be an address of 1 to \(limits.maxProfileFieldBytes) bytes without control characters"
            )
        }
        return trimmed
    }

    private static func pairs(_ pairs: [CustomVariable], field: ChatField, limits: ChatLimits) throws -> [CustomVariable] {
        guard pairs.count <= limits.maxCustomVariables else {
            throw ChatError.invalidField(field: field, reason: "may hold at most \(limits.maxCustomVariables) entries")
        }
        var kept: [CustomVariable] = []
        for pair in pairs {
            let name = try label(pair.name, field: field, characters: limits.maxNameLength, bytes: limits.maxNameBytes)
            guard pair.value.fits(characters: limits.maxCustomValueLength, bytes: limits.maxCustomValueBytes),
                  pair.url.fits(characters: limits.maxProfileFieldLength, bytes: limits.maxProfileFieldBytes)
            else {
                throw ChatError.invalidField(
                    field: field,
                    reason: "values may hold at most \(limits.maxCustomValueLength) characters (\(limits.maxCustomValueBytes) bytes)"
                        + " and URLs \(limits.maxProfileFieldBytes) bytes"
                )
            }
            try refuseNull(pair.value, field: field)
            try refuseNull(pair.url, field: field)
            kept.removeAll { $0.name == name }
            kept.append(CustomVariable(name: name, value: pair.value, url: pair.url))
        }
        return kept
    }
}
