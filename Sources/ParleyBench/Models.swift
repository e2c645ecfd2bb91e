import Foundation

// The slices of Parley's native JSON API that the benchmark reads and writes.
// Unknown fields are ignored, so the server may add fields freely.

struct LoginBody: Encodable, Sendable {
    let email: String
    let password: String
}

struct LoginResponse: Decodable, Sendable {
    struct AgentInfo: Decodable, Sendable {
        let id: String
        let email: String
        let isAdmin: Bool
    }

    let agent: AgentInfo
    let accessToken: String
}

struct NameBody: Encodable, Sendable {
    let name: String
}

struct Department: Decodable, Sendable {
    let id: Int64
    let name: String
}

struct CreateAgentBody: Encodable, Sendable {
    let email: String
    let name: String
    let password: String
    let isAdmin: Bool
    let departmentIds: [Int64]
}

struct AgentResponse: Decodable, Sendable {
    let id: String
    let email: String
}

struct CapacityBody: Encodable, Sendable {
    let maxChats: Int
}

struct StartChatBody: Encodable, Sendable {
    let departmentId: Int64
    let name: String
    let email: String
    let message: String
}

struct ChatInfo: Decodable, Sendable {
    let id: String
    let state: String
    let agentId: String?
}

struct StartChatResponse: Decodable, Sendable {
    struct Credentials: Decodable, Sendable {
        let accessToken: String
    }

    let chat: ChatInfo
    let credentials: Credentials
}

struct MessageBody: Encodable, Sendable {
    let text: String
    let clientMessageId: String
}

struct ChatEvent: Decodable, Sendable {
    struct Author: Decodable, Sendable {
        let type: String
        let id: String?
    }

    let cursor: Int64
    let chatId: String
    let id: Int
    let type: String
    let author: Author
    let clientMessageId: String?
}

struct SyncResponse: Decodable, Sendable {
    let cursor: Int64
    let events: [ChatEvent]
}

/// `{"error":{"code","message"}}`
struct ErrorEnvelope: Decodable, Sendable {
    struct Body: Decodable, Sendable {
        let code: String
        let message: String
    }

    let error: Body
}

/// A request without a body (e.g. join, close).
struct NoBody: Encodable, Sendable {}

/// The LivePerson face's answer to opening an agent session.
struct AgentSessionLocation: Decodable, Sendable {
    struct Location: Decodable, Sendable {
        struct Link: Decodable, Sendable { let href: String }
        let link: Link
    }

    let agentSessionLocation: Location
}

/// The slices of the LivePerson face's multi-chat poll that the benchmark reads.
struct LivePersonChats: Decodable, Sendable {
    struct Chats: Decodable, Sendable { let chat: [Chat] }
    struct Chat: Decodable, Sendable {
        struct Events: Decodable, Sendable { let event: [Event] }
        struct Info: Decodable, Sendable { let chatSessionKey: String }
        let events: Events
        let info: Info
    }
    struct Event: Decodable, Sendable {
        let id: Int
        let type: String
        let source: String?
        let text: String?
    }

    let chats: Chats
}
