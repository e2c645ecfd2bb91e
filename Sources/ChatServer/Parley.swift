import ArgumentParser

@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "A self-hosted live-chat server.",
        subcommands: [Serve.self, Migrate.self, AgentCommand.self, DepartmentCommand.self, DemoCommand.self],
        defaultSubcommand: Serve.self
    )
}
