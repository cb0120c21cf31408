import Foundation

/// Asks the user to confirm a change; the seam tests replace.
public protocol Confirmer: Sendable {
    /// True to go ahead. Throws `notConfirmed` when no one can be asked.
    func confirm(_ question: String) throws(DeployError) -> Bool
}

/// Asks on the terminal and accepts only `yes`, like terraform. Refuses to ask when standard input is not a
/// terminal: a script piping into infragen must say `--auto-approve` rather than have a stray line approve a change.
public struct TerminalConfirmer: Confirmer {
    public init() {}

    public func confirm(_ question: String) throws(DeployError) -> Bool {
        guard isatty(0) == 1 else {
            throw DeployError(.notConfirmed, "not applying: confirmation needs a terminal and standard input is not "
                + "one; review the plan above and rerun with --auto-approve to apply without asking")
        }
        print("\(question) Only 'yes' will be accepted: ", terminator: "")
        fflush(nil)  // nil: every stream; naming `stdout` is not concurrency-safe
        return readLine()?.trimmingCharacters(in: .whitespaces) == "yes"
    }
}

/// Always yes (`--auto-approve`).
public struct AutoApprove: Confirmer {
    public init() {}
    public func confirm(_ question: String) throws(DeployError) -> Bool { true }
}
