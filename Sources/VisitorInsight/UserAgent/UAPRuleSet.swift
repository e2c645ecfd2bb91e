import Foundation
import Yams

/// What uap-core reads from a user agent, before Parley turns it into a `DeviceInfo`.
/// Families are uap-core's own, "Other" included.
struct UAPResult: Sendable, Equatable {
    struct Software: Sendable, Equatable {
        var family = "Other"
        var major: String?
        var minor: String?
        var patch: String?
        var patchMinor: String?
    }

    struct Device: Sendable, Equatable {
        var family = "Other"
        var brand: String?
        var model: String?
    }

    var userAgent = Software()
    var os = Software()
    var device = Device()
}

/// A rule that does not compile, named by its list and position.
struct UAPRuleError: Error, CustomStringConvertible {
    let list: String
    let index: Int
    let pattern: String
    let underlying: any Error

    var description: String { "\(list)[\(index)] /\(pattern)/ does not compile: \(underlying)" }
}

/// uap-core's three rule lists (`regexes.yaml`), each compiled once.
struct UAPRuleSet: Sendable {
    let userAgentRules: [UAPRule]
    let osRules: [UAPRule]
    let deviceRules: [UAPRule]

    init(regexesAt path: String) throws {
        let file = try decodeYAML(RegexesFile.self, at: path)
        userAgentRules = try Self.compile(file.userAgentParsers, list: "user_agent_parsers") {
            [.init(template: $0.familyReplacement, group: 1), .init(template: $0.v1Replacement, group: 2),
             .init(template: $0.v2Replacement, group: 3), .init(template: $0.v3Replacement, group: 4)]
        }
        osRules = try Self.compile(file.osParsers, list: "os_parsers") {
            [.init(template: $0.osReplacement, group: 1), .init(template: $0.osV1Replacement, group: 2),
             .init(template: $0.osV2Replacement, group: 3), .init(template: $0.osV3Replacement, group: 4),
             .init(template: $0.osV4Replacement, group: 5)]
        }
        deviceRules = try Self.compile(file.deviceParsers, list: "device_parsers") {
            [.init(template: $0.deviceReplacement, group: 1), .init(template: $0.brandReplacement, group: nil),
             .init(template: $0.modelReplacement, group: 1)]
        }
    }

    /// Runs each list on `userAgent`; the first matching rule of each list wins.
    func parse(_ userAgent: String) -> UAPResult {
        UAPResult(userAgent: software(userAgent), os: os(userAgent), device: device(userAgent))
    }

    func software(_ userAgent: String) -> UAPResult.Software {
        guard let fields = userAgentRules.firstMatch(in: userAgent) else { return .init() }
        return .init(family: fields[0] ?? "Other", major: fields[1], minor: fields[2], patch: fields[3])
    }

    func os(_ userAgent: String) -> UAPResult.Software {
        guard let fields = osRules.firstMatch(in: userAgent) else { return .init() }
        return .init(family: fields[0] ?? "Other", major: fields[1], minor: fields[2], patch: fields[3],
                     patchMinor: fields[4])
    }

    func device(_ userAgent: String) -> UAPResult.Device {
        guard let fields = deviceRules.firstMatch(in: userAgent) else { return .init() }
        return .init(family: fields[0] ?? "Other", brand: fields[1], model: fields[2])
    }

    private static func compile(_ specs: [RuleSpec], list: String,
                                fields: (RuleSpec) -> [UAPRule.Field]) throws -> [UAPRule] {
        try specs.enumerated().map { index, spec in
            do {
                return try UAPRule(pattern: spec.regex, caseInsensitive: spec.regexFlag == "i", fields: fields(spec))
            } catch {
                throw UAPRuleError(list: list, index: index, pattern: spec.regex, underlying: error)
            }
        }
    }
}

/// Reads a YAML file into `type`.
func decodeYAML<T: Decodable>(_ type: T.Type, at path: String) throws -> T {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try YAMLDecoder().decode(type, from: text)
}

private struct RegexesFile: Decodable {
    let userAgentParsers: [RuleSpec]
    let osParsers: [RuleSpec]
    let deviceParsers: [RuleSpec]

    enum CodingKeys: String, CodingKey {
        case userAgentParsers = "user_agent_parsers", osParsers = "os_parsers", deviceParsers = "device_parsers"
    }
}

private struct RuleSpec: Decodable {
    let regex: String
    let regexFlag: String?
    let familyReplacement, v1Replacement, v2Replacement, v3Replacement: String?
    let osReplacement, osV1Replacement, osV2Replacement, osV3Replacement, osV4Replacement: String?
    let deviceReplacement, brandReplacement, modelReplacement: String?

    enum CodingKeys: String, CodingKey {
        case regex, regexFlag = "regex_flag"
        case familyReplacement = "family_replacement", v1Replacement = "v1_replacement"
        case v2Replacement = "v2_replacement", v3Replacement = "v3_replacement"
        case osReplacement = "os_replacement", osV1Replacement = "os_v1_replacement"
        case osV2Replacement = "os_v2_replacement", osV3Replacement = "os_v3_replacement"
        case osV4Replacement = "os_v4_replacement"
        case deviceReplacement = "device_replacement", brandReplacement = "brand_replacement"
        case modelReplacement = "model_replacement"
    }
}
