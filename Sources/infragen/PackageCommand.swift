import ArgumentParser
import Deploy
import Foundation
import InfraModel

/// How runtimes are built; shared by package and deploy.
struct PackagingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Passed to `swift build --swift-sdk` (e.g. x86_64-swift-linux-musl, the static Linux "
                               + "SDK).", valueName: "sdk"))
    var swiftSDK: String?

    @Option(help: ArgumentHelp("The Swift package that builds the runtimes (default: the current directory).",
                               valueName: "dir"))
    var packagePath: String?

    func packager(for stack: Stack, out: URL) -> StackPackager {
        StackPackager(packagePath: URL(fileURLWithPath: packagePath ?? FileManager.default.currentDirectoryPath),
                      outputDirectory: out, swiftSDK: swiftSDK)
    }

    /// Packages every runtime and prints what each zip is; a glibc finding is printed, not fatal: the zip still
    /// runs against a local emulator, and only the real provided.al2023 would refuse it.
    func package(_ stack: Stack, out: URL) throws -> [String: URL] {
        let packaged = try packager(for: stack, out: out).package(stack, progress: { say("infragen: \($0)") })
        var zips: [String: URL] = [:]
        for function in packaged {
            say(function.summary)
            if !function.loadsOnAl2023 {
                printError("warning: \(function.zip.lastPathComponent) will NOT load on AWS Lambda provided.al2023 "
                           + "(see the error above); it still runs locally and against an emulator")
            }
            zips[function.product] = function.zip
        }
        return zips
    }
}

struct PackageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Build each function's runtime for provided.al2023 and zip it deterministically.",
        discussion: """
            For every runtime the blueprint's functions name (function.runtime is the executable product): a
            release build with --static-swift-stdlib in .build/lambda, `bootstrap` stripped and checked against
            provided.al2023 (glibc 2.34, libraries, architecture), then DIR/<runtime>.zip with fixed timestamps and
            order, so the same sources give the same SHA-256. Exit 1 when a build fails or, with --strict, when a
            zip would not load on provided.al2023.

            Example: infragen package blueprints/aws-inventory.yaml --out build/artifacts
            """)

    @OptionGroup var input: BlueprintArgument
    @OptionGroup var packaging: PackagingOptions

    @Option(help: ArgumentHelp("Output directory (default .infragen/<stack>/artifacts).", valueName: "dir"))
    var out: String?

    @Flag(help: "Exit 1 when a zip would not load on provided.al2023.")
    var strict = false

    func run() throws {
        let stack = try input.load()
        let directory = out.map { URL(fileURLWithPath: $0) } ?? StackWorkspace(stack: stack.name).artifacts
        let packaged = try packaging.packager(for: stack, out: directory)
            .package(stack, progress: { say("infragen: \($0)") })
        for function in packaged { say(function.summary) }
        let failing = packaged.filter { !$0.loadsOnAl2023 }
        if !failing.isEmpty {
            printError("warning: " + failing.map(\.zip.lastPathComponent).joined(separator: ", ")
                       + " will NOT load on AWS Lambda provided.al2023 (see above); they still run locally")
            if strict { throw ExitCode(1) }
        }
    }
}
