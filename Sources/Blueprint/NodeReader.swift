import InfraModel
import Yams

/// Reads typed values out of a YAML node tree, collecting every problem as a located diagnostic and recording
/// where each key path sits in the file, so model-level errors can point back at the source.
final class NodeReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var locations: [String: SourceLocation] = [:]
    /// Bounds the work an alias bomb (`a: &a [*b, *b, …]`) can cause: each node visit spends one unit.
    private var budget: Int
    private var budgetExhausted = false

    static let nodeBudget = 100_000

    init(file: String, budget: Int = NodeReader.nodeBudget) {
        self.file = file
        self.budget = budget
    }

    func location(_ node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func error(_ node: Node, _ path: String, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(at: path, message, hint: hint, location: location(node)))
    }

    func error(at location: SourceLocation?, _ path: String, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(at: path, message, hint: hint, location: location))
    }

    /// The recorded position of `path`, or of its longest recorded ancestor.
    func locate(_ path: String) -> SourceLocation? {
        var candidate = Substring(path)
        while !candidate.isEmpty {
            if let location = locations[String(candidate)] { return location }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            candidate = candidate[..<cut]
        }
        return locations[""]
    }

    /// Spends budget for a node; false once the document is too large to be a real blueprint.
    private func spend(_ node: Node, _ path: String) -> Bool {
        budget -= 1
        if budget >= 0 { return true }
        if !budgetExhausted {
            budgetExhausted = true
            error(node, path, "the document expands to more than \(Self.nodeBudget) nodes (an alias bomb?)",
                  hint: "remove the repeated aliases (*name); a blueprint needs far fewer nodes")
        }
        return false
    }

    // MARK: Mappings

    /// The entries of a mapping, checking keys against `allowed` (with "did you mean") and `required`.
    func mapping(_ node: Node, _ path: String, allowed: [String], required: [String] = []) -> [(String, Node)]? {
        guard spend(node, path) else { return nil }
        locations[path] = locations[path] ?? location(node)
        guard case .mapping(let mapping) = node else {
            error(node, path, "expected a mapping (key: value lines), found \(describe(node))",
                  hint: allowed.isEmpty ? nil : "expected keys: \(allowed.joined(separator: ", "))")
            return nil
        }
        var entries: [(String, Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error(keyNode, path, "mapping keys must be plain text", hint: "write `name: value`")
                continue
            }
            let key = scalar.string
            if key == "<<" {
                error(keyNode, path, "YAML merge keys (<<) are not supported", hint: "write the keys out")
                continue
            }
            if !allowed.isEmpty && !allowed.contains(key) {
                let hint = closestMatch(to: key, in: allowed).map { "did you mean `\($0)`?" }
                    ?? "allowed keys: \(allowed.joined(separator: ", "))"
                error(keyNode, join(path, key), "unknown key `\(key)`", hint: hint)
                continue
            }
            locations[join(path, key)] = location(value)
            entries.append((key, value))
        }
        for key in required where !entries.contains(where: { $0.0 == key }) {
            error(node, path, "missing required key `\(key)`", hint: "add `\(key): …` to \(path.isEmpty ? "the top level" : path)")
        }
        return entries
    }

    /// A mapping whose keys are names chosen by the user (resources, tags, variables).
    func namedEntries(_ node: Node, _ path: String) -> [(String, Node)]? {
        mapping(node, path, allowed: [])
    }

    func sequence(_ node: Node, _ path: String) -> [Node]? {
        guard spend(node, path) else { return nil }
        guard case .sequence(let sequence) = node else {
            error(node, path, "expected a list, found \(describe(node))", hint: "write `- item` lines or [a, b]")
            return nil
        }
        let items = Array(sequence)
        for (index, item) in items.enumerated() { locations["\(path)[\(index)]"] = location(item) }
        return items
    }

    // MARK: Scalars

    func string(_ node: Node, _ path: String) -> String? {
        guard spend(node, path) else { return nil }
        guard case .scalar(let scalar) = node else {
            error(node, path, "expected text, found \(describe(node))")
            return nil
        }
        return scalar.string
    }

    func int(_ node: Node, _ path: String) -> Int? {
        guard let text = string(node, path) else { return nil }
        guard let value = Int(text) else {
            error(node, path, "expected a whole number, found '\(text)'", hint: "write digits only, e.g. 128")
            return nil
        }
        return value
    }

    func bool(_ node: Node, _ path: String) -> Bool? {
        guard let text = string(node, path) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            error(node, path, "expected true or false, found '\(text)'")
            return nil
        }
    }

    /// One of a fixed set of spellings.
    func choice<T>(_ node: Node, _ path: String, _ options: [(String, T)]) -> T? {
        guard let text = string(node, path) else { return nil }
        if let match = options.first(where: { $0.0 == text }) { return match.1 }
        let names = options.map(\.0)
        let hint = closestMatch(to: text, in: names).map { "did you mean `\($0)`?" } ?? "use one of: \(names.joined(separator: ", "))"
        error(node, path, "'\(text)' is not one of \(names.joined(separator: ", "))", hint: hint)
        return nil
    }

    func stringList(_ node: Node, _ path: String) -> [String]? {
        guard let items = sequence(node, path) else { return nil }
        return items.enumerated().compactMap { string($1, "\(path)[\($0)]") }
    }

    /// A value that may contain `${kind.name.attribute}` references and `${aws.region}`-style pseudo values.
    func value(_ node: Node, _ path: String) -> Value? {
        guard let text = string(node, path) else { return nil }
        switch ReferenceSyntax.parse(text) {
        case .success(let value): return value
        case .failure(let problem):
            error(node, path, problem.message, hint: problem.hint)
            return nil
        }
    }

    /// Arbitrary JSON-compatible data (event patterns).
    func json(_ node: Node, _ path: String) -> JSON? {
        guard spend(node, path) else { return nil }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain || scalar.style == .any {
                if let int = Int(scalar.string) { return .number(Double(int)) }
                if scalar.string == "true" { return .bool(true) }
                if scalar.string == "false" { return .bool(false) }
                if scalar.string == "null" || scalar.string == "~" { return .null }
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            var items: [JSON] = []
            for (index, item) in sequence.enumerated() {
                guard let value = json(item, "\(path)[\(index)]") else { return nil }
                items.append(value)
            }
            return .array(items)
        case .mapping:
            guard let entries = namedEntries(node, path) else { return nil }
            var object: [String: JSON] = [:]
            for (key, value) in entries {
                guard let converted = json(value, join(path, key)) else { return nil }
                object[key] = converted
            }
            return .object(object)
        case .alias:
            error(node, path, "unresolved alias")
            return nil
        }
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string.isEmpty ? "an empty value" : "text '\(scalar.string.prefix(40))'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
