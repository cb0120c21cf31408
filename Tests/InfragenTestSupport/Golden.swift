import Foundation

/// Byte-for-byte comparison of generated output with a committed golden file.
///
/// Set `INFRAGEN_RECORD_GOLDEN=1` to rewrite the golden; the assertion still fails on that run so a recording
/// can never pass silently.
public enum Golden {
    public struct Mismatch: Error, CustomStringConvertible {
        public var description: String
    }

    public static func check(_ actual: String, against relativePath: String) throws {
        let url = RepoPaths.file(relativePath)
        if ProcessInfo.processInfo.environment["INFRAGEN_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            throw Mismatch(description: "recorded \(relativePath); unset INFRAGEN_RECORD_GOLDEN and run again")
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            throw Mismatch(description: "missing golden \(relativePath); record with INFRAGEN_RECORD_GOLDEN=1")
        }
        guard expected != actual else { return }
        throw Mismatch(description: "\(relativePath) differs from the golden:\n" + firstDifference(expected, actual))
    }

    /// A short unified-style view of the first differing lines.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        for index in 0..<max(e.count, a.count) {
            let left = index < e.count ? e[index] : "<end of file>"
            let right = index < a.count ? a[index] : "<end of file>"
            if left != right {
                return "line \(index + 1):\n- \(left)\n+ \(right)"
            }
        }
        return "(identical lines, different bytes)"
    }
}
