import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Each face's error body, checked whole: for a refusal, the body (its keys, its stable code,
/// a message) is as much the contract as the status.
enum ErrorShape {
    /// The native API: `{"error": {"code", "message", "field"?}}`.
    case native(field: String? = nil)
    /// IPTP's Spring-style body with Parley's code: `{"timestamp", "status", "error", "message", "details", "path", "code"}`.
    case iptp(path: String)
    /// Comm100 under `/livechat`: `{"code", "message"}`.
    case comm100
    /// An OAuth2 token endpoint (RFC 6749 §5.2): `{"error", "error_description"}`; the code is `error`.
    case oauth
    /// LivePerson in JSON: `{"error": {"time", "message", "code"}}`.
    case livePerson
    /// LivePerson in XML: `<error><time/><message/><code/></error>`.
    case livePersonXML

    func check(
        _ response: TestResponse, _ status: HTTPResponse.Status, code: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let text = String(buffer: response.body)
        #expect(response.status == status, "status \(response.status.code), body: \(text)", sourceLocation: sourceLocation)
        if case .livePersonXML = self {
            checkXML(text, code: code, sourceLocation: sourceLocation)
            return
        }
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
        guard let body = try? JSONValue(data: Data(buffer: response.body)) else {
            Issue.record("not JSON: \(text)", sourceLocation: sourceLocation)
            return
        }
        let problems = problems(in: body, status: status, code: code)
        #expect(problems.isEmpty, "\(problems.joined(separator: "; ")) in \(text)", sourceLocation: sourceLocation)
    }

    private func problems(in body: JSONValue, status: HTTPResponse.Status, code: String) -> [String] {
        func message(_ value: JSONValue?) -> [String] {
            value?.string?.isEmpty == false ? [] : ["no message"]
        }
        switch self {
        case .native(let field):
            let error = body["error"]
            return keys(body, ["error"]) + keys(error, ["code", "message", "field"], optional: ["field"])
                + equal(error?["code"]?.string, code, "code") + message(error?["message"])
                + (field.map { equal(error?["field"]?.string, $0, "field") } ?? [])
        case .iptp(let path):
            return keys(body, ["timestamp", "status", "error", "message", "details", "path", "code"])
                + equal(body["details"]?.string, body["message"]?.string, "details")
                + equal(body["code"]?.string, code, "code") + equal(body["status"]?.number, Double(status.code), "status")
                + equal(body["error"]?.string, status.reasonPhrase, "error") + equal(body["path"]?.string, path, "path")
                + message(body["message"])
                + ((body["timestamp"]?.string ?? "").contains(try! Regex(#"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"#)) ? [] : ["timestamp not ISO 8601"])
        case .comm100:
            return keys(body, ["code", "message"]) + equal(body["code"]?.string, code, "code") + message(body["message"])
        case .oauth:
            return keys(body, ["error", "error_description"]) + equal(body["error"]?.string, code, "error")
                + message(body["error_description"])
        case .livePerson:
            let error = body["error"]
            return keys(body, ["error"]) + keys(error, ["time", "message", "code"]) + equal(error?["code"]?.string, code, "code")
                + message(error?["message"]) + (error?["time"]?.string?.isEmpty == false ? [] : ["no time"])
        case .livePersonXML:
            return []
        }
    }

    private func checkXML(_ text: String, code: String, sourceLocation: SourceLocation) {
        let pattern = #"^(<\?xml[^>]*\?>)?<error><time>[^<]+</time><message>[^<]+</message><code>([^<]+)</code></error>$"#
        let match = text.trimmingCharacters(in: .whitespacesAndNewlines).wholeMatch(of: try! Regex(pattern))
        #expect(match != nil, "not LivePerson's XML error: \(text)", sourceLocation: sourceLocation)
        #expect(text.contains("<code>\(code)</code>"), "\(text)", sourceLocation: sourceLocation)
    }

    /// The object's keys are `expected`, of which `optional` may be absent.
    private func keys(_ value: JSONValue?, _ expected: Set<String>, optional: Set<String> = []) -> [String] {
        let actual = value?.keys ?? []
        let missing = expected.subtracting(optional).subtracting(actual)
        let extra = actual.subtracting(expected)
        return (missing.isEmpty ? [] : ["missing \(missing.sorted())"]) + (extra.isEmpty ? [] : ["unexpected \(extra.sorted())"])
    }

    private func equal<T: Equatable>(_ actual: T?, _ expected: T, _ name: String) -> [String] {
        actual == expected ? [] : ["\(name) is \(actual.map { "\($0)" } ?? "missing"), not \(expected)"]
    }
}

extension TestResponse {
    /// Checks that this is the face's error with `status` and `code`.
    func expectError(
        _ shape: ErrorShape, _ status: HTTPResponse.Status, code: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        shape.check(self, status, code: code, sourceLocation: sourceLocation)
    }
}
