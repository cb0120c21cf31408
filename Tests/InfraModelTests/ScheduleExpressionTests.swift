import InfraModel
import Testing

@Suite("EventBridge schedule expressions")
struct ScheduleExpressionTests {
    @Test("valid expressions", arguments: [
        "cron(0 2 * * ? *)", "cron(0/15 * * * ? *)", "cron(0 8 ? * MON-FRI *)", "cron(0 0 L * ? *)",
        "cron(0 12 ? * 6#3 *)", "cron(30 9 1,15 * ? 2026-2030)", "cron(0 0 LW * ? *)", "cron(0 0 15W * ? *)",
        "cron(0 10 ? JAN-MAR 2L *)", "cron(5,35 14 * * ? *)", "rate(1 minute)", "rate(5 minutes)", "rate(1 hour)",
        "rate(12 hours)", "rate(1 day)", "rate(7 days)",
    ])
    func valid(_ expression: String) {
        #expect(ScheduleExpression.validate(expression) == nil)
    }

    @Test("invalid expressions name the problem", arguments: [
        ("cron(0 2 * * *)", "has 5 fields"),
        ("cron(0 2 * * ? * *)", "has 7 fields"),
        ("cron(0 2 1 * MON *)", "exactly one of day-of-month and day-of-week"),
        ("cron(0 2 ? * ? *)", "exactly one of day-of-month and day-of-week"),
        ("cron(60 2 * * ? *)", "minutes field '60' has 60, outside 0-59"),
        ("cron(0 24 * * ? *)", "hours field '24' has 24, outside 0-23"),
        ("cron(0 2 32 * ? *)", "day-of-month field '32' has 32, outside 1-31"),
        ("cron(0 2 * 13 ? *)", "month field '13' has 13, outside 1-12"),
        ("cron(0 2 ? * 8 *)", "day-of-week field '8' has 8, outside 1-7"),
        ("cron(0 2 * * ? 1969)", "year field '1969' has 1969, outside 1970-2199"),
        ("cron(0 2 ? * MON#6 *)", "is not weekday#n with n in 1-5"),
        ("cron(? 2 * * ? *)", "minutes field '?' cannot be '?'"),
        ("cron(0/0 2 * * ? *)", "step that is not a positive whole number"),
        ("cron(30-10 2 * * ? *)", "range that runs backwards"),
        ("cron(0 2 1,,2 * ? *)", "empty list item"),
        ("rate(1 hours)", "must use the singular unit"),
        ("rate(2 hour)", "must use the plural unit"),
        ("rate(0 minutes)", "needs a positive whole number"),
        ("rate(5 weeks)", "is not minute(s), hour(s) or day(s)"),
        ("at(2026-01-01T00:00:00)", "neither cron(...) nor rate(...)"),
    ])
    func invalid(_ expression: String, _ fragment: String) throws {
        let problem = try #require(ScheduleExpression.validate(expression))
        #expect(problem.message.contains(fragment), "\(problem.message)")
        #expect(!problem.hint.isEmpty)
    }
}
