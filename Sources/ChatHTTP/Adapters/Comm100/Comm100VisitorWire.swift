import ChatCore
import Foundation
import VisitorInsight

extension Comm100Wire {
    /// A visitor as Comm100's `/livechat/visitors` shows it. Every field is always present, in
    /// the order of Comm100's sample (written by `Comm100OrderedJSON`, so the declaration order is
    /// the wire's): what Parley does not know is an empty string, never missing.
    struct Visitor: Sendable, Equatable {
        let id: String
        /// A `VisitorStatus` raw value ("inSite", "chatting", ...).
        let status: String
        /// Browser and version as far as the user agent tells it ("Firefox 91").
        let browser: String
        /// Platform and version ("Windows 8.1", "Ubuntu").
        let operatingSystem: String
        let screenResolution: String
        let language: String
        let ip: String
        let country: String
        /// Always empty: the offline data sets locate countries only.
        let state: String
        let city: String
        /// The offset of the browser's time zone now ("GMT +08:00").
        let timeZone: String
        let visitTime: String
        let firstVisitTime: String
        let visits: Int
        let chats: Int
        let pageViews: Int
        let currentBrowsing: String
        let referrerUrl: String
        let name: String
        let email: String
        let phone: String
        let company: String
        let productService: String
        let departmentId: String
        let searchEngine: String
        let searchKeywords: String
        let landingPage: String
        /// Always empty: no browser runs Flash any more. Comm100 documents the field; its sample leaves it out.
        let flashVersion: String
        /// The pre-chat form's answers.
        let customFields: [FieldAndValue]
        /// The custom variables the page (or an agent) set.
        let customVariableResults: [FieldAndValue]

        init(_ overview: VisitorOverview, now: Date) {
            let visitor = overview.record.visitor
            let activity = overview.record.activity
            let device = overview.details.device
            let search = activity.referrer.flatMap(SearchReferral.parse)
            id = Comm100GUID.visitor(visitor.id)
            status = overview.status.rawValue
            browser = Self.joined(device.browser, device.browserMajorVersion)
            operatingSystem = Self.joined(device.platform, device.platformVersion)
            screenResolution = visitor.profile.screenResolution ?? ""
            language = visitor.profile.language.map(Self.firstLanguage) ?? ""
            ip = visitor.profile.ipAddress ?? ""
            country = overview.details.geo?.country ?? ""
            state = ""
            city = ""
            timeZone = visitor.profile.timeZone.flatMap { TimeZoneLabel.label(for: $0, at: now) } ?? ""
            visitTime = activity.visitStartedAt.iso8601
            firstVisitTime = activity.firstVisitAt.iso8601
            visits = activity.visits
            chats = activity.chats
            pageViews = activity.pageViews
            currentBrowsing = activity.currentPage?.url ?? ""
            referrerUrl = activity.referrer ?? ""
            name = visitor.name
            email = visitor.email
            phone = visitor.formField("phone") ?? ""
            company = visitor.formField("company") ?? ""
            productService = visitor.formField("productService") ?? ""
            departmentId = Comm100GUID.department(overview.record.currentChat?.departmentID)
            searchEngine = search?.engine ?? ""
            searchKeywords = search?.keywords ?? ""
            landingPage = activity.landingPage ?? ""
            flashVersion = ""
            customFields = Self.formAnswers(of: visitor, chats: activity.chats)
            customVariableResults = visitor.customVariables.map(FieldAndValue.init)
        }

        /// "Firefox" and "91" make "Firefox 91"; a version alone means nothing, so it needs its name.
        private static func joined(_ name: String?, _ version: String?) -> String {
            guard let name else { return "" }
            return version.map { "\(name) \($0)" } ?? name
        }

        /// The browser's first choice from an `Accept-Language` list ("en-US,en;q=0.5" gives "en-US").
        private static func firstLanguage(_ header: String) -> String {
            let first = header.split(separator: ",").first?.split(separator: ";").first ?? ""
            return first.trimmingCharacters(in: .whitespaces)
        }

        /// Name and email as the form asked them, then its other answers; nothing for a visitor who
        /// never filled the form (started no chat and gave no answers).
        private static func formAnswers(of visitor: ChatCore.Visitor, chats: Int) -> [FieldAndValue] {
            guard chats > 0 || !visitor.formFields.isEmpty else { return [] }
            return [FieldAndValue(name: "name", value: visitor.name, url: ""), FieldAndValue(name: "email", value: visitor.email, url: "")]
                + visitor.formFields.map(FieldAndValue.init)
        }
    }

    /// Comm100's `FieldAndValue`: a form answer or a custom variable.
    struct FieldAndValue: Sendable, Equatable {
        let name: String
        let value: String
        let url: String

        init(name: String, value: String, url: String) {
            self.name = name
            self.value = value
            self.url = url
        }

        init(_ pair: CustomVariable) {
            self.init(name: pair.name, value: pair.value, url: pair.url)
        }
    }

    /// One custom variable as `PUT /livechat/visitors/{id}` sends it: value and URL may be left out.
    struct CustomVariableRequest: Decodable {
        let name: String
        let value: String?
        let url: String?

        var variable: CustomVariable {
            CustomVariable(name: name, value: value ?? "", url: url ?? "")
        }
    }
}
