import Foundation

/// One file to put in a zip.
public struct ZipEntry: Sendable {
    /// The path inside the archive (`/`-separated, no leading slash).
    public var name: String
    public var contents: Data
    /// Unix permission bits (for example `0o755` for `bootstrap`).
    public var mode: UInt16

    public init(name: String, contents: Data, mode: UInt16 = 0o644) {
        self.name = name
        self.contents = contents
        self.mode = mode
    }
}

/// Writes zip archives whose bytes depend only on the entries: sorted by name, every timestamp 1980-01-01 00:00
/// (the zip epoch), Unix permissions from the entry, no extra fields (so no uid/gid or extended timestamps), no
/// data descriptors, no comment. The same entries always give the same bytes, hence the same SHA-256.
///
/// Why not ZIPFoundation: 0.9.20 could fix the date (it converts with `gmtime`) and the permissions, but the other
/// header choices (version made by, data descriptors, zip64 extra fields) are its own and may change between its
/// releases, which would silently change our hashes. The format needs ~100 bytes of headers per entry; writing them
/// here keeps every byte explicit and adds no dependency.
public enum DeterministicZip {
    public enum Compression: Sendable {
        /// Deflate each entry (stored anyway when deflate does not make it smaller).
        case deflate
        /// Store every entry uncompressed (reproducible across zlib versions too).
        case store
    }

    /// DOS date 1980-01-01: ((1980 - 1980) << 9) | (1 << 5) | 1.
    static let dosDate: UInt16 = 0x0021
    static let dosTime: UInt16 = 0

    /// The archive's bytes.
    public static func archive(_ entries: [ZipEntry], compression: Compression = .deflate) throws(DeployError) -> Data {
        var archive = Data()
        var central = Data()
        let sorted = entries.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        for (index, entry) in sorted.enumerated() where index > 0 && entry.name == sorted[index - 1].name {
            throw DeployError(.zipLimit, "two zip entries are named \(entry.name)")
        }
        guard sorted.count < 0xFFFF else { throw DeployError(.zipLimit, "more than 65534 zip entries") }
        for entry in sorted {
            let name = Data(entry.name.utf8)
            guard name.count < 0xFFFF, !entry.name.hasPrefix("/"), !entry.name.isEmpty else {
                throw DeployError(.zipLimit, "bad zip entry name \(entry.name.debugDescription)")
            }
            guard entry.contents.count < 0xFFFF_FFFF else {
                throw DeployError(.zipLimit, "\(entry.name) is 4 GiB or more; zip64 is not supported")
            }
            var method: UInt16 = 0
            var payload = entry.contents
            if compression == .deflate {
                let deflated = try Deflate.compress(entry.contents)
                if deflated.count < entry.contents.count {
                    method = 8
                    payload = deflated
                }
            }
            let crc = Deflate.crc32(entry.contents)
            // Bit 11: the name is UTF-8 (only set when it is not plain ASCII, as zip tools do).
            let flags: UInt16 = entry.name.utf8.allSatisfy { $0 < 0x80 } ? 0 : 0x0800
            let offset = UInt32(archive.count)

            archive.append(le32: 0x0403_4B50)
            archive.append(le16: 20)  // version needed: 2.0 (deflate)
            archive.append(le16: flags)
            archive.append(le16: method)
            archive.append(le16: dosTime)
            archive.append(le16: dosDate)
            archive.append(le32: crc)
            archive.append(le32: UInt32(payload.count))
            archive.append(le32: UInt32(entry.contents.count))
            archive.append(le16: UInt16(name.count))
            archive.append(le16: 0)  // extra field length
            archive.append(name)
            archive.append(payload)

            central.append(le32: 0x0201_4B50)
            central.append(le16: (3 << 8) | 20)  // made by: Unix, spec 2.0 (so unzip honours the mode bits)
            central.append(le16: 20)
            central.append(le16: flags)
            central.append(le16: method)
            central.append(le16: dosTime)
            central.append(le16: dosDate)
            central.append(le32: crc)
            central.append(le32: UInt32(payload.count))
            central.append(le32: UInt32(entry.contents.count))
            central.append(le16: UInt16(name.count))
            central.append(le16: 0)  // extra
            central.append(le16: 0)  // comment
            central.append(le16: 0)  // disk number
            central.append(le16: 0)  // internal attributes
            central.append(le32: (0o100000 | UInt32(entry.mode & 0o7777)) << 16)  // S_IFREG | mode
            central.append(le32: offset)
            central.append(name)
        }
        guard archive.count + central.count < 0xFFFF_FFFF else {
            throw DeployError(.zipLimit, "the archive would be 4 GiB or more; zip64 is not supported")
        }
        let centralOffset = UInt32(archive.count)
        archive.append(central)
        archive.append(le32: 0x0605_4B50)
        archive.append(le16: 0)
        archive.append(le16: 0)
        archive.append(le16: UInt16(sorted.count))
        archive.append(le16: UInt16(sorted.count))
        archive.append(le32: UInt32(central.count))
        archive.append(le32: centralOffset)
        archive.append(le16: 0)  // comment length
        return archive
    }

    /// Writes the archive to `url` (replacing it) and returns its bytes.
    @discardableResult
    public static func write(_ entries: [ZipEntry], to url: URL, compression: Compression = .deflate)
        throws(DeployError) -> Data
    {
        let bytes = try archive(entries, compression: compression)
        do {
            try bytes.write(to: url, options: .atomic)
        } catch {
            throw DeployError(.io, "cannot write \(url.path): \(error)")
        }
        return bytes
    }
}

extension Data {
    mutating func append(le16 value: UInt16) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    mutating func append(le32 value: UInt32) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
