/// The member names a JSON reader has met, so that a name seen before becomes the same `String` again instead of a
/// new one: every item of a DynamoDB response repeats the same attribute names (a 1 MB `Query` page has a
/// thousand items), and a name longer than 15 bytes would otherwise cost a heap allocation per item.
///
/// A small direct-mapped table keyed by a hash of the name's bytes; a slot that collides is overwritten, which only
/// costs a new `String` later. A hit is confirmed byte for byte, so a hash collision never returns a wrong name.
struct MemberNames {
    private static let slotCount = 64
    private var hashes: [UInt64] = []
    private var names: [String] = []

    /// FNV-1a of `bytes`.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    private static func equal(_ name: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        name.utf8.count == bytes.count
            && name.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(bytes) } ?? name.utf8.elementsEqual(bytes)
    }

    /// The name with these bytes (ASCII, no escapes), made once per table.
    mutating func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let hash = Self.hash(bytes)
        let slot = Int(truncatingIfNeeded: hash) & (Self.slotCount - 1)
        if hashes.isEmpty {
            hashes = Array(repeating: 0, count: Self.slotCount)
            names = Array(repeating: "", count: Self.slotCount)
        } else if hashes[slot] == hash, Self.equal(names[slot], bytes) {
            return names[slot]
        }
        let name = String(decoding: bytes, as: UTF8.self)
        hashes[slot] = hash
        names[slot] = name
        return name
    }
}
