import ArgumentParser
import ChatCore
import ChatHTTP

/// Seeds an empty database with the departments IPTP's documentation lists, so that
/// clients written against it find the same ids: 1 Test, 2 Live assistance, 3 LagBlaster.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Create the sample departments (1 Test, 2 Live assistance, 3 LagBlaster) on an empty database."
    )

    @OptionGroup var options: ServerOptions

    static let departments = ["Test", "Live assistance", "LagBlaster"]

    func run() async throws {
        try await options.withServices { services in
            guard try await services.directory.departments().isEmpty else {
                throw ValidationError("The database already has departments; the demo departments go on an empty one only.")
            }
            for name in Self.departments {
                let department = try await services.directory.createDepartment(named: name, by: .localOperator)
                say("\(department.id) \(department.name)")
            }
        }
    }
}
