import ChatCore
import Testing
@testable import VisitorInsight

@Suite("Reading real user agents", .timeLimit(.minutes(5)))
struct UserAgentTableTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        let name: String
        let userAgent: String
        let expected: DeviceInfo
        var testDescription: String { name }
    }

    static let samples: [Sample] = [
        Sample(name: "Chrome on Windows",
               userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
               expected: DeviceInfo(browser: "Chrome", browserMajorVersion: "124", platform: "Windows", platformVersion: "10", deviceType: .desktop)),
        Sample(name: "Edge on Windows",
               userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
               expected: DeviceInfo(browser: "Edge", browserMajorVersion: "124", platform: "Windows", platformVersion: "10", deviceType: .desktop)),
        Sample(name: "Safari on macOS",
               userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
               expected: DeviceInfo(browser: "Safari", browserMajorVersion: "17", platform: "Mac OS X", platformVersion: "10.15", deviceType: .desktop)),
        Sample(name: "Firefox on Ubuntu (the seed's sample)",
               userAgent: "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:91.0) Gecko/20100101 Firefox/91.0",
               expected: DeviceInfo(browser: "Firefox", browserMajorVersion: "91", platform: "Ubuntu", platformVersion: nil, deviceType: .desktop)),
        Sample(name: "Safari on iPhone",
               userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
               expected: DeviceInfo(browser: "Mobile Safari", browserMajorVersion: "17", platform: "iOS", platformVersion: "17.4", deviceType: .mobile)),
        Sample(name: "Safari on iPad",
               userAgent: "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
               expected: DeviceInfo(browser: "Mobile Safari", browserMajorVersion: "16", platform: "iOS", platformVersion: "16.6", deviceType: .tablet)),
        Sample(name: "Chrome on an Android phone",
               userAgent: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
               expected: DeviceInfo(browser: "Chrome Mobile", browserMajorVersion: "124", platform: "Android", platformVersion: "14", deviceType: .mobile)),
        Sample(name: "Firefox on an Android phone",
               userAgent: "Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0",
               expected: DeviceInfo(browser: "Firefox Mobile", browserMajorVersion: "125", platform: "Android", platformVersion: "14", deviceType: .mobile)),
        Sample(name: "Chrome on an Android tablet",
               userAgent: "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Safari/537.36",
               expected: DeviceInfo(browser: "Chrome", browserMajorVersion: "124", platform: "Android", platformVersion: "13", deviceType: .tablet)),
        Sample(name: "Googlebot",
               userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
               expected: DeviceInfo(browser: "Googlebot", browserMajorVersion: "2", platform: nil, platformVersion: nil, deviceType: .bot)),
        Sample(name: "Googlebot for smartphones, a bot before it is an Android phone",
               userAgent: "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.201 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
               expected: DeviceInfo(browser: "Googlebot", browserMajorVersion: "2", platform: "Android", platformVersion: "6.0", deviceType: .bot)),
    ]

    @Test(arguments: samples)
    func reads(_ sample: Sample) throws {
        #expect(try InstalledData.parser().device(from: sample.userAgent) == sample.expected)
    }

    @Test func anEmptyAgentTellsNothing() throws {
        #expect(try InstalledData.parser().device(from: "") == DeviceInfo())
    }

    @Test func anUnknownAgentHasNoBrowserOrPlatform() throws {
        let info = try InstalledData.parser().device(from: "parley-test-client")
        #expect(info == DeviceInfo(deviceType: .desktop))
    }

    @Test func aLongAgentIsReadFromItsStart() throws {
        let chrome = Self.samples[0].userAgent
        let padded = chrome + String(repeating: " x", count: UAPUserAgentParser.maximumLength)
        #expect(try InstalledData.parser().device(from: padded) == Self.samples[0].expected)
    }

    @Test func answersFromMemoryTheSameAsFresh() throws {
        let parser = try InstalledData.parser()
        for sample in Self.samples {
            let fresh = UAPUserAgentParser.deviceInfo(from: parser.rules.parse(sample.userAgent), userAgent: sample.userAgent)
            #expect(parser.device(from: sample.userAgent) == fresh)
            #expect(parser.device(from: sample.userAgent) == fresh)
        }
    }

    @Test func manyCallersAtOnceGetTheSameAnswers() async throws {
        let parser = try InstalledData.freshParser(cacheLimit: 4)
        let samples = Self.samples
        let answers = await withTaskGroup(of: [DeviceInfo].self) { group in
            for _ in 0..<8 {
                group.addTask { samples.map { parser.device(from: $0.userAgent) } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == 8)
        for answer in answers {
            #expect(answer == samples.map(\.expected))
        }
        #expect(parser.cachedCount <= 4)
    }

    @Test func theMemoryStaysWithinItsLimit() throws {
        let parser = try InstalledData.freshParser(cacheLimit: 3)
        for sample in Self.samples.prefix(7) {
            _ = parser.device(from: sample.userAgent)
            #expect(parser.cachedCount <= 3)
        }
        #expect(parser.cachedCount >= 1)
    }
}
