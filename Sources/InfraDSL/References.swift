import InfraModel

/// Short spellings for references in Swift: `.table("aws-inventory", .arn)`, `.parameter("alert_email")`.
extension Reference {
    public static func table(_ name: String, _ attribute: Attribute = .name) -> Reference { Reference(.table, name, attribute) }
    public static func topic(_ name: String, _ attribute: Attribute = .arn) -> Reference { Reference(.topic, name, attribute) }
    public static func function(_ name: String, _ attribute: Attribute = .name) -> Reference { Reference(.function, name, attribute) }
    public static func key(_ name: String, _ attribute: Attribute = .arn) -> Reference { Reference(.key, name, attribute) }
    public static func parameter(_ name: String) -> Reference { Reference(.parameter, name, .value) }
}
