/// EventBridge schedule expressions: `rate(5 minutes)` and six-field `cron(min hour dom month dow year)`.
///
/// The rules follow EventBridge's documentation: exactly one of day-of-month and day-of-week is `?`, `L`/`W`
/// only where allowed, `#` only in day-of-week, names for months and weekdays, years 1970–2199.
public enum ScheduleExpression {
    /// A problem with an expression: the message and a hint that shows a fix.
    public struct Problem: Hashable, Sendable {
        public var message: String
        public var hint: String
    }

    public static func validate(_ expression: String) -> Problem? {
        if expression.hasPrefix("rate(") && expression.hasSuffix(")") {
            return validateRate(String(expression.dropFirst(5).dropLast()))
        }
        if expression.hasPrefix("cron(") && expression.hasSuffix(")") {
            return validateCron(String(expression.dropFirst(5).dropLast()))
        }
        return Problem(
            message: "schedule \(quoted(expression)) is neither cron(...) nor rate(...)",
            hint: "write e.g. cron(0 2 * * ? *) for 02:00 UTC daily, or rate(1 day)")
    }

    static func validateRate(_ body: String) -> Problem? {
        let parts = body.split(separator: " ", omittingEmptySubsequences: true)
        let hint = "write rate(<positive integer> <minute|minutes|hour|hours|day|days>), e.g. rate(6 hours)"
        guard parts.count == 2, let value = Int(parts[0]), value > 0 else {
            return Problem(message: "rate(\(body)) needs a positive whole number and a unit", hint: hint)
        }
        let unit = String(parts[1])
        guard ["minute", "minutes", "hour", "hours", "day", "days"].contains(unit) else {
            return Problem(message: "rate unit \(quoted(unit)) is not minute(s), hour(s) or day(s)", hint: hint)
        }
        let singular = !unit.hasSuffix("s")
        if value == 1 && !singular {
            return Problem(message: "rate(1 \(unit)) must use the singular unit", hint: "write rate(1 \(unit.dropLast()))")
        }
        if value > 1 && singular {
            return Problem(message: "rate(\(value) \(unit)) must use the plural unit", hint: "write rate(\(value) \(unit)s)")
        }
        return nil
    }

    private struct Field {
        let name: String
        let range: ClosedRange<Int>
        let names: [String]
        let extras: Set<Character>
    }

    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let weekdays = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
    private static let fields = [
        Field(name: "minutes", range: 0...59, names: [], extras: []),
        Field(name: "hours", range: 0...23, names: [], extras: []),
        Field(name: "day-of-month", range: 1...31, names: [], extras: ["?", "L", "W"]),
        Field(name: "month", range: 1...12, names: months, extras: []),
        Field(name: "day-of-week", range: 1...7, names: weekdays, extras: ["?", "L", "#"]),
        Field(name: "year", range: 1970...2199, names: [], extras: []),
    ]

    static func validateCron(_ body: String) -> Problem? {
        let parts = body.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 6 else {
            return Problem(
                message: "cron(\(body)) has \(parts.count) fields; EventBridge needs 6 (minutes hours day-of-month month day-of-week year)",
                hint: "e.g. cron(0 2 * * ? *) runs daily at 02:00 UTC")
        }
        for (field, text) in zip(fields, parts) {
            if let problem = validate(text, as: field) { return problem }
        }
        let dayOfMonthUnset = parts[2] == "?", dayOfWeekUnset = parts[4] == "?"
        if dayOfMonthUnset == dayOfWeekUnset {
            return Problem(
                message: "cron(\(body)): exactly one of day-of-month and day-of-week must be '?'",
                hint: dayOfMonthUnset
                    ? "set one of them, e.g. cron(\(parts[0]) \(parts[1]) * \(parts[3]) ? \(parts[5]))"
                    : "replace one with '?', e.g. cron(\(parts[0]) \(parts[1]) \(parts[2]) \(parts[3]) ? \(parts[5]))")
        }
        return nil
    }

    private static func validate(_ text: String, as field: Field) -> Problem? {
        let fail = { (why: String) in
            Problem(
                message: "cron \(field.name) field \(quoted(text)) \(why)",
                hint: "\(field.name) takes \(field.range.lowerBound)-\(field.range.upperBound)"
                    + (field.names.isEmpty ? "" : " or \(field.names.first!)-\(field.names.last!)")
                    + ", lists (a,b), ranges (a-b), steps (*/n)"
                    + (field.extras.isEmpty ? "" : " and \(field.extras.sorted().map(String.init).joined(separator: " "))"))
        }
        if text == "*" { return nil }
        if text == "?" { return field.extras.contains("?") ? nil : fail("cannot be '?'") }
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            if item.isEmpty { return fail("has an empty list item") }
            if let problem = validateItem(item, field, fail) { return problem }
        }
        return nil
    }

    private static func validateItem(_ item: String, _ field: Field, _ fail: (String) -> Problem) -> Problem? {
        // Special day forms: L, LW, nW (day-of-month), nL and n#k (day-of-week).
        if field.extras.contains("L") && (item == "L" || (field.extras.contains("W") && item == "LW")) { return nil }
        if field.extras.contains("W"), item.hasSuffix("W"), let day = Int(item.dropLast()) {
            return field.range.contains(day) ? nil : fail("names day \(day), outside \(field.range)")
        }
        if field.extras.contains("#") {
            let pieces = item.split(separator: "#", omittingEmptySubsequences: false)
            if pieces.count == 2 {
                guard let day = number(String(pieces[0]), field), let nth = Int(pieces[1]), (1...5).contains(nth),
                    field.range.contains(day)
                else { return fail("is not weekday#n with n in 1-5") }
                return nil
            }
            if item.hasSuffix("L"), let day = number(String(item.dropLast()), field), field.range.contains(day) {
                return nil
            }
        }
        var base = item
        if let slash = item.firstIndex(of: "/") {
            base = String(item[..<slash])
            guard let step = Int(item[item.index(after: slash)...]), step > 0 else {
                return fail("has a step that is not a positive whole number")
            }
            if base == "*" { return nil }
        }
        let bounds = base.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard bounds.count <= 2 else { return fail("is not a value or a range") }
        var values: [Int] = []
        for bound in bounds {
            guard let value = number(bound, field) else {
                return fail(bound == item ? "is not a valid value" : "has \(quoted(bound)), not a valid value")
            }
            guard field.range.contains(value) else {
                return fail("has \(value), outside \(field.range.lowerBound)-\(field.range.upperBound)")
            }
            values.append(value)
        }
        if values.count == 2 && values[0] > values[1] && field.names.isEmpty {
            return fail("has a range that runs backwards")
        }
        return nil
    }

    private static func number(_ text: String, _ field: Field) -> Int? {
        if let value = Int(text), text.allSatisfy(\.isNumber) { return value }
        if let index = field.names.firstIndex(of: text.uppercased()) { return index + 1 }
        return nil
    }

    private static func quoted(_ text: String) -> String { "'\(text)'" }
}
