/// Where a problem is: the file and position when known, and the key path inside the stack.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A problem in user input, printed as `path:line:col: error: message` so editors can jump to it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Error {
    public enum Severity: String, Hashable, Sendable { case error, warning }

    public var severity: Severity
    /// Dotted key path inside the stack, e.g. `functions.inventory-collector.memory`.
    public var keyPath: String
    public var message: String
    public var hint: String?
    public var location: SourceLocation?

    public init(
        _ severity: Severity = .error, at keyPath: String, _ message: String, hint: String? = nil,
        location: SourceLocation? = nil
    ) {
        self.severity = severity
        self.keyPath = keyPath
        self.message = message
        self.hint = hint
        self.location = location
    }

    public var description: String {
        var prefix = ""
        if let location { prefix = "\(location.file):\(location.line):\(location.column): " }
        var text = "\(prefix)\(severity.rawValue): \(keyPath.isEmpty ? "" : "\(keyPath): ")\(message)"
        if let hint { text += " (hint: \(hint))" }
        return text
    }
}

/// Every diagnostic of a failed load or validation, so all problems are reported in one run.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
