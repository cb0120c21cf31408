/// Stable identifiers for rendered resources, derived only from names in the model, so ids never change between
/// runs or when unrelated resources are added.
enum LogicalNames {
    /// Terraform resource name: `aws-inventory` → `aws_inventory`.
    static func terraform(_ name: String) -> String {
        var result = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
        if let first = result.first, first.isNumber { result = "_" + result }
        return result
    }

    /// CloudFormation logical id: `aws-inventory` + `Table` → `AwsInventoryTable`.
    static func cloudFormation(_ name: String, suffix: String = "") -> String {
        let words = name.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        var result = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if !suffix.isEmpty && !result.hasSuffix(suffix) { result += suffix }
        return result
    }
}
