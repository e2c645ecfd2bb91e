/// Where channel deliveries go: RapidPro's message API and the token that opens it, for the
/// whole server and, where one is configured, per project.
public struct RapidProEndpoints: Sendable, Equatable {
    /// One RapidPro installation.
    public struct Endpoint: Sendable, Equatable {
        /// The installation's address, e.g. `https://rapidpro.example.org` (operator-configured, trusted).
        public var baseURL: String
        /// The API token, sent as `Authorization: Token ...`; never logged.
        public var token: String

        public init(baseURL: String, token: String) {
            self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            self.token = token
        }

        /// `POST` here sends a message to a contact.
        public var messagesURL: String { baseURL + "/api/v2/messages.json" }
    }

    /// The server-wide installation (`PARLEY_RAPIDPRO_URL`, `PARLEY_RAPIDPRO_TOKEN`).
    public var server: Endpoint?
    /// Installations that replace it for a project's contacts.
    public var projects: [String: Endpoint] = [:]

    public init(server: Endpoint? = nil, projects: [String: Endpoint] = [:]) {
        self.server = server
        self.projects = projects
    }

    /// The installation for a delivery planned for `project` (nil: the server's).
    public func endpoint(for project: String?) -> Endpoint? {
        project.flatMap { projects[$0] } ?? server
    }
}
