import InfraModel

/// The blueprint's reference syntax: `${table.aws-inventory.arn}`, `${parameter.alert_email}`,
/// `${aws.region}`, mixed freely with text; `$${` writes a literal `${`.
public enum ReferenceSyntax {
    public struct Problem: Error, Hashable, Sendable {
        public var message: String
        public var hint: String
    }

    public static func parse(_ text: String) -> Result<Value, Problem> {
        var fragments: [Value.Fragment] = []
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            // `$${` escapes: keep `${` as text.
            if start.lowerBound > rest.startIndex, rest[rest.index(before: start.lowerBound)] == "$" {
                fragments.append(.literal(String(rest[..<rest.index(before: start.lowerBound)]) + "${"))
                rest = rest[start.upperBound...]
                continue
            }
            fragments.append(.literal(String(rest[..<start.lowerBound])))
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                return .failure(Problem(message: "unclosed reference in '\(text)'", hint: "close it with `}`"))
            }
            switch fragment(String(rest[start.upperBound..<end])) {
            case .success(let fragment): fragments.append(fragment)
            case .failure(let problem): return .failure(problem)
            }
            rest = rest[rest.index(after: end)...]
        }
        fragments.append(.literal(String(rest)))
        return .success(Value(fragments))
    }

    private static func fragment(_ body: String) -> Result<Value.Fragment, Problem> {
        let parts = body.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let kinds = ResourceKind.allCases.map(\.blueprintKey) + ["aws"]
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else {
            return .failure(Problem(
                message: "reference ${\(body)} is not ${kind.name} or ${kind.name.attribute}",
                hint: "e.g. ${table.aws-inventory.arn} or ${parameter.alert_email}"))
        }
        if parts[0] == "aws" {
            guard parts.count == 2, let pseudo = Pseudo(rawValue: parts[1]) else {
                let names = Pseudo.allCases.map(\.rawValue)
                return .failure(Problem(
                    message: "unknown deployment value ${\(body)}",
                    hint: closestMatch(to: parts.dropFirst().joined(separator: "."), in: names)
                        .map { "did you mean ${aws.\($0)}?" } ?? "use one of: \(names.map { "${aws.\($0)}" }.joined(separator: ", "))"))
            }
            return .success(.pseudo(pseudo))
        }
        guard let kind = ResourceKind(blueprintKey: parts[0]) else {
            let hint = closestMatch(to: parts[0], in: kinds).map { "did you mean `\($0)`?" }
                ?? "references start with one of: \(kinds.joined(separator: ", "))"
            return .failure(Problem(message: "unknown kind `\(parts[0])` in ${\(body)}", hint: hint))
        }
        // Names may contain dots (table names do); a last part that names an attribute is the attribute.
        var name = parts.dropFirst().joined(separator: ".")
        var attribute = kind.attributes[0]
        if parts.count >= 3, let named = Attribute(rawValue: parts[parts.count - 1]) {
            guard kind.attributes.contains(named) else {
                let names = kind.attributes.map(\.rawValue)
                return .failure(Problem(
                    message: "a \(kind.blueprintKey) has no attribute `\(named.rawValue)`",
                    hint: "use one of: \(names.joined(separator: ", "))"))
            }
            attribute = named
            name = parts[1..<(parts.count - 1)].joined(separator: ".")
        }
        return .success(.reference(Reference(kind, name, attribute)))
    }
}
