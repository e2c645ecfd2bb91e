import Foundation

/// The search engine a visitor came from and what they searched for, read from the page's
/// referrer. Engines that no longer pass the query on (Google, most of the time) give the
/// engine alone.
public struct SearchReferral: Sendable, Equatable {
    public var engine: String
    public var keywords: String?

    public init(engine: String, keywords: String?) {
        self.engine = engine
        self.keywords = keywords
    }

    /// The referral a referrer URL shows, or nil when it is not a search engine's results page.
    public static func parse(_ referrer: String) -> SearchReferral? {
        guard let components = URLComponents(string: referrer),
              let host = components.host?.lowercased(), !host.isEmpty,
              let engine = SearchEngine.all.first(where: { $0.matches(host: host, path: components.path) })
        else { return nil }
        let items = components.percentEncodedQueryItems ?? []
        let keywords = engine.queryParameters.lazy
            .compactMap { name in items.first { $0.name == name }?.value }
            // Search forms send spaces as `+`.
            .compactMap { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .first { !$0.isEmpty }
        return SearchReferral(engine: engine.name, keywords: keywords)
    }
}

/// A search engine as its results pages' addresses show it.
struct SearchEngine: Sendable {
    let name: String
    /// The host's label before the public suffix (`google` in `www.google.co.uk`), or the
    /// whole host's ending for engines whose search lives on one subdomain.
    let hostMatch: HostMatch
    /// Where results pages live, when the engine's other pages share its host.
    let pathPrefixes: [String]
    /// The query parameters that hold the search, in order of preference.
    let queryParameters: [String]

    enum HostMatch: Sendable {
        case brand(String)
        case suffix(String)
    }

    static let all: [SearchEngine] = [
        SearchEngine(name: "Google", hostMatch: .brand("google"), pathPrefixes: ["/search", "/url", "/webhp"], queryParameters: ["q"]),
        SearchEngine(name: "Bing", hostMatch: .brand("bing"), pathPrefixes: ["/search", "/"], queryParameters: ["q"]),
        SearchEngine(name: "Yahoo", hostMatch: .suffix("search.yahoo.com"), pathPrefixes: [], queryParameters: ["p", "q"]),
        SearchEngine(name: "DuckDuckGo", hostMatch: .brand("duckduckgo"), pathPrefixes: [], queryParameters: ["q"]),
        SearchEngine(name: "Yandex", hostMatch: .brand("yandex"), pathPrefixes: ["/search"], queryParameters: ["text"]),
        SearchEngine(name: "Baidu", hostMatch: .brand("baidu"), pathPrefixes: ["/s", "/from"], queryParameters: ["wd", "word"]),
        SearchEngine(name: "Ecosia", hostMatch: .brand("ecosia"), pathPrefixes: ["/search"], queryParameters: ["q"]),
    ]

    func matches(host: String, path: String) -> Bool {
        let hostMatches = switch hostMatch {
        case .brand(let brand): Self.brand(of: host) == brand
        case .suffix(let suffix): host == suffix || host.hasSuffix("." + suffix)
        }
        // The bare home page counts too: engines that hide the query send only their origin.
        return hostMatches && (pathPrefixes.isEmpty || path.isEmpty || path == "/" || pathPrefixes.contains { path.hasPrefix($0) })
    }

    /// `google` for `www.google.com`, `google.co.uk` or `m.google.com.br`; nil for a mail or
    /// maps subdomain, whose pages are not search results.
    static func brand(of host: String) -> String? {
        var labels = host.split(separator: ".").map(String.init)
        guard labels.count >= 2 else { return nil }
        labels.removeLast()
        // Two-letter country codes under a generic second level: co.uk, com.br, com.tr.
        if labels.count >= 2, ["co", "com", "ne", "or"].contains(labels.last!) { labels.removeLast() }
        guard let brand = labels.popLast(), labels.allSatisfy({ ["www", "m", "cn", "html", "search"].contains($0) }) else { return nil }
        return brand
    }
}
