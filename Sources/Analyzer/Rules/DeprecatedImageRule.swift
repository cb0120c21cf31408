import Foundation
import Inventory

/// `eos.ami.deprecated`: an AMI whose `DeprecationTime` has passed (high) or is at most
/// `AMI_DEPRECATION_WARNING_DAYS` away (medium, default 30).
public struct DeprecatedImageRule: Rule {
    public let id = FindingID.amiDeprecated
    public init() {}

    /// Shared by every finding of the rule (one string, not one per finding).
    static let recommendation = "Build a replacement image from a supported base and move launch "
        + "templates to it; deregister this one when unused"

    public func evaluate(in context: RuleContext) -> [Finding] {
        let window = context.configuration.amiDeprecationWarningDays
        return context.images.compactMap { item, image in
            guard let deprecation = image.deprecationTime, context.within(window, daysOf: deprecation) else {
                return nil
            }
            let past = deprecation <= context.now
            let users = context.instances.isEmpty ? "" :
                (context.imagesInUse.contains(image.imageID) ? "; instances still launch from it" : "")
            let evidence = past
                ? "deprecated since \(Evidence.day(deprecation)) (\(context.days(since: deprecation)) days ago)\(users)"
                : "deprecation on \(Evidence.day(deprecation)) (in \(context.days(until: deprecation)) days)\(users)"
            return Finding(id: id, severity: past ? .high : .medium, item: item, evidence: evidence,
                           recommendation: Self.recommendation)
        }
    }
}
