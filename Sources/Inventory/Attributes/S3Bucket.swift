import Foundation

/// An S3 bucket (`s3.bucket`). Its region is the common `region` (from `GetBucketLocation`).
///
/// The per-bucket facts are optional: when the collector's call for one fails (AccessDenied on one bucket), the
/// fact is absent and the analyzer does not guess.
public struct S3Bucket: ResourceAttributes {
    public static let resourceType = ResourceType.s3Bucket

    /// `lifecycle_configured`: a lifecycle configuration exists (`NoSuchLifecycleConfiguration` → false).
    public var lifecycleConfigured: Bool?
    /// `versioning_status`: `Enabled`, `Suspended` or `Disabled` (never enabled).
    public var versioningStatus: String?
    /// `default_encryption`: the default SSE algorithm (`AES256`, `aws:kms`, `aws:kms:dsse`) or `none`.
    public var defaultEncryption: String?
    /// `creation_date`.
    public var creationDate: Date?

    public init(lifecycleConfigured: Bool?, versioningStatus: String?, defaultEncryption: String?,
                creationDate: Date? = nil) {
        self.lifecycleConfigured = lifecycleConfigured
        self.versioningStatus = versioningStatus
        self.defaultEncryption = defaultEncryption
        self.creationDate = creationDate
    }

    public func encode(into map: inout AttributeMap) {
        map.set("lifecycle_configured", lifecycleConfigured)
        map.set("versioning_status", versioningStatus)
        map.set("default_encryption", defaultEncryption)
        map.set("creation_date", creationDate)
    }

    public init(decoding map: AttributeMap) throws {
        lifecycleConfigured = try map.bool("lifecycle_configured")
        versioningStatus = try map.string("versioning_status")
        defaultEncryption = try map.string("default_encryption")
        creationDate = try map.date("creation_date")
    }
}
