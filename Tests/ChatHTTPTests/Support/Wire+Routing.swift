/// The routing resources of the native API, as a client decodes them.
extension Wire {
    struct Transfer: Codable {
        let agentId: String?
        let departmentId: Int64?
        let note: String?
    }

    struct StatusChange: Codable {
        let status: String
        let awayReason: String?
    }

    struct AgentStatus: Codable {
        let id: String
        let status: String
        let awayReason: String?
        let maxChats: Int?
        let ongoingChats: Int?
    }

    struct RoutedChat: Codable {
        struct Queue: Codable, Equatable {
            let position: Int
            let estimatedWaitSeconds: Int?
        }

        let id: String
        let state: String
        let offeredTo: String?
        let queue: Queue?
    }

    struct Presence: Codable {
        let agentId: String
        let status: String
        let awayReason: String?
    }
}
