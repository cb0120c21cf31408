import Foundation
import Inventory
import JSONText

/// The findings as data: one JSON object per finding.
///
/// `{"finding_id","resource_id","resource_type","region","severity","monthly_saving_usd" (number or null),
/// "detail","recommendation","account_id"}` — keys in that order, no whitespace. Written by hand rather than with
/// `JSONEncoder` so `monthly_saving_usd` is an explicit `null` and 100,000 findings encode in milliseconds.
public enum FindingsJSON {
    /// One finding's JSON object.
    public static func object(_ finding: Finding) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(200 + finding.resourceID.utf8.count + finding.evidence.utf8.count
            + finding.recommendation.utf8.count)
        field("{\"finding_id\":", finding.id.rawValue, &out)
        field(",\"resource_id\":", finding.resourceID, &out)
        field(",\"resource_type\":", finding.resourceType.rawValue, &out)
        field(",\"region\":", finding.region, &out)
        field(",\"severity\":", finding.severity.rawValue, &out)
        out.append(contentsOf: ",\"monthly_saving_usd\":".utf8)
        if let saving = finding.monthlySavingUSD {
            out.append(contentsOf: centsText(saving).utf8)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        field(",\"detail\":", finding.evidence, &out)
        field(",\"recommendation\":", finding.recommendation, &out)
        field(",\"account_id\":", finding.accountID, &out)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A non-negative amount rounded to cents as a JSON number (`16`, `2.5`, `0.16`), without `Double`'s slow
    /// general-purpose formatting.
    static func centsText(_ amount: Double) -> String {
        guard amount.isFinite, amount >= 0, amount < 1e13 else { return ItemValue.numberText(amount) }
        let cents = Int64((amount * 100).rounded())
        let whole = String(cents / 100), fraction = cents % 100
        if fraction == 0 { return whole }
        if fraction % 10 == 0 { return whole + "." + String(fraction / 10) }
        return whole + (fraction < 10 ? ".0" : ".") + String(fraction)
    }

    /// The whole list as a JSON array, one object per line (readable with `jq`, diff-friendly).
    public static func document(_ findings: [Finding]) -> String {
        let objects = findings.withUnsafeBufferPointer { buffer in buffer.indices.map { object(buffer[$0]) } }
        return "[\n" + objects.joined(separator: ",\n") + (findings.isEmpty ? "]\n" : "\n]\n")
    }

    private static func field(_ prefix: StaticString, _ value: String, _ out: inout [UInt8]) {
        prefix.withUTF8Buffer { out.append(contentsOf: $0) }
        JSONString.append(value, to: &out)
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
