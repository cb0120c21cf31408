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
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
