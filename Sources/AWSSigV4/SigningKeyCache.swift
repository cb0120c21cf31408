import Crypto
import Foundation

/// The derived signing key changes once a day per secret, region and service, yet costs four HMACs to compute;
/// this keeps the last few, already expanded into HMAC inner/outer hash states so that signing needs only two
/// SHA-256 finalisations.
public final class SigningKeyCache: @unchecked Sendable {
    // @unchecked: all state is behind `lock`.
    struct Key: Hashable {
        var secret: String
        var day: String
        var region: String
        var service: String
    }

    private let lock = NSLock()
    private var entries: [Key: PreparedHMAC] = [:]

    public init() {}

    func hmac(for key: Key, derive: () -> SymmetricKey) -> PreparedHMAC {
        if let hit = lock.withLock({ entries[key] }) { return hit }
        let prepared = PreparedHMAC(key: derive())
        lock.withLock {
            // A new day or new credentials: the old entries will not be used again.
            if entries.count >= 16 { entries.removeAll() }
            entries[key] = prepared
        }
        return prepared
    }
}

/// HMAC-SHA256 with the key already absorbed: SHA-256 states after the inner and outer pads (RFC 2104).
struct PreparedHMAC: @unchecked Sendable {
    // @unchecked: SHA256 is a copy-on-write value; these two are only ever copied, never mutated in place.
    let inner: SHA256
    let outer: SHA256

    init(key: SymmetricKey) {
        var block = key.withUnsafeBytes { Array($0) }
        if block.count > 64 { block = Array(SHA256.hash(data: block)) }
        block += Array(repeating: 0, count: 64 - block.count)
        var inner = SHA256()
        inner.update(data: block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(data: block.map { $0 ^ 0x5C })
        self.inner = inner
        self.outer = outer
    }

    func authenticate(_ message: String) -> SHA256.Digest {
        var inner = self.inner
        var message = message
        message.withUTF8 { inner.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        let innerDigest = inner.finalize()
        var outer = self.outer
        innerDigest.withUnsafeBytes { outer.update(bufferPointer: $0) }
        return outer.finalize()
    }
}
