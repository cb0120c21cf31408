import Foundation

/// A Lambda function (`lambda.function`). Its state (`Active`, …) is the common `state`.
public struct LambdaFunction: ResourceAttributes {
    public static let resourceType = ResourceType.lambdaFunction

    /// `runtime`, e.g. `python3.12`; absent for container images.
    public var runtime: String?
    /// `architectures`: `x86_64` and/or `arm64`.
    public var architectures: [String]
    /// `memory_size_mb`.
    public var memorySizeMB: Int?
    /// `last_modified`.
    public var lastModified: Date?
    /// `package_type`: `Zip` or `Image`.
    public var packageType: String

    public init(runtime: String?, architectures: [String] = ["x86_64"], memorySizeMB: Int? = nil,
                lastModified: Date? = nil, packageType: String = "Zip") {
        self.runtime = runtime
        self.architectures = architectures
        self.memorySizeMB = memorySizeMB
        self.lastModified = lastModified
        self.packageType = packageType
    }

    public func encode(into map: inout AttributeMap) {
        map.set("runtime", runtime)
        map.set("architectures", architectures)
        map.set("memory_size_mb", memorySizeMB)
        map.set("last_modified", lastModified)
        map.set("package_type", packageType)
    }

    public init(decoding map: AttributeMap) throws {
        runtime = try map.string("runtime")
        architectures = try map.stringList("architectures") ?? []
        memorySizeMB = try map.int("memory_size_mb")
        lastModified = try map.date("last_modified")
        packageType = try map.string("package_type") ?? "Zip"
    }
}
