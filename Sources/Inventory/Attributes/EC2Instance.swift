import Foundation

/// An EC2 instance (`ec2.instance`). The instance state itself is the common `state` attribute.
public struct EC2Instance: ResourceAttributes {
    public static let resourceType = ResourceType.ec2Instance

    /// `instance_id`, e.g. `i-0123…`; volumes' attachments refer to it.
    public var instanceID: String
    /// `instance_type`, e.g. `t3.micro`.
    public var instanceType: String
    /// `launch_time`: the most recent start (EC2 resets it on every start), so a running instance has run
    /// continuously since then.
    public var launchTime: Date?
    /// `state_transition_time`: when the instance entered its current state, parsed from `StateTransitionReason`
    /// (see `StateTransitionReason.date(in:)`); absent when AWS gives no date.
    public var stateTransitionTime: Date?
    /// `state_transition_reason`: AWS's text, kept for evidence.
    public var stateTransitionReason: String?
    /// `platform`: `windows`, or absent for Linux/UNIX (as `DescribeInstances` reports it).
    public var platform: String?
    /// `image_id`: the AMI the instance was launched from; makes AMIs "in use".
    public var imageID: String?

    public init(instanceID: String, instanceType: String, launchTime: Date? = nil, stateTransitionTime: Date? = nil,
                stateTransitionReason: String? = nil, platform: String? = nil, imageID: String? = nil) {
        self.instanceID = instanceID
        self.instanceType = instanceType
        self.launchTime = launchTime
        self.stateTransitionTime = stateTransitionTime
        self.stateTransitionReason = stateTransitionReason
        self.platform = platform
        self.imageID = imageID
    }

    public func encode(into map: inout AttributeMap) {
        map.set("instance_id", instanceID)
        map.set("instance_type", instanceType)
        map.set("launch_time", launchTime)
        map.set("state_transition_time", stateTransitionTime)
        map.set("state_transition_reason", stateTransitionReason)
        map.set("platform", platform)
        map.set("image_id", imageID)
    }

    public init(decoding map: AttributeMap) throws {
        instanceID = try map.requiredString("instance_id")
        instanceType = try map.requiredString("instance_type")
        launchTime = try map.date("launch_time")
        stateTransitionTime = try map.date("state_transition_time")
        stateTransitionReason = try map.string("state_transition_reason")
        platform = try map.string("platform")
        imageID = try map.string("image_id")
    }
}
