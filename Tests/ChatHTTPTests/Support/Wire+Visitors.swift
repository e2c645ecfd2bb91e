import Testing

/// The visitor resources of the native API, as a client decodes them.
extension Wire {
    struct Pair: Codable, Equatable {
        let name: String
        let value: String
        let url: String
    }

    struct Track: Encodable {
        var name: String?
        var email: String?
        var url: String?
        var title: String?
        var referrer: String?
        var screenResolution: String?
        var timeZone: String?
        var customVariables: [Pair]?
    }

    struct PageViewBody: Encodable {
        let url: String
        var title: String?
        var referrer: String?
    }

    struct TrackedVisitor: Decodable {
        let visitor: VisitorOverview
        let credentials: Credentials
    }

    struct VisitorOverview: Decodable {
        struct Page: Decodable {
            let url: String
            let title: String
        }

        struct Invitation: Decodable {
            let kind: String
            let answer: String
            let agentId: String?
        }

        let id: String
        let name: String
        let email: String
        let status: String
        let visits: Int
        let pageViews: Int
        let chats: Int
        let landingPage: String?
        let referrer: String?
        let searchEngine: String?
        let searchKeywords: String?
        let currentPage: Page?
        let screenResolution: String?
        let timeZone: String?
        let timeZoneOffset: String?
        let customVariables: [Pair]
        let fields: [Pair]
        let currentChatId: String?
        let invitation: Invitation?
        let ipAddress: String?
    }

    struct VisitorList: Decodable {
        let items: [VisitorOverview]
    }

    /// A chat a tracked visitor started with its own token: no new credentials.
    struct VisitorsChat: Decodable {
        let chat: Chat
        let visitor: Visitor
        let credentials: Credentials?
    }

    struct VisitorStartChat: Encodable {
        let departmentId: Int64
        var name: String?
        var email: String?
        let message: String
        var fields: [Pair]?
    }
}

extension TestWorld {
    /// A visitor tracked on `url`, with its token.
    func trackVisitor(_ body: Wire.Track = Wire.Track(url: "https://shop.example/")) async throws -> (Wire.VisitorOverview, String) {
        let tracked = try await expect(.created, Wire.TrackedVisitor.self, .post, "/v1/visitors", json: body)
        return (tracked.visitor, tracked.credentials.accessToken)
    }

    func visitorOverview(_ id: String, token: String) async throws -> Wire.VisitorOverview {
        try await expect(.ok, Wire.VisitorOverview.self, .get, "/v1/visitors/\(id)", token: token)
    }
}
