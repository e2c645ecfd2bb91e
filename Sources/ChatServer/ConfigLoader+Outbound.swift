import BusinessHours
import ChatCore
import ChatHTTP
import Foundation

extension ConfigLoader {
    /// RapidPro, webhooks and the outbox's sender.
    func loadOutbound(into config: inout AppConfig) throws {
        switch (environment["PARLEY_RAPIDPRO_URL"], environment["PARLEY_RAPIDPRO_TOKEN"]) {
        case (nil, nil):
            break
        case (let url?, let token?):
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil,
                  url.utf8.count <= 2048
            else {
                throw ConfigurationError(description: "PARLEY_RAPIDPRO_URL: '\(url)' is not an http or https URL")
            }
            guard !token.isEmpty, token.utf8.count <= 512, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ConfigurationError(description: "PARLEY_RAPIDPRO_TOKEN: must be 1 to 512 characters without spaces")
            }
            config.outbound.rapidPro.server = .init(baseURL: url, token: token)
        case (nil, _?):
            throw ConfigurationError(description: "PARLEY_RAPIDPRO_URL: must be set when PARLEY_RAPIDPRO_TOKEN is")
        case (_?, nil):
            throw ConfigurationError(description: "PARLEY_RAPIDPRO_TOKEN: must be set when PARLEY_RAPIDPRO_URL is")
        }
        switch environment["PARLEY_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES"]?.lowercased() {
        case nil, "false": config.outbound.webhooksAllowPrivateAddresses = false
        case "true": config.outbound.webhooksAllowPrivateAddresses = true
        case let other?: throw ConfigurationError(description: "PARLEY_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: '\(other)' is neither true nor false")
        }
        if let seconds = try integer("PARLEY_OUTBOX_SEND_TIMEOUT_SECONDS", in: 1...300) {
            config.outbound.sendTimeout = .seconds(seconds)
        }
        config.outbound.sender.concurrency = try integer("PARLEY_OUTBOX_CONCURRENCY", in: 1...256) ?? config.outbound.sender.concurrency
        if let milliseconds = try integer("PARLEY_OUTBOX_RETRY_BASE_MS", in: 1...600_000) {
            config.outbound.sender.retry.base = .milliseconds(milliseconds)
        }
        if let seconds = try integer("PARLEY_OUTBOX_RETRY_CAP_SECONDS", in: 1...86_400) {
            config.outbound.sender.retry.cap = .seconds(seconds)
        }
        config.outbound.sender.retry.maxAttempts = try integer("PARLEY_OUTBOX_MAX_ATTEMPTS", in: 1...100)
            ?? config.outbound.sender.retry.maxAttempts
        if let hours = try integer("PARLEY_OUTBOX_MAX_AGE_HOURS", in: 1...720) {
            config.outbound.sender.retry.maxAge = .seconds(hours * 3600)
        }
        if let milliseconds = try integer("PARLEY_OUTBOX_POLL_MS", in: 10...60_000) {
            config.outbound.sender.pollInterval = .milliseconds(milliseconds)
        }
    }

    /// The projects' own RapidPro installations, from their folders in the calendars directory.
    func loadProjectRapidPro(into config: inout AppConfig) throws {
        do {
            config.outbound.rapidPro.projects = try ProjectRapidProFiles.read(directory: config.calendars.directory)
                .mapValues { .init(baseURL: $0.url, token: $0.token) }
        } catch {
            throw ConfigurationError(description: "\(error)")
        }
    }
}
