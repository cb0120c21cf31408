import Blueprint
import Foundation
import InfraModel
import Testing

/// Input no person writes but a tool must survive: each gives one clear error, never a crash or a hang.
@Suite("Hostile input")
struct HostileInputTests {
    func diagnostics(_ data: Data) -> [Diagnostic] {
        do {
            _ = try Blueprint.parse(data, file: "hostile.yaml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test("a 50 MB file is refused before parsing")
    func hugeFile() {
        var data = Data("stack: big\ndescription: \"".utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: 50 << 20))
        let found = diagnostics(data)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("blueprints are limited to 1048576 bytes") == true)
    }

    @Test("an alias bomb stops at the node budget")
    func aliasBomb() {
        var yaml = "stack: bomb\ntags:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            yaml += "  a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let found = diagnostics(Data(yaml.utf8))
        #expect(found.contains { $0.message.contains("alias bomb") || $0.message.contains("expected text") })
        #expect(found.count < 50)
    }

    @Test("an alias bomb inside an event pattern is bounded by the node budget")
    func aliasBombInPattern() {
        var yaml = "stack: bomb\nrules:\n  r:\n    targets: [f]\n    event_pattern:\n      a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            yaml += "      a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", "))]\n"
        }
        let found = diagnostics(Data(yaml.utf8))
        #expect(found.contains { $0.message.contains("more than 100000 nodes (an alias bomb?)") })
    }

    @Test("binary junk with NUL bytes names the position")
    func binaryJunk() {
        let data = Data([0x73, 0x74, 0x61, 0x63, 0x6B, 0x3A, 0x20, 0x0A, 0x41, 0x00, 0xFF, 0xFE])
        let found = diagnostics(data)
        #expect(found.map(\.description) == ["hostile.yaml:2:2: error: file contains a NUL byte; a blueprint is UTF-8 text (hint: is this a binary file?)"])
    }

    @Test("invalid UTF-8 names the position")
    func invalidUTF8() {
        let data = Data("stack: demo\ndescription: caf".utf8) + Data([0xC3, 0x28]) + Data("\n".utf8)
        let found = diagnostics(data)
        #expect(found.map(\.description) == ["hostile.yaml:2:17: error: file is not valid UTF-8 (hint: save the blueprint as UTF-8 text)"])
    }

    @Test("deeply nested brackets are refused before the composer recurses")
    func deepNesting() {
        let data = Data(("stack: deep\ntags: " + String(repeating: "[", count: 100_000)).utf8)
        let found = diagnostics(data)
        #expect(found.map(\.description) == ["hostile.yaml:2:263: error: brackets nest deeper than 256 levels (hint: a blueprint never needs this; is the file generated or corrupted?)"])
    }

    @Test("random bytes never crash the loader", arguments: 0..<20)
    func randomBytes(seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        let data = Data((0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        #expect(!diagnostics(data).isEmpty)
    }
}

/// A tiny deterministic generator, so a failing seed can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
