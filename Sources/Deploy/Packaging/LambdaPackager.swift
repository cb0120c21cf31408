import Crypto
import Foundation

/// What to package: one executable product of a Swift package, as a `provided.al2023` zip.
public struct PackageRequest: Sendable {
    /// The folder holding Package.swift.
    public var packagePath: URL
    /// The executable product, e.g. `inventory-collector`.
    public var product: String
    /// Where `<product>.zip` is written (created if missing).
    public var outputDirectory: URL
    /// The function's architecture (`x86_64` or `arm64`); checked against the binary.
    public var architecture: String?
    /// Passed through as `swift build --swift-sdk` (e.g. `x86_64-swift-linux-musl` for the static Linux SDK).
    public var swiftSDK: String?
    /// `swift build --scratch-path`; nil for the package's own `.build`.
    public var scratchPath: URL?
    public var compression: DeterministicZip.Compression

    public init(packagePath: URL, product: String, outputDirectory: URL, architecture: String? = nil,
                swiftSDK: String? = nil, scratchPath: URL? = nil,
                compression: DeterministicZip.Compression = .deflate) {
        self.packagePath = packagePath
        self.product = product
        self.outputDirectory = outputDirectory
        self.architecture = architecture
        self.swiftSDK = swiftSDK
        self.scratchPath = scratchPath
        self.compression = compression
    }
}

/// A packaged function: the zip and what the checks found.
public struct PackagedFunction: Sendable {
    public var product: String
    public var zip: URL
    public var zipSize: Int
    /// Hex SHA-256 of the zip (the same sources give the same value).
    public var sha256: String
    /// Size of the stripped `bootstrap`.
    public var binarySize: Int
    public var elf: ELFInfo
    public var findings: [Al2023.Finding]

    /// False when a finding says the binary will not start in `provided.al2023`.
    public var loadsOnAl2023: Bool { !findings.contains { $0.severity == .error } }

    /// A few lines for the terminal.
    public var summary: String {
        var lines = [
            "\(zip.lastPathComponent): \(Self.megabytes(zipSize)) (bootstrap \(Self.megabytes(binarySize)) stripped, "
                + "\(elf.architecture)), sha256 \(sha256)",
            "  needs \(elf.maximumGlibc?.description ?? "no glibc symbols"); libraries: "
                + (elf.neededLibraries.isEmpty ? "none (static)" : elf.neededLibraries.joined(separator: ", ")),
        ]
        lines += findings.map { "  \($0)" }
        return lines.joined(separator: "\n")
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }
}

/// Release build with the static Swift standard library, `bootstrap` stripped, checked for `provided.al2023`, and
/// zipped deterministically.
public struct LambdaPackager: Sendable {
    public let runner: any CommandRunner

    public init(runner: any CommandRunner = ProcessCommandRunner()) { self.runner = runner }

    /// The `swift build` arguments for a request (without `--show-bin-path`).
    public static func buildArguments(_ request: PackageRequest) -> [String] {
        var arguments = ["swift", "build", "-c", "release", "--product", request.product, "--static-swift-stdlib",
                         "--package-path", request.packagePath.path]
        if let scratch = request.scratchPath { arguments += ["--scratch-path", scratch.path] }
        if let sdk = request.swiftSDK { arguments += ["--swift-sdk", sdk] }
        return arguments
    }

    public func package(_ request: PackageRequest) throws(DeployError) -> PackagedFunction {
        let build = Self.buildArguments(request)
        try check(try runner.run(build, directory: request.packagePath), build)
        let showBinPath = build + ["--show-bin-path"]
        let binPath = try runner.run(showBinPath, directory: request.packagePath)
        try check(binPath, showBinPath)
        let binary = URL(fileURLWithPath: binPath.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            .appendingPathComponent(request.product)

        let staging = request.outputDirectory.appendingPathComponent(".\(request.product)-staging")
        let bootstrap = staging.appendingPathComponent("bootstrap")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: bootstrap.path) {
                try FileManager.default.removeItem(at: bootstrap)
            }
            try FileManager.default.copyItem(at: binary, to: bootstrap)
        } catch {
            throw DeployError(.io, "cannot stage \(binary.path) as \(bootstrap.path): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: staging) }
        try strip(bootstrap)

        let elf = try ELFInspector.inspect(bootstrap, fallback: runner)
        let contents: Data
        do {
            contents = try Data(contentsOf: bootstrap)
        } catch {
            throw DeployError(.io, "cannot read \(bootstrap.path): \(error)")
        }
        let zip = request.outputDirectory.appendingPathComponent("\(request.product).zip")
        let bytes = try DeterministicZip.write(
            [ZipEntry(name: "bootstrap", contents: contents, mode: 0o755)], to: zip, compression: request.compression)
        return PackagedFunction(
            product: request.product, zip: zip, zipSize: bytes.count,
            sha256: SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined(),
            binarySize: contents.count, elf: elf, findings: Al2023.check(elf, architecture: request.architecture))
    }

    /// `llvm-strip` (every architecture; ships with Swift toolchains) or binutils `strip` (host architecture only).
    private func strip(_ binary: URL) throws(DeployError) {
        var failures: [String] = []
        for tool in ["llvm-strip", "strip"] {
            let arguments = [tool, "--strip-all", binary.path]
            let result: CommandResult
            do {
                result = try runner.run(arguments, directory: nil)
            } catch {
                failures.append(error.message)
                continue
            }
            if result.status == 0 { return }
            failures.append("\(tool): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        throw DeployError(.commandFailed, "cannot strip \(binary.path): " + failures.joined(separator: "; "))
    }

    private func check(_ result: CommandResult, _ arguments: [String]) throws(DeployError) {
        guard result.status == 0 else {
            let output = (result.stderr + "\n" + result.stdout).trimmingCharacters(in: .whitespacesAndNewlines)
            throw DeployError(.commandFailed,
                "`\(arguments.joined(separator: " "))` failed with status \(result.status):\n\(output.suffix(4000))")
        }
    }
}
