/// What a pre-chat form's definition may hold, and whether a visitor's answers meet it.
enum PrechatFormRule {
    static let maxFields = 20
    static let maxOptions = 20
    static let maxKeyLength = 32
    /// The built-in questions every form asks; a field may not take their names.
    static let builtInKeys: Set<String> = ["name", "email", "message"]

    /// The definition cleaned (labels and options trimmed), or the first fault, named by its place in the list.
    static func definition(_ drafts: [PrechatFieldDraft], limits: ChatLimits) throws -> [PrechatField] {
        guard drafts.count <= maxFields else {
            throw ChatError.invalidField(field: .prechatFields, reason: "may hold at most \(maxFields) fields")
        }
        var kept: [PrechatField] = []
        for (index, draft) in drafts.enumerated() {
            try checkKey(draft.key, at: index)
            guard let kind = PrechatField.Kind(rawValue: draft.type) else {
                throw ChatError.invalidField(
                    field: .prechatField(index: index, part: "type"),
                    reason: "must be one of \(PrechatField.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            var field = PrechatField(
                key: draft.key, label: draft.label, kind: kind, isRequired: draft.isRequired, options: draft.options, departmentID: draft.departmentID
            )
            field.label = try Validate.label(
                field.label, field: .prechatField(index: index, part: "label"), characters: limits.maxNameLength, bytes: limits.maxNameBytes
            )
            field.options = try options(field, at: index, limits: limits)
            // A department's form is the global fields and its own: a key may appear once in it.
            if kept.contains(where: { $0.key == field.key && ($0.departmentID == nil || field.departmentID == nil || $0.departmentID == field.departmentID) }) {
                throw ChatError.invalidField(
                    field: .prechatField(index: index, part: "key"), reason: "is already used by another field of the same form"
                )
            }
            kept.append(field)
        }
        return kept
    }

    /// Refuses the first defined field the answers miss (when required) or answer wrongly.
    /// Answers to fields nobody defined pass untouched.
    static func check(_ answers: [CustomVariable], against fields: [PrechatField], limits: ChatLimits) throws {
        for field in fields {
            let answer = answers.last { $0.name == field.key }?.value.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !answer.isEmpty else {
                if field.isRequired { throw ChatError.invalidField(field: .prechatAnswer(key: field.key), reason: "is required") }
                continue
            }
            switch field.kind {
            case .select where !field.options.contains(answer):
                throw ChatError.invalidField(field: .prechatAnswer(key: field.key), reason: "must be one of the field's options")
            case .email:
                _ = try Validate.email(answer, field: .prechatAnswer(key: field.key), limits: limits)
            default:
                break
            }
        }
    }

    private static func checkKey(_ key: String, at index: Int) throws {
        let valid = (1...maxKeyLength).contains(key.unicodeScalars.count)
            && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        guard valid else {
            throw ChatError.invalidField(field: .prechatField(index: index, part: "key"), reason: "must be 1 to \(maxKeyLength) of a-z, 0-9 and '_'")
        }
        guard !builtInKeys.contains(key) else {
            throw ChatError.invalidField(field: .prechatField(index: index, part: "key"), reason: "names a built-in question (name, email, message)")
        }
    }

    private static func options(_ field: PrechatField, at index: Int, limits: ChatLimits) throws -> [String] {
        let place = ChatField.prechatField(index: index, part: "options")
        guard field.kind == .select else {
            guard field.options.isEmpty else { throw ChatError.invalidField(field: place, reason: "are only for a select field") }
            return []
        }
        guard (1...maxOptions).contains(field.options.count) else {
            throw ChatError.invalidField(field: place, reason: "must hold 1 to \(maxOptions) choices for a select field")
        }
        let options = try field.options.map {
            try Validate.label($0, field: place, characters: limits.maxNameLength, bytes: limits.maxNameBytes)
        }
        guard Set(options).count == options.count else { throw ChatError.invalidField(field: place, reason: "must not repeat a choice") }
        return options
    }
}
