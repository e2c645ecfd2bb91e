import ArgumentParser
import ChatCore
import ChatHTTP
import Foundation
import Hummingbird

/// Runs the server until SIGTERM or SIGINT, then shuts down gracefully.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server (the default command).")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let config = try options.config()
        let logger = options.logger(for: config)
        OpenFileLimit.raiseToHardLimit(logger: logger)
        let services = try await ParleyServices.open(config, logger: logger)
        try await bootstrapAdmin(services.directory)
        let app = buildApplication(config, services: services, logger: logger)
        try await app.runService()
    }

    /// A new installation gets an admin: from PARLEY_ADMIN_EMAIL and PARLEY_ADMIN_PASSWORD,
    /// or with a generated password that is printed this once.
    private func bootstrapAdmin(_ directory: DirectoryService) async throws {
        let environment = ProcessInfo.processInfo.environment
        let email = environment["PARLEY_ADMIN_EMAIL"] ?? "admin@parley.local"
        let given = environment["PARLEY_ADMIN_PASSWORD"]
        let password = given ?? IdentifierGenerator.hex(byteCount: 12)
        guard try await directory.bootstrapAdmin(email: email, name: "Administrator", password: password) != nil else { return }
        if given == nil {
            say("Created the first admin: \(email) with password \(password) (shown only this once; change it after logging in).")
        } else {
            say("Created the first admin: \(email).")
        }
    }
}

/// Brings the database schema up to date and exits.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database schema.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        try await options.withServices { _ in }
        say("The database schema is up to date.")
    }
}
