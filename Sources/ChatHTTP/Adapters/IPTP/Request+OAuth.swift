import Foundation
import Hummingbird

extension Request {
    /// The refresh token of a token request, sent either as JSON (`{"refresh_token": "..."}`)
    /// or as an OAuth2 form (`grant_type=refresh_token&refresh_token=...`), with the client
    /// instance's `secret` when it sends one.
    mutating func oauthRefreshToken(limit: Int) async throws -> (token: String, secret: String?) {
        let fields: [String: String]
        if headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            fields = try await decodeForm(limit: limit)
        } else {
            fields = try await decodeJSON([String: String].self, limit: limit)
        }
        if let grant = fields["grant_type"], grant != "refresh_token" {
            throw APIError(status: .badRequest, code: "unsupported_grant_type", message: "Only grant_type=refresh_token is supported here.")
        }
        guard let token = fields["refresh_token"], !token.isEmpty else {
            throw APIError.badRequest("Field 'refresh_token' is required.")
        }
        return (token, fields["secret"].flatMap { $0.isEmpty ? nil : $0 })
    }
}
