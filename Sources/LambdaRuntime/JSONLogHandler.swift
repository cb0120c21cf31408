#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import Dispatch

/// Where log lines go: one call per complete line (without the newline).
public protocol LogLineSink: Sendable {
    func write(line: String)
}

/// Writes lines to a file descriptor (1 in Lambda mode, 2 in local mode) with one `write(2)` per line, under a lock,
/// serialised on a queue, so concurrent tasks never interleave within a line.
public final class FileDescriptorSink: LogLineSink {
    public let fd: Int32
    private let queue = DispatchQueue(label: "lambda-log-sink")

    public init(fd: Int32) { self.fd = fd }

    public func write(line: String) {
        let bytes = Array((line + "\n").utf8)
        queue.sync {
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, bytes.count - offset) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// A swift-log handler printing one JSON object per line:
/// `{"timestamp":"2026-11-29T04:00:00.123Z","level":"INFO","logger":"collector","message":"...","requestId":"...",
/// "metadata":{...}}`. Levels use Lambda's names (TRACE, DEBUG, INFO, WARN, ERROR, FATAL; `notice` maps to INFO).
public struct JSONLogHandler: LogHandler {
    /// The metadata key a ``LambdaContext`` logger sets; printed as the top-level `requestId`.
    public static let requestIDKey = "requestId"

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let sink: any LogLineSink

    public init(label: String, sink: any LogLineSink, level: Logger.Level = .info,
                metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.sink = sink
        self.logLevel = level
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        let requestID = merged.removeValue(forKey: Self.requestIDKey)
        var line = "{\"timestamp\":" + Self.quote(Self.timestamp(Date()))
        line += ",\"level\":" + Self.quote(Self.levelName(event.level))
        line += ",\"logger\":" + Self.quote(label)
        line += ",\"message\":" + Self.quote(event.message.description)
        if let requestID { line += ",\"requestId\":" + Self.json(requestID) }
        if !merged.isEmpty { line += ",\"metadata\":" + Self.json(.dictionary(merged)) }
        line += "}"
        sink.write(line: line)
    }

    static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace: "TRACE"
        case .debug: "DEBUG"
        case .info, .notice: "INFO"
        case .warning: "WARN"
        case .error: "ERROR"
        case .critical: "FATAL"
        }
    }

    /// ISO 8601 in UTC with milliseconds.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): quote(text)
        case .stringConvertible(let convertible): quote(convertible.description)
        case .array(let items): "[" + items.map(json).joined(separator: ",") + "]"
        case .dictionary(let entries):
            "{" + entries.sorted { $0.key < $1.key }.map { quote($0.key) + ":" + json($0.value) }
                .joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal (RFC 8259 escaping).
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
