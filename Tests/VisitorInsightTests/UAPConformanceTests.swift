import Foundation
import Synchronization
import Testing
@testable import VisitorInsight

/// uap-core's own test files (shipped by Debian's `uap-core`), compared field by field: every
/// browser and OS case, and every `deviceStep`-th of the 16 111 device cases, whose full run costs
/// about 20 s of CPU (all of them passed when this was written; set `deviceStep` to 1 to check
/// again after a uap-core update). Each file is split into interleaved shares that run in parallel.
@Suite("uap-core's own test cases", .timeLimit(.minutes(5)))
struct UAPConformanceTests {
    static let shares = 0..<4
    static let deviceStep = 4

    @Test("test_ua.yaml: browser family and version", arguments: shares)
    func userAgents(share: Int) throws {
        let cases = try Self.cases(SoftwareCase.self, file: "test_ua.yaml", share: share)
        let rules = try InstalledData.parser().rules
        try Self.compare(cases) { testCase in
            let got = rules.software(testCase.userAgent)
            return [got.family, got.major, got.minor, got.patch] == [testCase.family, testCase.major, testCase.minor, testCase.patch]
                ? nil : "\(got)"
        }
    }

    @Test("test_os.yaml: OS family and version", arguments: shares)
    func operatingSystems(share: Int) throws {
        let cases = try Self.cases(SoftwareCase.self, file: "test_os.yaml", share: share)
        let rules = try InstalledData.parser().rules
        try Self.compare(cases) { testCase in
            let got = rules.os(testCase.userAgent)
            let expected = [testCase.family, testCase.major, testCase.minor, testCase.patch, testCase.patchMinor]
            return [got.family, got.major, got.minor, got.patch, got.patchMinor] == expected ? nil : "\(got)"
        }
    }

    @Test("test_device.yaml: device family, brand and model", arguments: shares)
    func devices(share: Int) throws {
        let cases = try Self.cases(DeviceCase.self, file: "test_device.yaml", share: share, step: Self.deviceStep)
        let rules = try InstalledData.parser().rules
        try Self.compare(cases) { testCase in
            let got = rules.device(testCase.userAgent)
            return [got.family, got.brand, got.model] == [testCase.family, testCase.brand, testCase.model] ? nil : "\(got)"
        }
    }

    /// One share of every `step`-th case of a test file.
    static func cases<Case: Decodable & Sendable>(_ type: Case.Type, file: String, share: Int, step: Int = 1) throws -> [Case] {
        let all = try TestFiles.load(Case.self, file: file)
        return stride(from: share * step, to: all.count, by: shares.count * step).map { all[$0] }
    }

    /// Records the first few mismatches in full, and how many there were.
    static func compare<Case: UserAgentCase>(_ cases: [Case], _ mismatch: (Case) -> String?) throws {
        try #require(!cases.isEmpty)
        var failures = 0
        for testCase in cases {
            guard let got = mismatch(testCase) else { continue }
            failures += 1
            if failures <= 10 { Issue.record("\(testCase.userAgent)\n expected \(testCase)\n got \(got)") }
        }
        #expect(failures == 0, "\(failures) of \(cases.count) cases differ")
    }
}

protocol UserAgentCase: Decodable, Sendable {
    var userAgent: String { get }
}

struct SoftwareCase: UserAgentCase {
    let userAgent: String
    let family: String
    let major, minor, patch, patchMinor: String?

    enum CodingKeys: String, CodingKey {
        case userAgent = "user_agent_string", family, major, minor, patch, patchMinor = "patch_minor"
    }
}

struct DeviceCase: UserAgentCase {
    let userAgent: String
    let family: String
    let brand, model: String?

    enum CodingKeys: String, CodingKey {
        case userAgent = "user_agent_string", family, brand, model
    }
}

/// Each test file decoded once per run, whichever share asks first.
enum TestFiles {
    private struct File<Case: Decodable>: Decodable {
        let testCases: [Case]
        enum CodingKeys: String, CodingKey { case testCases = "test_cases" }
    }

    static func load<Case: Decodable & Sendable>(_ type: Case.Type, file: String) throws -> [Case] {
        let path = "\(InstalledData.uapTests)/\(file)"
        try InstalledData.require(path, package: "uap-core")
        return try cache.withLock { files in
            if let known = files[file] as? [Case] { return known }
            let cases = try decodeYAML(File<Case>.self, at: path).testCases
            files[file] = cases
            return cases
        }
    }

    private static let cache = Mutex<[String: any Sendable]>([:])
}
