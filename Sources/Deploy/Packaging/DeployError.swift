import Foundation

/// The one error type of `Deploy`.
public struct DeployError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Equatable {
        /// A command (swift build, strip, readelf) failed or was not found.
        case commandFailed
        /// A binary is not an ELF file this inspector understands.
        case notELF
        /// Zip input the format cannot hold (a file over 4 GiB, a name over 64 KiB).
        case zipLimit
        /// zlib reported an error.
        case compression
        /// Reading or writing a file failed.
        case io
        /// An option or argument the user gave is not usable (an endpoint that is not a URL, `--var` without `=`).
        case usage
        /// Confirmation was declined, or cannot be asked for (no terminal).
        case notConfirmed
        /// A tool (terraform, the aws CLI) answered with something infragen cannot read.
        case unexpectedOutput
        /// An installed terraform provider does not match the hashes of `.terraform.lock.hcl`.
        case providerMismatch
        /// infragen received SIGINT, SIGTERM or SIGHUP while a tool was running.
        case interrupted
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
