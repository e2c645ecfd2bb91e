import ChatCore
import Hummingbird

/// The IPTP XM Live Assistance API's JSON, as its clients know it. These types belong to
/// this face alone.
enum IPTPWire {
    struct CaptchaResponse: ResponseCodable {
        let captchaId: String
        /// A `data:image/svg+xml;base64,...` URL.
        let image: String
        /// The same image's base64 alone, where XM's web client reads it.
        let captchaImage: String
        let expiresIn: Int
    }

    /// `departmentId` may come as a number or as a numeric string.
    struct GuestRequest: Decodable {
        let name: String
        let email: String
        let departmentId: Int64
        let message: String
        let sourceUrl: String?

        enum CodingKeys: String, CodingKey {
            case name, email, departmentId, message, sourceUrl
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            email = try container.decode(String.self, forKey: .email)
            message = try container.decode(String.self, forKey: .message)
            sourceUrl = try container.decodeIfPresent(String.self, forKey: .sourceUrl)
            if let number = try? container.decode(Int64.self, forKey: .departmentId) {
                departmentId = number
            } else if let text = try? container.decode(String.self, forKey: .departmentId), let number = Int64(text) {
                departmentId = number
            } else if container.contains(.departmentId) {
                throw DecodingError.typeMismatch(Int64.self, .init(
                    codingPath: [CodingKeys.departmentId], debugDescription: "departmentId must be a number or a numeric string"
                ))
            } else {
                throw DecodingError.keyNotFound(CodingKeys.departmentId, .init(codingPath: [], debugDescription: "departmentId is required"))
            }
        }
    }

    struct GuestResponse: ResponseCodable {
        let userId: String
        let chatId: String
        let access_token: String
        let refresh_token: String
    }

    struct LoginRequest: Decodable {
        let email: String
        let password: String
    }

    struct LoginResponse: ResponseCodable {
        let userId: String
        let sessionId: String
        let access_token: String
        let refresh_token: String
    }

    struct TokenResponse: ResponseCodable {
        let access_token: String
        let refresh_token: String
        let token_type: String
        let expires_in: Int
    }

}
