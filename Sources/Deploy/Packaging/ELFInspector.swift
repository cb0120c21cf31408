import Foundation

/// What a Linux binary asks of the system that loads it.
public struct ELFInfo: Sendable, Equatable {
    /// `e_machine`: 62 is x86_64, 183 is aarch64.
    public var machine: UInt16
    /// The program interpreter (`PT_INTERP`), nil for a fully static binary.
    public var interpreter: String?
    /// `DT_NEEDED` entries, in file order.
    public var neededLibraries: [String]
    /// `.gnu.version_r`: for each library, the symbol versions required from it (e.g. `libc.so.6` → `GLIBC_2.34`).
    public var versionRequirements: [String: [String]]
    /// For each required version, the dynamic symbols bound to it (from `.gnu.version` and `.dynsym`).
    public var symbolsByVersion: [String: [String]]

    public var architecture: String {
        switch machine {
        case 62: "x86_64"
        case 183: "arm64"
        default: "e_machine \(machine)"
        }
    }

    /// Every `GLIBC_x.y[.z]` version required, in ascending order (`GLIBC_PRIVATE` is not a version).
    public var glibcVersions: [GlibcVersion] {
        Set(versionRequirements.values.joined().compactMap { GlibcVersion($0) }).sorted()
    }

    /// The newest glibc the binary needs, nil when it needs none.
    public var maximumGlibc: GlibcVersion? { glibcVersions.last }
}

/// A glibc symbol version such as `GLIBC_2.34`, ordered numerically.
public struct GlibcVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var components: [Int]

    public init(_ components: [Int]) { self.components = components }

    /// Parses `GLIBC_2.17` or `2.17`; nil for anything else (e.g. `GLIBC_PRIVATE`, `GLIBCXX_3.4`).
    /// With another `prefix` it reads other version families the same way (`GLIBCXX_3.4.29`).
    public init?(_ text: String, prefix: String = "GLIBC_") {
        let number = text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
        let parts = number.split(separator: ".").map { Int($0) }
        guard !parts.isEmpty, !number.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        components = parts.map { $0! }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.components.lexicographicallyPrecedes(rhs.components) }
    public var description: String { "GLIBC_" + components.map(String.init).joined(separator: ".") }
}

/// Reads ELF64 little-endian binaries (x86_64 and aarch64, what Lambda runs) directly: program headers for the
/// interpreter, `.dynamic` for `DT_NEEDED`, `.gnu.version_r` for required symbol versions, `.gnu.version` with
/// `.dynsym` for which symbols need which version. ``inspect(_:fallback:)`` falls back to `readelf` for anything
/// else (32-bit, big-endian).
public enum ELFInspector {
    public static func inspect(_ bytes: Data) throws(DeployError) -> ELFInfo {
        try ELFReader(Array(bytes)).info()
    }

    /// Our own parser first; when it cannot read the file, `readelf -d -V -l -W` through `runner`.
    public static func inspect(_ url: URL, fallback runner: any CommandRunner = ProcessCommandRunner())
        throws(DeployError) -> ELFInfo
    {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url)
        } catch {
            throw DeployError(.io, "cannot read \(url.path): \(error)")
        }
        do {
            return try inspect(bytes)
        } catch where error.code == .notELF && bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) {
            let result = try runner.run(["readelf", "-d", "-V", "-l", "-h", "-W", url.path], directory: nil)
            guard result.status == 0 else {
                throw DeployError(.commandFailed, "readelf could not read \(url.path): \(result.stderr)")
            }
            return try ReadelfOutput.parse(result.stdout)
        }
    }
}

/// Bounds-checked little-endian reads over the file.
private struct ELFReader {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func u16(_ at: Int) throws(DeployError) -> UInt16 { UInt16(truncatingIfNeeded: try uint(at, 2)) }
    func u32(_ at: Int) throws(DeployError) -> UInt32 { UInt32(truncatingIfNeeded: try uint(at, 4)) }
    func u64(_ at: Int) throws(DeployError) -> UInt64 { try uint(at, 8) }

    private func uint(_ at: Int, _ size: Int) throws(DeployError) -> UInt64 {
        guard at >= 0, at + size <= bytes.count else { throw DeployError(.notELF, "read past the end at \(at)") }
        var value: UInt64 = 0
        for index in (0..<size).reversed() { value = value << 8 | UInt64(bytes[at + index]) }
        return value
    }

    func int(_ value: UInt64) throws(DeployError) -> Int {
        guard value <= UInt64(bytes.count) else { throw DeployError(.notELF, "offset \(value) beyond the file") }
        return Int(value)
    }

    func string(_ at: Int) throws(DeployError) -> String {
        guard at >= 0, at < bytes.count else { throw DeployError(.notELF, "string offset \(at) beyond the file") }
        let end = bytes[at...].firstIndex(of: 0) ?? bytes.count
        return String(decoding: bytes[at..<end], as: UTF8.self)
    }

    struct Section {
        var type: UInt32, offset: Int, size: Int, link: Int, info: Int, entrySize: Int
    }

    func info() throws(DeployError) -> ELFInfo {
        guard bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) else { throw DeployError(.notELF, "not an ELF file") }
        guard bytes.count > 0x40, bytes[4] == 2, bytes[5] == 1 else {
            throw DeployError(.notELF, "only 64-bit little-endian ELF is parsed natively")
        }
        let machine = try u16(0x12)
        let sections = try readSections()
        var info = ELFInfo(machine: machine, interpreter: try interpreter(), neededLibraries: [],
                           versionRequirements: [:], symbolsByVersion: [:])
        for section in sections where section.type == 6 {  // SHT_DYNAMIC
            let strings = sections[section.link].offset
            for entry in stride(from: section.offset, to: section.offset + section.size, by: 16) {
                let tag = try u64(entry)
                if tag == 0 { break }
                if tag == 1 { info.neededLibraries.append(try string(strings + Int(try u32(entry + 8)))) }
            }
        }
        // version index (vna_other) → name, filled from .gnu.version_r.
        var versionNames: [UInt16: String] = [:]
        for section in sections where section.type == 0x6FFF_FFFE {  // SHT_GNU_verneed
            let strings = sections[section.link].offset
            var need = section.offset
            for _ in 0..<section.info {
                let file = try string(strings + Int(try u32(need + 4)))
                var aux = need + Int(try u32(need + 8))
                for _ in 0..<(try u16(need + 2)) {
                    let name = try string(strings + Int(try u32(aux + 8)))
                    versionNames[try u16(aux + 6)] = name
                    info.versionRequirements[file, default: []].append(name)
                    aux += Int(try u32(aux + 12))
                }
                let next = Int(try u32(need + 12))
                if next == 0 { break }
                need += next
            }
        }
        if let versym = sections.first(where: { $0.type == 0x6FFF_FFFF }),  // SHT_GNU_versym
            let dynsym = sections.first(where: { $0.type == 11 }), dynsym.entrySize > 0  // SHT_DYNSYM
        {
            let strings = sections[dynsym.link].offset
            for index in 0..<(dynsym.size / dynsym.entrySize) {
                let version = try u16(versym.offset + index * 2) & 0x7FFF
                guard let name = versionNames[version] else { continue }
                let symbol = try string(strings + Int(try u32(dynsym.offset + index * dynsym.entrySize)))
                info.symbolsByVersion[name, default: []].append(symbol)
            }
        }
        return info
    }

    private func readSections() throws(DeployError) -> [Section] {
        let offset = try int(try u64(0x28)), size = Int(try u16(0x3A)), count = Int(try u16(0x3C))
        guard count > 0, size >= 64 else { throw DeployError(.notELF, "no section headers") }
        var sections: [Section] = []
        for index in 0..<count {
            let header = offset + index * size
            // Sizes are clamped, not checked, here: .bss and other SHT_NOBITS sections occupy no file bytes.
            let clamp = { (value: UInt64) in Int(Swift.min(value, UInt64(Int32.max))) }
            sections.append(Section(
                type: try u32(header + 4), offset: clamp(try u64(header + 24)), size: clamp(try u64(header + 32)),
                link: Int(try u32(header + 40)), info: Int(try u32(header + 44)),
                entrySize: clamp(try u64(header + 56))))
        }
        // The sections this parser reads must lie inside the file.
        for section in sections where [6, 11, 0x6FFF_FFFE, 0x6FFF_FFFF].contains(section.type) {
            guard section.link < sections.count, section.offset + section.size <= bytes.count else {
                throw DeployError(.notELF, "a dynamic section points outside the file")
            }
        }
        return sections
    }

    private func interpreter() throws(DeployError) -> String? {
        let offset = try int(try u64(0x20)), size = Int(try u16(0x36)), count = Int(try u16(0x38))
        for index in 0..<count {
            let header = offset + index * size
            if try u32(header) == 3 { return try string(try int(try u64(header + 8))) }  // PT_INTERP
        }
        return nil
    }
}
