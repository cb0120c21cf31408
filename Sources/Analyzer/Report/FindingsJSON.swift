import Foundation
import Inventory

/// The findings as data: one JSON object per finding.
///
/// `{"finding_id","resource_id","resource_type","region","severity","monthly_saving_usd" (number or null),
/// "detail","recommendation","account_id"}` — keys in that order, no whitespace. Written by hand rather than with
/// `JSONEncoder` so `monthly_saving_usd` is an explicit `null` and 100,000 findings encode in milliseconds.
public enum FindingsJSON {
    /// One finding's JSON object.
    public static func object(_ finding: Finding) -> String {
        var out = "{\"finding_id\":"
        out.reserveCapacity(256 + finding.resourceID.utf8.count + finding.evidence.utf8.count)
        appendString(finding.id.rawValue, to: &out)
        out += ",\"resource_id\":"
        appendString(finding.resourceID, to: &out)
        out += ",\"resource_type\":"
        appendString(finding.resourceType.rawValue, to: &out)
        out += ",\"region\":"
        appendString(finding.region, to: &out)
        out += ",\"severity\":"
        appendString(finding.severity.rawValue, to: &out)
        out += ",\"monthly_saving_usd\":"
        if let saving = finding.monthlySavingUSD {
            out += ItemValue.numberText((saving * 100).rounded() / 100)
        } else {
            out += "null"
        }
        out += ",\"detail\":"
        appendString(finding.evidence, to: &out)
        out += ",\"recommendation\":"
        appendString(finding.recommendation, to: &out)
        out += ",\"account_id\":"
        appendString(finding.accountID, to: &out)
        out += "}"
        return out
    }

    /// The whole list as a JSON array, one object per line (readable with `jq`, diff-friendly).
    public static func document(_ findings: [Finding]) -> String {
        "[\n" + findings.map(object).joined(separator: ",\n") + (findings.isEmpty ? "]\n" : "\n]\n")
    }

    static func appendString(_ text: String, to out: inout String) {
        out += "\""
        var needsEscaping = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            needsEscaping = true
            break
        }
        guard needsEscaping else {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// A finding as read back from the findings JSON (for consumers and tests).
public struct FindingRecord: Codable, Hashable, Sendable {
    public var findingID: String
    public var resourceID: String
    public var resourceType: String
    public var region: String
    public var severity: String
    public var monthlySavingUSD: Double?
    public var detail: String
    public var recommendation: String
    public var accountID: String

    enum CodingKeys: String, CodingKey {
        case findingID = "finding_id", resourceID = "resource_id", resourceType = "resource_type", region, severity
        case monthlySavingUSD = "monthly_saving_usd", detail, recommendation, accountID = "account_id"
    }
}
