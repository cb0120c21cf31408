import Foundation

/// ISO 8601 UTC timestamps as the schema stores them (`2026-11-29T04:07:22Z`, optional fraction on input).
///
/// Hand-written rather than `ISO8601DateFormatter`: the analyzer parses several dates per item for 100,000 items,
/// and the formatter is both slow and not `Sendable` on every platform.
public enum Timestamp {
    /// Formats a date as `YYYY-MM-DDTHH:MM:SSZ` (whole seconds, UTC; years 0…9999).
    public static func format(_ date: Date) -> String {
        render(date, length: 20)
    }

    /// Formats the calendar day of a date as `YYYY-MM-DD` (UTC); short enough to need no heap allocation.
    public static func formatDay(_ date: Date) -> String {
        render(date, length: 10)
    }

    /// The first `length` bytes of `YYYY-MM-DDTHH:MM:SSZ`, written in place.
    private static func render(_ date: Date, length: Int) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civil(fromDays: days)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            func put(_ value: Int, _ width: Int, at start: Int) {
                var rest = value
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    buffer[start + offset] = UInt8(48 + rest % 10)
                    rest /= 10
                }
            }
            put(min(max(year, 0), 9_999), 4, at: 0)
            put(month, 2, at: 5)
            put(day, 2, at: 8)
            put(secondOfDay / 3600, 2, at: 11)
            put(secondOfDay / 60 % 60, 2, at: 14)
            put(secondOfDay % 60, 2, at: 17)
            for (index, byte) in [(4, 45), (7, 45), (10, 84), (13, 58), (16, 58), (19, 90)] {
                buffer[index] = UInt8(byte)
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<length]), as: UTF8.self)
        }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS[.fff](Z|+00:00|±HH:MM)`; nil when malformed.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes in parse(bytes) }
    }

    static func parse(_ utf8: UnsafeBufferPointer<UInt8>) -> Date? {
        if utf8.count == 10 {
            guard utf8[4] == 45, utf8[7] == 45, let year = digits(utf8, 0, 4), let month = digits(utf8, 5, 2),
                  let day = digits(utf8, 8, 2), (1...12).contains(month), (1...31).contains(day)
            else { return nil }
            return Date(timeIntervalSince1970: Double(daysFromCivil(year: year, month: month, day: day) * 86_400))
        }
        guard utf8.count >= 20, utf8[4] == 45, utf8[7] == 45, utf8[10] == 84 || utf8[10] == 32,
              utf8[13] == 58, utf8[16] == 58,
              let year = digits(utf8, 0, 4), let month = digits(utf8, 5, 2), let day = digits(utf8, 8, 2),
              let hour = digits(utf8, 11, 2), let minute = digits(utf8, 14, 2), let second = digits(utf8, 17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if utf8[index] == 46 {  // "."
            var scale = 0.1
            index += 1
            while index < utf8.count, (48...57).contains(utf8[index]) {
                fraction += Double(utf8[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        guard index < utf8.count else { return nil }
        var offset = 0
        switch utf8[index] {
        case 90 where index == utf8.count - 1:  // "Z"
            break
        case 43, 45:  // "+" / "-"
            guard utf8.count == index + 6, utf8[index + 3] == 58,
                  let h = digits(utf8, index + 1, 2), let m = digits(utf8, index + 4, 2) else { return nil }
            offset = (h * 3600 + m * 60) * (utf8[index] == 43 ? 1 : -1)
        default:
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Whole days from `earlier` to `later`, rounded down (negative when `later` is before `earlier`).
    public static func wholeDays(from earlier: Date, to later: Date) -> Int {
        Int((later.timeIntervalSince(earlier) / 86_400).rounded(.down))
    }

    // MARK: Calendar arithmetic (Howard Hinnant's days-from-civil algorithms, proleptic Gregorian, UTC).

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            let byte = bytes[index]
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}
