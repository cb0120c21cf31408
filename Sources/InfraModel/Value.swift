/// A value that may be known only at deploy time: literal text, references to other resources' attributes,
/// stack parameters and the deployment's account, region and partition, in any mix.
///
/// Renderers turn a value into a Terraform interpolation (`"${aws_sns_topic.alerts.arn}"`) or a CloudFormation
/// intrinsic (`Ref`, `Fn::GetAtt`, `Fn::Sub`), so a model never holds target-specific syntax.
public struct Value: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public enum Fragment: Hashable, Sendable {
        case literal(String)
        case reference(Reference)
        case pseudo(Pseudo)
    }

    public var fragments: [Fragment]

    public init(_ fragments: [Fragment]) {
        // Adjacent literals are merged so that equal values have one representation.
        var merged: [Fragment] = []
        for fragment in fragments {
            if case .literal(let text) = fragment {
                if text.isEmpty { continue }
                if case .literal(let previous)? = merged.last {
                    merged[merged.count - 1] = .literal(previous + text)
                    continue
                }
            }
            merged.append(fragment)
        }
        self.fragments = merged
    }

    public init(stringLiteral text: String) { self.init([.literal(text)]) }

    public static func literal(_ text: String) -> Value { Value([.literal(text)]) }
    public static func ref(_ reference: Reference) -> Value { Value([.reference(reference)]) }
    public static func pseudo(_ pseudo: Pseudo) -> Value { Value([.pseudo(pseudo)]) }

    /// The text when the value has no deploy-time part.
    public var literalText: String? {
        if fragments.isEmpty { return "" }
        if fragments.count == 1, case .literal(let text) = fragments[0] { return text }
        return nil
    }

    /// The reference when the whole value is exactly one reference.
    public var soleReference: Reference? {
        if fragments.count == 1, case .reference(let reference) = fragments[0] { return reference }
        return nil
    }

    public var references: [Reference] {
        fragments.compactMap { if case .reference(let reference) = $0 { reference } else { nil } }
    }

    /// The blueprint spelling, `text ${kind.name.attribute} ${aws.region}`.
    public var description: String {
        fragments.map { fragment in
            switch fragment {
            case .literal(let text): text
            case .reference(let reference): "${\(reference)}"
            case .pseudo(let pseudo): "${aws.\(pseudo.rawValue)}"
            }
        }.joined()
    }

    public static func + (lhs: Value, rhs: Value) -> Value { Value(lhs.fragments + rhs.fragments) }
}

/// Facts about the deployment that neither the blueprint nor a resource provides.
public enum Pseudo: String, Hashable, Sendable, CaseIterable {
    case accountID = "account_id"
    case region
    case partition
}

/// A typed pointer at an attribute of another element of the stack.
public struct Reference: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var kind: ResourceKind
    public var name: String
    public var attribute: Attribute

    public init(_ kind: ResourceKind, _ name: String, _ attribute: Attribute) {
        self.kind = kind
        self.name = name
        self.attribute = attribute
    }

    public var description: String {
        attribute == .value ? "\(kind.blueprintKey).\(name)" : "\(kind.blueprintKey).\(name).\(attribute.rawValue)"
    }

    public static func < (lhs: Reference, rhs: Reference) -> Bool { lhs.description < rhs.description }
}

/// The attributes a reference may read. Which kinds offer which is `ResourceKind.attributes`.
public enum Attribute: String, Hashable, Sendable, CaseIterable {
    /// A parameter's value.
    case value
    case name
    case arn
    /// A KMS key's id.
    case id
}

extension Value: ExpressibleByStringInterpolation {
    /// Builds values in Swift with references and deployment values inline:
    /// `"arn:\(.partition):eks:*:\(.accountID):cluster/*"` or `"\(Reference(.table, "t", .arn))/index/*"`.
    public struct StringInterpolation: StringInterpolationProtocol {
        var fragments: [Fragment] = []
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { fragments.append(.literal(literal)) }
        public mutating func appendInterpolation(_ pseudo: Pseudo) { fragments.append(.pseudo(pseudo)) }
        public mutating func appendInterpolation(_ reference: Reference) { fragments.append(.reference(reference)) }
        public mutating func appendInterpolation(_ value: Value) { fragments.append(contentsOf: value.fragments) }
    }

    public init(stringInterpolation: StringInterpolation) { self.init(stringInterpolation.fragments) }
}
