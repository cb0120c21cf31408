import Foundation

/// An EKS cluster (`eks.cluster`). Its status (`ACTIVE`, …) is the common `state`.
public struct EKSCluster: ResourceAttributes {
    public static let resourceType = ResourceType.eksCluster

    /// `kubernetes_version`, e.g. `1.31`.
    public var kubernetesVersion: String
    /// `platform_version`, e.g. `eks.12`.
    public var platformVersion: String?
    /// `created_at`.
    public var createdAt: Date?
    /// `support_type`: the upgrade policy (`STANDARD`/`EXTENDED`) — a preference, not the billing state.
    public var supportType: String?

    public init(kubernetesVersion: String, platformVersion: String? = nil, createdAt: Date? = nil,
                supportType: String? = nil) {
        self.kubernetesVersion = kubernetesVersion
        self.platformVersion = platformVersion
        self.createdAt = createdAt
        self.supportType = supportType
    }

    public func encode(into map: inout AttributeMap) {
        map.set("kubernetes_version", kubernetesVersion)
        map.set("platform_version", platformVersion)
        map.set("created_at", createdAt)
        map.set("support_type", supportType)
    }

    public init(decoding map: AttributeMap) throws {
        kubernetesVersion = try map.requiredString("kubernetes_version")
        platformVersion = try map.string("platform_version")
        createdAt = try map.date("created_at")
        supportType = try map.string("support_type")
    }
}
