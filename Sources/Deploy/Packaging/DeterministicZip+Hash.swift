import Crypto
import Foundation

extension DeterministicZip {
    /// Lower-case hex SHA-256, the form `infragen package` prints and the artifacts bucket's keys use.
    public static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
