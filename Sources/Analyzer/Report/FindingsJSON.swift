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
        appendString(value, to: &out)
    }

    /// Appends `text` as a JSON string literal (quotes, backslashes and control characters escaped; other
    /// characters as UTF-8).
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most text needs no escaping: copy it in one go.
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        } ?? !text.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        if plain {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        // Escaped into a stack buffer, appended in one go per chunk (appending byte by byte checks the array's
        // capacity and uniqueness for every byte).
        let chunkSize = 1_024
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunkSize) { chunk in
            var used = 0
            func put(_ byte: UInt8) {
                chunk[used] = byte
                used += 1
            }
            for byte in text.utf8 {
                if used > chunkSize - 6 {  // room for the longest escape, \u00XX
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<used]))
                    used = 0
                }
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    put(92)
                    put(byte)
                case 0x0A, 0x0D, 0x09:
                    put(92)
                    put(byte == 0x0A ? UInt8(ascii: "n") : byte == 0x0D ? UInt8(ascii: "r") : UInt8(ascii: "t"))
                case ..<0x20:
                    let hex: StaticString = "0123456789abcdef"
                    for escaped in [92, UInt8(ascii: "u"), 48, 48, hex.utf8Start[Int(byte >> 4)],
                                    hex.utf8Start[Int(byte & 0xF)]] { put(escaped) }
                default: put(byte)
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<used]))
        }
        out.append(UInt8(ascii: "\""))
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
