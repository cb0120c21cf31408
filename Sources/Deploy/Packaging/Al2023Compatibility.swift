import Foundation

/// What `provided.al2023` offers a `bootstrap`, and the check of a binary against it.
public enum Al2023 {
    /// Amazon Linux 2023 ships glibc 2.34.
    public static let glibc = GlibcVersion([2, 34])

    /// AL2023's libstdc++ comes from GCC 11, whose newest symbol versions are GLIBCXX_3.4.29 and CXXABI_1.3.13.
    public static let cxxLimits: [(prefix: String, newest: GlibcVersion)] = [
        ("GLIBCXX_", GlibcVersion([3, 4, 29])), ("CXXABI_", GlibcVersion([1, 3, 13])),
    ]

    /// Shared libraries a `bootstrap` may rely on in `provided.al2023`. The runtime is the AL2023 *minimal* container
    /// image (under 40 MB): glibc, the GCC runtime, and the libraries its package manager (microdnf) pulls in.
    /// Deliberately conservative: a library missing here is reported as "not known to be present", not as absent;
    /// verify with `docker run --rm --entrypoint ls public.ecr.aws/lambda/provided:al2023 /usr/lib64`.
    public static let baseLibraries: Set<String> = [
        // glibc 2.34 (libpthread, libdl, librt and libutil are stubs since 2.34 but still resolve)
        "libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libutil.so.1",
        "libresolv.so.2", "libanl.so.1", "libnss_files.so.2", "libnss_dns.so.2",
        "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
        // GCC runtime
        "libgcc_s.so.1", "libstdc++.so.6",
        // zlib (the runtimes need it: AsyncHTTPClient links NIOHTTPCompression), OpenSSL 3, and curl-minimal with its
        // HTTP/2 library (only a binary linking URLSessionTransport needs libcurl; the runtimes no longer do)
        "libz.so.1", "libssl.so.3", "libcrypto.so.3", "libcurl.so.4", "libnghttp2.so.14",
    ]

    /// Libraries whose symbol versions follow upstream (glibc, GCC), so the numeric checks above cover them.
    static let versionedByToolchain: Set<String> = [
        "libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libutil.so.1", "libresolv.so.2",
        "libanl.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libgcc_s.so.1", "libstdc++.so.6",
    ]

    /// Libraries that a Swift binary commonly needs and that `provided.al2023` does not have, with the reason.
    static let knownAbsent: [String: String] = [
        "libxml2.so.2": "FoundationXML links libxml2, which the minimal image does not ship",
        "libFoundation.so": "the Swift runtime libraries are not installed in Lambda; build with --static-swift-stdlib",
        "libswiftCore.so": "the Swift runtime libraries are not installed in Lambda; build with --static-swift-stdlib",
        "libicuuc.so": "ICU is not installed; use the static Swift SDK",
    ]

    /// How to fix a binary that will not load.
    public static let fix = "build with the static Linux Swift SDK (`swift sdk install` the static-linux SDK, then "
        + "`infragen package --swift-sdk <x86_64|aarch64>-swift-linux-musl`), which links everything statically, "
        + "or build on Amazon Linux 2023 (e.g. in the public.ecr.aws/amazonlinux/amazonlinux:2023 image)"

    /// A problem that will (error) or may (warning) stop the binary loading in `provided.al2023`.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public enum Severity: String, Sendable { case error, warning }
        public var severity: Severity
        public var message: String
        public var description: String { "\(severity.rawValue): \(message)" }
    }

    /// Checks the binary's glibc versions, shared libraries and architecture.
    /// - Parameter architecture: the function's architecture (`x86_64` or `arm64`), when known.
    public static func check(_ info: ELFInfo, architecture: String? = nil) -> [Finding] {
        var findings: [Finding] = []
        if let architecture, architecture != info.architecture {
            findings.append(Finding(severity: .error, message:
                "the binary is \(info.architecture) but the function is \(architecture); "
                    + "cross-compile with --swift-sdk for \(architecture)"))
        }
        let tooNew = info.glibcVersions.filter { $0 > glibc }
        if let newest = tooNew.last {
            let symbols = tooNew.flatMap { version in
                (info.symbolsByVersion[version.description] ?? []).map { "\($0)@\(version)" }
            }
            let named = symbols.isEmpty ? "" : " (needed by " + symbols.prefix(8).joined(separator: ", ")
                + (symbols.count > 8 ? ", and \(symbols.count - 8) more" : "") + ")"
            findings.append(Finding(severity: .error, message:
                "the binary requires \(newest) but provided.al2023 has glibc 2.34\(named): it will fail to start "
                    + "with \"version `\(newest)' not found\"; fix: \(fix)"))
        }
        for (prefix, newest) in cxxLimits {
            let required = (info.versionRequirements["libstdc++.so.6"] ?? []).filter {
                $0.hasPrefix(prefix) && GlibcVersion($0, prefix: prefix).map { $0 > newest } == true
            }
            if !required.isEmpty {
                let limit = prefix + newest.components.map(String.init).joined(separator: ".")
                findings.append(Finding(severity: .error, message:
                    "the binary requires \(required.joined(separator: ", ")) from libstdc++.so.6, newer than "
                        + "provided.al2023's GCC 11 runtime (\(limit)); fix: \(fix)"))
            }
        }
        // Symbol versions of other libraries are the build machine's packaging choice (Debian's libcurl exports
        // CURL_OPENSSL_4, for instance); whether al2023's build of the library defines them is not known here.
        for (library, versions) in info.versionRequirements.sorted(by: { $0.key < $1.key })
        where !versionedByToolchain.contains(library) {
            findings.append(Finding(severity: .warning, message:
                "the binary requires symbol versions \(versions.joined(separator: ", ")) from \(library), as this "
                    + "machine's build of it defines them; provided.al2023's build may not (the loader then warns "
                    + "\"no version information available\" or, if it has other versions, refuses to start); "
                    + "test the zip in the provided.al2023 image or \(fix)"))
        }
        for library in info.neededLibraries where !baseLibraries.contains(library) {
            let prefix = library.split(separator: ".").first.map(String.init) ?? library
            if let reason = knownAbsent.first(where: { $0.key.hasPrefix(prefix + ".") })?.value {
                findings.append(Finding(severity: .error, message:
                    "the binary needs \(library), which provided.al2023 does not have: \(reason); fix: \(fix)"))
            } else {
                findings.append(Finding(severity: .warning, message:
                    "the binary needs \(library), which is not known to be in provided.al2023; bundle it in the zip "
                        + "(and set LD_LIBRARY_PATH), link it statically, or \(fix)"))
            }
        }
        return findings
    }
}
