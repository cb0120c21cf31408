/// AWS naming rules for each resource kind: allowed characters and length.
public struct NamingRule: Sendable {
    public var what: String
    public var lengths: ClosedRange<Int>
    /// A readable description of the allowed characters, used in messages.
    public var charactersDescription: String
    public var isAllowed: @Sendable (Character) -> Bool

    public func problem(with name: String) -> String? {
        if !lengths.contains(name.count) {
            return "\(what) '\(name)' is \(name.count) characters long; AWS allows \(lengths.lowerBound)–\(lengths.upperBound)"
        }
        if let bad = name.first(where: { !isAllowed($0) }) {
            return "\(what) '\(name)' contains '\(bad)'; AWS allows only \(charactersDescription)"
        }
        return nil
    }
}

extension NamingRule {
    private static func ascii(_ extra: String) -> @Sendable (Character) -> Bool {
        { character in
            character.isASCII && (character.isLetter || character.isNumber || extra.contains(character))
        }
    }

    public static let table = NamingRule(
        what: "table name", lengths: 3...255, charactersDescription: "A-Z a-z 0-9 _ . -", isAllowed: ascii("_.-"))
    public static let index = NamingRule(
        what: "index name", lengths: 3...255, charactersDescription: "A-Z a-z 0-9 _ . -", isAllowed: ascii("_.-"))
    public static let function = NamingRule(
        what: "function name", lengths: 1...64, charactersDescription: "A-Z a-z 0-9 - _", isAllowed: ascii("-_"))
    public static let role = NamingRule(
        what: "role name", lengths: 1...64, charactersDescription: "A-Z a-z 0-9 + = , . @ _ -",
        isAllowed: ascii("+=,.@_-"))
    public static let topic = NamingRule(
        what: "topic name", lengths: 1...256, charactersDescription: "A-Z a-z 0-9 - _", isAllowed: ascii("-_"))
    public static let rule = NamingRule(
        what: "rule name", lengths: 1...64, charactersDescription: "A-Z a-z 0-9 . - _", isAllowed: ascii(".-_"))
    public static let logGroup = NamingRule(
        what: "log group name", lengths: 1...512, charactersDescription: "A-Z a-z 0-9 . - _ / #",
        isAllowed: ascii(".-_/#"))
    public static let key = NamingRule(
        what: "key name", lengths: 1...200, charactersDescription: "A-Z a-z 0-9 / _ -", isAllowed: ascii("/_-"))
    /// Parameters become Terraform variables and CloudFormation parameters: identifiers both accept.
    public static let parameter = NamingRule(
        what: "parameter name", lengths: 1...200, charactersDescription: "A-Z a-z 0-9 _ (starting with a letter)",
        isAllowed: ascii("_"))
    public static let output = NamingRule(
        what: "output name", lengths: 1...200, charactersDescription: "A-Z a-z 0-9 _ (starting with a letter)",
        isAllowed: ascii("_"))
    /// CloudFormation stack names are the strictest target.
    public static let stack = NamingRule(
        what: "stack name", lengths: 1...128, charactersDescription: "A-Z a-z 0-9 - (starting with a letter)",
        isAllowed: ascii("-"))
    public static let environmentVariable = NamingRule(
        what: "environment variable", lengths: 2...128, charactersDescription: "A-Z a-z 0-9 _ (starting with a letter)",
        isAllowed: ascii("_"))
}
