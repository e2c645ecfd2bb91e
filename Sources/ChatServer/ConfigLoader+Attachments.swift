import ChatCore
import ChatHTTP

extension ConfigLoader {
    /// How large attachments may be, which types they may have, and how long signed links to them work.
    func loadAttachments(into config: inout AppConfig) throws {
        config.limits.maxAttachmentBytes = try integer("PARLEY_MAX_ATTACHMENT_BYTES", in: 1...(1 << 30)) ?? config.limits.maxAttachmentBytes
        if let list = environment["PARLEY_ATTACHMENT_TYPES"] {
            let types = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let shape = /[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*/
            guard !types.isEmpty, types.count <= 100, types.allSatisfy({ $0.utf8.count <= 127 && $0.wholeMatch(of: shape) != nil }) else {
                throw ConfigurationError(
                    description: "PARLEY_ATTACHMENT_TYPES: '\(list)' is not a comma-separated list of content types such as image/png,application/pdf"
                )
            }
            config.limits.attachmentTypes = types
        }
        if let seconds = try integer("PARLEY_ATTACHMENT_LINK_SECONDS", in: 60...604_800) {
            config.attachmentLinkLifetime = .seconds(seconds)
        }
    }
}
