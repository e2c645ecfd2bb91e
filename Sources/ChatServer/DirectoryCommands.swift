import ArgumentParser
import ChatCore
import ChatHTTP

extension ServerOptions {
    /// Opens the services, runs `body`, and closes the database whatever happens.
    func withServices<T>(_ body: (ParleyServices) async throws -> T) async throws -> T {
        let config = try config()
        let services = try await ParleyServices.open(config, logger: logger(for: config))
        do {
            let result = try await body(services)
            await services.storage.close()
            return result
        } catch {
            await services.storage.close()
            throw error
        }
    }
}

struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "agent", abstract: "Manage agents.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an agent and print its id.")

        @OptionGroup var options: ServerOptions
        @Option(help: "The agent's login email.") var email: String
        @Option(help: "The agent's display name.") var name: String
        @Option(help: "The agent's password (8 characters or more).") var password: String
        @Flag(help: "Make the agent an admin.") var admin = false
        @Option(name: .customLong("department"), help: "A department id the agent serves; repeat for several.")
        var departments: [Int64] = []

        func run() async throws {
            let draft = NewAgent(email: email, name: name, password: password, isAdmin: admin, departmentIDs: departments.map { DepartmentID($0) })
            let agent = try await options.withServices { try await $0.directory.createAgent(draft, by: .localOperator) }
            say(agent.id.rawValue)
        }
    }
}

struct DepartmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "department", abstract: "Manage departments.", subcommands: [Create.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a department and print its id.")

        @OptionGroup var options: ServerOptions
        @Option(help: "The department's name.") var name: String
        @Option(help: "The business calendar it answers by, PROJECT/CC (its file must exist); without it, at any time.")
        var calendar: String?

        func validate() throws {
            if let calendar, CalendarKey(calendar) == nil {
                throw ValidationError("--calendar: '\(calendar)' is not PROJECT/CC (a folder name of 1-64 letters, digits, '_' or '-', and a 2-letter country code)")
            }
        }

        func run() async throws {
            let key = calendar.flatMap(CalendarKey.init)
            let department = try await options.withServices {
                try await $0.directory.createDepartment(named: name, calendar: key, by: .localOperator)
            }
            say(department.id.description)
        }
    }
}
