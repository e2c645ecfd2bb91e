import Foundation
import Testing
import VisitorInsight

@Suite("Search engines and keywords from the referrer")
struct SearchReferralTests {
    @Test(arguments: [
        ("https://www.google.com/search?q=live+chat+software&hl=en", "Google", "live chat software"),
        ("https://www.google.co.uk/url?sa=t&q=parley%20pricing", "Google", "parley pricing"),
        ("https://www.google.com.br/", "Google", nil),
        ("https://www.bing.com/search?q=self-hosted+chat&form=QBLH", "Bing", "self-hosted chat"),
        ("https://search.yahoo.com/search?p=chat+widget", "Yahoo", "chat widget"),
        ("https://uk.search.yahoo.com/search?p=%E4%BD%A0%E5%A5%BD", "Yahoo", "你好"),
        ("https://duckduckgo.com/?q=swift+chat+server&t=h_", "DuckDuckGo", "swift chat server"),
        ("https://yandex.ru/search/?text=%D1%87%D0%B0%D1%82&lr=213", "Yandex", "чат"),
        ("https://www.baidu.com/s?wd=%E5%9C%A8%E7%BA%BF%E5%AE%A2%E6%9C%8D", "Baidu", "在线客服"),
        ("https://m.baidu.com/from=0/s?word=kefu", "Baidu", "kefu"),
        ("https://www.ecosia.org/search?q=chat", "Ecosia", "chat"),
        ("https://www.google.com/search?q=++", "Google", nil),
    ] as [(String, String, String?)])
    func aResultsPageNamesItsEngineAndTheSearch(_ referrer: String, _ engine: String, _ keywords: String?) {
        #expect(SearchReferral.parse(referrer) == SearchReferral(engine: engine, keywords: keywords), "\(referrer)")
    }

    @Test(arguments: [
        "https://mail.google.com/mail/u/0/", "https://docs.google.com/document/d/1", "https://www.example.com/?q=google",
        "https://notgoogle.com/search?q=x", "https://www.google.com/maps/place/x", "not a url", "", "https://news.ycombinator.com/",
    ])
    func otherPagesAreNoSearch(_ referrer: String) {
        #expect(SearchReferral.parse(referrer) == nil, "\(referrer)")
    }
}

@Suite("Time zones as offsets")
struct TimeZoneLabelTests {
    static let january = Date(timeIntervalSince1970: 1_768_000_000)  // 2026-01-09
    static let july = Date(timeIntervalSince1970: 1_783_000_000)     // 2026-07-02

    @Test func theOffsetFollowsDaylightSavingAndHalfHours() {
        #expect(TimeZoneLabel.label(for: "Asia/Shanghai", at: Self.january) == "GMT +08:00")
        #expect(TimeZoneLabel.label(for: "America/New_York", at: Self.january) == "GMT -05:00")
        #expect(TimeZoneLabel.label(for: "America/New_York", at: Self.july) == "GMT -04:00")
        #expect(TimeZoneLabel.label(for: "Asia/Kolkata", at: Self.july) == "GMT +05:30")
        #expect(TimeZoneLabel.label(for: "UTC", at: Self.july) == "GMT +00:00")
        #expect(TimeZoneLabel.label(for: "Mars/Olympus_Mons", at: Self.july) == nil)
        #expect(TimeZoneLabel.label(for: String(repeating: "A", count: 500), at: Self.july) == nil)
    }
}
