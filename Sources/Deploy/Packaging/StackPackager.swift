import Foundation
import InfraModel

/// Packages every runtime a stack's functions name (`function.runtime` is the executable product), once each.
public struct StackPackager: Sendable {
    /// The Swift package that builds the runtimes (the repository root).
    public var packagePath: URL
    public var outputDirectory: URL
    public var swiftSDK: String?
    /// A scratch path of its own, so a release build never waits on the `.build` lock of `swift run`/`swift test`,
    /// and stays fixed so the same sources give the same zip (docs/runtime.md, "Reproducibility").
    public var scratchPath: URL
    public var packager: LambdaPackager

    public init(packagePath: URL, outputDirectory: URL, swiftSDK: String? = nil, scratchPath: URL? = nil,
                packager: LambdaPackager = LambdaPackager()) {
        self.packagePath = packagePath
        self.outputDirectory = outputDirectory
        self.swiftSDK = swiftSDK
        self.scratchPath = scratchPath ?? packagePath.appendingPathComponent(".build/lambda")
        self.packager = packager
    }

    /// Each runtime and the architecture its functions need (functions sharing a runtime must agree).
    public static func runtimes(of stack: Stack) throws(DeployError) -> [(runtime: String, architecture: String)] {
        var architectures: [String: String] = [:]
        for function in stack.functions {
            let architecture = function.architecture.rawValue
            if let other = architectures[function.runtime], other != architecture {
                throw DeployError(.usage, "runtime \(function.runtime) is used by functions with different "
                    + "architectures (\(other) and \(architecture)); one zip cannot serve both")
            }
            architectures[function.runtime] = architecture
        }
        return architectures.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Builds and zips each runtime; `progress` hears about each step before it runs.
    public func package(_ stack: Stack, progress: (String) -> Void = { _ in })
        throws(DeployError) -> [PackagedFunction]
    {
        var packaged: [PackagedFunction] = []
        for (runtime, architecture) in try Self.runtimes(of: stack) {
            progress("packaging \(runtime) (release, --static-swift-stdlib, \(architecture)"
                     + (swiftSDK.map { ", --swift-sdk \($0)" } ?? "") + ")")
            packaged.append(try packager.package(PackageRequest(
                packagePath: packagePath, product: runtime, outputDirectory: outputDirectory,
                architecture: architecture, swiftSDK: swiftSDK, scratchPath: scratchPath)))
        }
        return packaged
    }

    /// Checks that a folder of prebuilt zips (`--artifacts`) has one for every runtime.
    public static func existingArtifacts(_ stack: Stack, in directory: URL) throws(DeployError) -> [String: URL] {
        var zips: [String: URL] = [:]
        var missing: [String] = []
        for (runtime, _) in try runtimes(of: stack) {
            let zip = directory.appendingPathComponent("\(runtime).zip")
            if FileManager.default.fileExists(atPath: zip.path) {
                zips[runtime] = zip
            } else {
                missing.append(zip.path)
            }
        }
        guard missing.isEmpty else {
            throw DeployError(.io, "missing packaged runtime(s): \(missing.joined(separator: ", ")); "
                + "run `infragen package` or drop --artifacts")
        }
        return zips
    }
}
