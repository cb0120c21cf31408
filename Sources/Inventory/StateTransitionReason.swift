import Foundation

/// EC2's `StateTransitionReason`, e.g. `User initiated (2026-10-01 12:00:00 GMT)`.
///
/// AWS exposes no "stopped at" field; the date exists only inside this text, and not always (Cloud Custodian
/// parses it the same way, ec2.py `state-age`). When it is absent, the analyzer uses the inventory's history.
public enum StateTransitionReason {
    /// The date inside the parentheses, or nil when the text carries none.
    public static func date(in reason: String?) -> Date? {
        guard let reason, let open = reason.lastIndex(of: "("), let close = reason.lastIndex(of: ")"),
              open < close
        else { return nil }
        var inside = reason[reason.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
        for suffix in [" GMT", " UTC", "Z"] where inside.hasSuffix(suffix) {
            inside.removeLast(suffix.count)
        }
        return Timestamp.parse(inside + "Z")
    }
}
