import ChatCore
import Hummingbird

extension IPTPWire {
    /// `POST /xm/api/chats/{chatId}/description`, in the seed's exact shape: every key is
    /// present, absent values are `null`.
    struct Description: ResponseEncodable {
        let id: String
        let partner: String? = nil
        let subject: String
        let groupAvatarType = "jpg"
        let lastMessage: Message? = nil
        let updated: Int64?
        let unreadMessages: Int? = nil
        let admin = false
        let members: [String]
        let sender = false
        let group = true
        let liveAssistance = true
        let channel = false
        let guest: Guest

        enum CodingKeys: String, CodingKey {
            case id, partner, subject, groupAvatarType, lastMessage, updated, unreadMessages, admin, members, sender
            case group, liveAssistance, channel, guest
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(partner, forKey: .partner)
            try container.encode(subject, forKey: .subject)
            try container.encode(groupAvatarType, forKey: .groupAvatarType)
            try container.encode(lastMessage, forKey: .lastMessage)
            try container.encode(updated, forKey: .updated)
            try container.encode(unreadMessages, forKey: .unreadMessages)
            try container.encode(admin, forKey: .admin)
            try container.encode(members, forKey: .members)
            try container.encode(sender, forKey: .sender)
            try container.encode(group, forKey: .group)
            try container.encode(liveAssistance, forKey: .liveAssistance)
            try container.encode(channel, forKey: .channel)
            try container.encode(guest, forKey: .guest)
        }
    }

    struct Guest: Encodable {
        let id: String
        let name: String
        let email: String
        let creationDate: Int64
        let userAgent: String?
        let ipAddress: String?
        let language: String?
        let browser: String?
        let browserMajorVersion: String?
        let platform: String?
        let platformVersion: String?
        let deviceType: String?
        let country: String?
        let continent: String?
        let flag: String?
        let sourceUrl: String?

        init(_ details: VisitorDetails) {
            let visitor = details.visitor
            id = visitor.id.rawValue
            name = visitor.name
            email = visitor.email
            creationDate = visitor.createdAt.epochMilliseconds
            userAgent = visitor.profile.userAgent
            ipAddress = visitor.profile.ipAddress
            language = visitor.profile.language
            browser = details.device.browser
            browserMajorVersion = details.device.browserMajorVersion ?? details.device.browser.map { _ in "Unknown" }
            platform = details.device.platform
            platformVersion = details.device.platformVersion ?? details.device.platform.map { _ in "Unknown" }
            deviceType = details.device.deviceType?.rawValue
            country = details.geo?.country
            continent = details.geo?.continent
            flag = details.geo?.flag
            sourceUrl = visitor.profile.sourceURL
        }

        // Every key is written, `null` included, as the seed shows.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(email, forKey: .email)
            try container.encode(creationDate, forKey: .creationDate)
            try container.encode(userAgent, forKey: .userAgent)
            try container.encode(ipAddress, forKey: .ipAddress)
            try container.encode(language, forKey: .language)
            try container.encode(browser, forKey: .browser)
            try container.encode(browserMajorVersion, forKey: .browserMajorVersion)
            try container.encode(platform, forKey: .platform)
            try container.encode(platformVersion, forKey: .platformVersion)
            try container.encode(deviceType, forKey: .deviceType)
            try container.encode(country, forKey: .country)
            try container.encode(continent, forKey: .continent)
            try container.encode(flag, forKey: .flag)
            try container.encode(sourceUrl, forKey: .sourceUrl)
        }

        enum CodingKeys: String, CodingKey {
            case id, name, email, creationDate, userAgent, ipAddress, language, browser, browserMajorVersion
            case platform, platformVersion, deviceType, country, continent, flag, sourceUrl
        }
    }
}
