import Foundation
import InfraModel
import Yams

/// Loads YAML blueprints into validated stacks.
public enum Blueprint {
    /// Reads and validates the blueprint at `path`. Throws every problem at once as a `DiagnosticError`.
    public static func load(path: String) throws(DiagnosticError) -> Stack {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DiagnosticError([Diagnostic(at: "", "cannot read the blueprint: \(error.localizedDescription)",
                                              location: SourceLocation(file: path, line: 1, column: 1))])
        }
        return try parse(data, file: path)
    }

    /// Parses and validates blueprint bytes; `file` names them in diagnostics.
    public static func parse(_ data: Data, file: String) throws(DiagnosticError) -> Stack {
        let root: Node
        switch YAMLSource.compose(data, file: file) {
        case .success(let node): root = node
        case .failure(let error): throw error
        }
        let reader = NodeReader(file: file)
        var translator = BlueprintTranslator(reader: reader)
        let stack = translator.translate(root)
        var diagnostics = reader.diagnostics
        // Model checks speak in key paths; place them at the blueprint position of that path. Problems the
        // reader already reported (a bad value it dropped) are not reported twice.
        if diagnostics.isEmpty {
            for var diagnostic in StackValidator().validate(stack) {
                diagnostic.location = reader.locate(diagnostic.keyPath)
                diagnostics.append(diagnostic)
            }
        }
        guard diagnostics.isEmpty else {
            throw DiagnosticError(diagnostics.sorted { ($0.location, $0.keyPath) < ($1.location, $1.keyPath) })
        }
        return stack
    }
}

extension Optional: @retroactive Comparable where Wrapped == SourceLocation {
    public static func < (lhs: SourceLocation?, rhs: SourceLocation?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): false
        case (nil, _): true
        case (_, nil): false
        case (let l?, let r?): l < r
        }
    }
}
