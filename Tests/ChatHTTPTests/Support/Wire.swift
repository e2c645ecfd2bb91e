/// The native API's JSON as a client sees it: decoded independently of the server's own types,
/// so a change to the wire format breaks these tests.
enum Wire {
    struct ErrorEnvelope: Codable {
        struct Body: Codable {
            let code: String
            let message: String
            let field: String?
        }

        let error: Body
    }

    struct Department: Codable {
        let id: Int64
        let name: String
    }

    struct NewAgent: Codable {
        let email: String
        let name: String
        let password: String
        let isAdmin: Bool
        let departmentIds: [Int64]
    }

    struct Agent: Codable {
        let id: String
        let email: String
        let name: String
        let isAdmin: Bool
        let departmentIds: [Int64]
    }

    struct Login: Codable {
        let agent: Agent
        let accessToken: String
        let refreshToken: String
        let tokenType: String
        let expiresIn: Int
    }

    struct Credentials: Codable {
        let accessToken: String
        let refreshToken: String
        let tokenType: String
        let expiresIn: Int
    }

    struct StartChat: Codable {
        let departmentId: Int64
        let name: String
        let email: String
        let message: String
    }

    struct Visitor: Codable {
        let id: String
        let name: String
        let email: String
        let userAgent: String?
        let language: String?
    }

    struct Chat: Codable {
        let id: String
        let number: Int64
        let departmentId: Int64
        let visitorId: String
        let state: String
        let agentId: String?
        let lastEventId: Int
        let visitor: Visitor?
    }

    struct Author: Codable, Equatable {
        let type: String
        let id: String?
    }

    struct Event: Codable, Equatable {
        let cursor: Int64
        let chatId: String
        let id: Int
        let type: String
        let author: Author
        let text: String?
        let state: String?
        var notice: String?
        var reason: String?
        let clientMessageId: String?
    }

    struct StartedChat: Codable {
        let chat: Chat
        let visitor: Visitor
        let events: [Event]
        let credentials: Credentials
    }

    struct Message: Codable {
        let text: String
        let clientMessageId: String?
    }

    struct Typing: Codable {
        let chatId: String
        let author: Author
        let typing: Bool
        let expiresAt: String?
    }

    struct Sync: Codable {
        let cursor: Int64
        let events: [Event]
        let typing: [Typing]
        let presence: [Presence]
    }

    struct Page: Codable {
        let items: [Event]
        let hasMore: Bool
    }

    struct List<Item: Codable>: Codable {
        let items: [Item]
    }
}
