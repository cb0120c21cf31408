import Blueprint
import Foundation
import InfraModel
import InfragenTestSupport
import Testing

@Suite("Malformed blueprints give exact, located diagnostics")
struct MalformedBlueprintTests {
    static let directory = RepoPaths.file("Tests/BlueprintTests/Malformed")

    @Test("every file under Malformed/ has an expectation, and every expectation a file")
    func casesMatchFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(files == malformedBlueprintCases.map(\.name).sorted())
        #expect(files.count >= 40)
    }

    @Test("diagnostics", arguments: malformedBlueprintCases)
    func diagnostics(_ name: String, _ expected: [String]) throws {
        let path = Self.directory.appendingPathComponent("\(name).yaml").path
        do {
            _ = try Blueprint.load(path: path)
            Issue.record("\(name).yaml loaded without errors")
        } catch {
            let printed = error.diagnostics.map { String($0.description.dropFirst(path.count + 1)) }
            #expect(printed == expected)
            #expect(error.diagnostics.allSatisfy { $0.location?.file == path })
        }
    }
}
