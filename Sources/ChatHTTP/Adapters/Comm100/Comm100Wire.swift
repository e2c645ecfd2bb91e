import ChatCore
import Hummingbird

/// Comm100 Live Chat API's JSON, as its clients know it. These types belong to this face alone.
enum Comm100Wire {
    struct AgentStatus: ResponseCodable, Equatable {
        let id: String
        /// "Online", "Away", "Offline", or a custom away status's name.
        let status: String
        let ongoingChats: Int

        init(_ agent: Agent, ongoingChats: Int) {
            id = agent.id.rawValue
            status = switch agent.status.availability {
            case .online: "Online"
            case .offline: "Offline"
            case .away: agent.status.awayReason ?? "Away"
            }
            self.ongoingChats = ongoingChats
        }
    }

    struct StatusRequest: Decodable {
        let status: String
    }

    /// Comm100's error body.
    struct Error: Encodable {
        let code: String
        let message: String
    }

    /// An OAuth2 token answer (RFC 6749 §5.1).
    struct Token: ResponseCodable {
        let access_token: String
        let token_type: String
        let expires_in: Int
        let refresh_token: String
    }

    /// An OAuth2 error answer (RFC 6749 §5.2).
    struct OAuthError: Encodable {
        let error: String
        let error_description: String
    }
}
