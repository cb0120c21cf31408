import Foundation

/// Reads `readelf -h -l -d -V -W` output into an ``ELFInfo``: the fallback for binaries the native parser does not
/// handle, and an independent cross-check of it in tests. Symbol-to-version mapping is not recovered here.
enum ReadelfOutput {
    static func parse(_ text: String) throws(DeployError) -> ELFInfo {
        var info = ELFInfo(machine: 0, interpreter: nil, neededLibraries: [], versionRequirements: [:],
                           symbolsByVersion: [:])
        var inVersionNeeds = false
        var currentFile: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("Machine:") {
                let machine = trimmed.dropFirst("Machine:".count).trimmingCharacters(in: .whitespaces)
                info.machine = machine.contains("X86-64") ? 62 : machine.contains("AArch64") ? 183 : 0
            } else if let range = trimmed.range(of: "Requesting program interpreter: ") {
                info.interpreter = String(trimmed[range.upperBound...].dropLast())  // trailing "]"
            } else if trimmed.contains("(NEEDED)"), let open = trimmed.range(of: "Shared library: [") {
                info.neededLibraries.append(String(trimmed[open.upperBound...].dropLast()))
            } else if trimmed.hasPrefix("Version needs section") {
                inVersionNeeds = true
            } else if trimmed.hasPrefix("Version definition section") || trimmed.hasPrefix("Version symbols section") {
                inVersionNeeds = false
            } else if inVersionNeeds, let file = field("File:", in: trimmed) {
                currentFile = file
            } else if inVersionNeeds, let name = field("Name:", in: trimmed), let currentFile {
                info.versionRequirements[currentFile, default: []].append(name)
            }
        }
        guard info.machine != 0 || !info.neededLibraries.isEmpty || !info.versionRequirements.isEmpty else {
            throw DeployError(.notELF, "readelf printed nothing this parser recognises")
        }
        return info
    }

    /// The word after `label` in a line such as `0x0010:   Name: GLIBC_2.3  Flags: none  Version: 8`.
    private static func field(_ label: String, in line: String) -> String? {
        guard let range = line.range(of: label) else { return nil }
        return line[range.upperBound...].split(separator: " ").first.map(String.init)
    }
}
