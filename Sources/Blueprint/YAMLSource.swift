import Foundation
import InfraModel
import Yams

/// Turns blueprint bytes into a YAML node tree, or diagnostics that say where and why it is not YAML.
///
/// Hostile input is bounded before libyaml sees it: files over `maximumBytes`, NUL bytes and invalid UTF-8 are
/// refused with a located error; alias bombs are bounded later by the reader's node budget.
enum YAMLSource {
    /// Blueprints are hand-written; a megabyte is far beyond any real stack and keeps parsing instant.
    static let maximumBytes = 1 << 20

    static func compose(_ data: Data, file: String) -> Result<Node, DiagnosticError> {
        if data.count > maximumBytes {
            return failure(file, 1, 1, "file is \(data.count) bytes; blueprints are limited to \(maximumBytes) bytes (1 MiB)",
                           hint: "is this the right file? split very large stacks into several blueprints")
        }
        if let nul = data.firstIndex(of: 0) {
            let (line, column) = position(of: nul, in: data)
            return failure(file, line, column, "file contains a NUL byte; a blueprint is UTF-8 text",
                           hint: "is this a binary file?")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let (offset, _) = firstInvalidUTF8(data)
            let (line, column) = position(of: offset, in: data)
            return failure(file, line, column, "file is not valid UTF-8", hint: "save the blueprint as UTF-8 text")
        }
        if let (line, column) = excessiveFlowNesting(text) {
            return failure(file, line, column, "brackets nest deeper than \(maximumFlowDepth) levels",
                           hint: "a blueprint never needs this; is the file generated or corrupted?")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return failure(file, 1, 1, "blueprint is empty", hint: "start with `stack: <name>`")
            }
            return .success(node)
        } catch let error as YamlError {
            return .failure(DiagnosticError([diagnostic(for: error, file: file, data: data)]))
        } catch {
            return failure(file, 1, 1, "cannot read YAML: \(error)", hint: nil)
        }
    }

    /// The composer recurses once per nesting level; bound `[[[[…` so hostile input cannot exhaust the stack.
    static let maximumFlowDepth = 256

    private static func excessiveFlowNesting(_ text: String) -> (Int, Int)? {
        var depth = 0, line = 1, column = 0
        var quote: Character?
        for character in text {
            column += 1
            if character == "\n" { line += 1; column = 0; continue }
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "[", "{":
                depth += 1
                if depth > maximumFlowDepth { return (line, column) }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    private static func diagnostic(for error: YamlError, file: String, data: Data) -> Diagnostic {
        func located(_ mark: Mark, _ problem: String, _ context: YamlError.Context?) -> Diagnostic {
            let text = String(decoding: data, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            // libyaml's words for these two are obscure; name the real cause at the place it starts.
            if let context, context.text.contains("quoted scalar"), problem.contains("end of stream") {
                return Diagnostic(at: "", "invalid YAML: this quoted value is never closed", hint: "close the quote on the same value",
                                  location: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
            }
            if mark.line - 1 < lines.count, let tab = lines[mark.line - 1].prefix(while: { $0 == " " || $0 == "\t" }).firstIndex(of: "\t") {
                let column = lines[mark.line - 1].distance(from: lines[mark.line - 1].startIndex, to: tab) + 1
                return Diagnostic(at: "", "invalid YAML: a tab is used for indentation", hint: "indent with spaces; YAML forbids tabs in indentation",
                                  location: SourceLocation(file: file, line: mark.line, column: column))
            }
            var message = "invalid YAML: \(problem)"
            if let context, !context.text.isEmpty, context.text.count < 80 {
                message += " (\(context.text) at \(context.mark.line):\(context.mark.column))"
            }
            return Diagnostic(at: "", message, hint: hint(for: problem),
                              location: SourceLocation(file: file, line: mark.line, column: mark.column))
        }
        switch error {
        case .scanner(let context, let problem, let mark, _): return located(mark, problem, context)
        case .parser(let context, let problem, let mark, _): return located(mark, problem, context)
        case .composer(let context, let problem, let mark, _): return located(mark, problem, context)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(at: "", "duplicate key '\(duplicates.joined(separator: "', '"))' in one mapping",
                              hint: "each key may appear once; merge the two entries",
                              location: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
        case .reader(let problem, let offset, _, _):
            let (line, column) = offset.map { position(of: $0, in: data) } ?? (1, 1)
            return Diagnostic(at: "", "invalid YAML input: \(problem)", hint: nil,
                              location: SourceLocation(file: file, line: line, column: column))
        default:
            return Diagnostic(at: "", "invalid YAML: \(error)", location: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    private static func hint(for problem: String) -> String? {
        if problem.contains("tab") { return "indent with spaces; YAML forbids tabs in indentation" }
        if problem.contains("quoted scalar") { return "close the quote on the same value" }
        if problem.contains("undefined alias") { return "define the anchor (&name) before using *name" }
        if problem.contains("mapping values are not allowed") {
            return "quote values that contain ': ', or fix the indentation"
        }
        if problem.contains("block end") || problem.contains("expected <block end>") {
            return "check the indentation of this line against its siblings"
        }
        return nil
    }

    private static func failure(_ file: String, _ line: Int, _ column: Int, _ message: String, hint: String?)
        -> Result<Node, DiagnosticError>
    {
        .failure(DiagnosticError([
            Diagnostic(at: "", message, hint: hint, location: SourceLocation(file: file, line: line, column: column))
        ]))
    }

    /// 1-based line and column (in characters, counting bytes of invalid sequences as one each) of a byte offset.
    private static func position(of offset: Int, in data: Data) -> (Int, Int) {
        var line = 1, lineStart = data.startIndex
        for index in data.startIndex..<min(offset, data.endIndex) where data[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let prefix = data[lineStart..<min(offset, data.endIndex)]
        return (line, String(decoding: prefix, as: UTF8.self).count + 1)
    }

    private static func firstInvalidUTF8(_ data: Data) -> (Int, Void) {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var consumedBefore = 0
        // Decode scalar by scalar; the byte offset of the first error is where the bad sequence starts.
        while true {
            consumedBefore = offset
            var counting = CountingIterator(base: iterator)
            let result = decoder.decode(&counting)
            iterator = counting.base
            offset += counting.count
            switch result {
            case .scalarValue: continue
            case .emptyInput: return (offset, ())
            case .error: return (consumedBefore, ())
            }
        }
    }

    private struct CountingIterator: IteratorProtocol {
        var base: Data.Iterator
        var count = 0
        mutating func next() -> UInt8? {
            let byte = base.next()
            if byte != nil { count += 1 }
            return byte
        }
    }
}
