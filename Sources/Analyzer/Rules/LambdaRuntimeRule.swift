import Foundation
import Inventory

/// `eos.lambda.runtime`: a function on a runtime past block-create/block-update (critical), deprecated (high),
/// deprecated within 60 days (medium, when Lambda's own notice arrives) or within `EOL_WARNING_DAYS` (low,
/// default 90). Container-image functions are skipped: the runtime is inside the image (AWS Config does the same).
public struct LambdaRuntimeRule: Rule {
    public let id = FindingID.lambdaRuntime
    public init() {}

    public func evaluate(in context: RuleContext) -> [Finding] {
        let eol = context.lifecycles.bundled
        let warning = context.configuration.eolWarningDays
        return context.functions.compactMap { item, function in
            guard function.packageType != "Image", let runtime = function.runtime else { return nil }
            if eol.retiredLambdaRuntimes.contains(runtime) {
                return Finding(id: id, severity: .critical, item: item,
                               evidence: "runtime \(runtime) was retired years ago; updates are blocked",
                               recommendation: "Migrate to a supported runtime")
            }
            guard let support = eol.lambdaRuntimes[runtime] else { return nil }
            let move = "Migrate to \(support.successor ?? "a newer runtime") and redeploy"
            let blocked = [("create", support.blockCreate), ("update", support.blockUpdate)]
                .compactMap { stage, date in date.flatMap { $0 <= context.now ? (stage, $0) : nil } }
            if let last = blocked.last {
                return Finding(id: id, severity: .critical, item: item,
                               evidence: "runtime \(runtime) deprecated \(Evidence.day(support.deprecation)); "
                                   + "function \(last.0) blocked since \(Evidence.day(last.1))",
                               recommendation: move)
            }
            if support.deprecation <= context.now {
                var evidence = "runtime \(runtime) deprecated since \(Evidence.day(support.deprecation)) (no security "
                    + "patches)"
                if let create = support.blockCreate { evidence += "; create blocked from \(Evidence.day(create))" }
                if let update = support.blockUpdate { evidence += "; update blocked from \(Evidence.day(update))" }
                return Finding(id: id, severity: .high, item: item, evidence: evidence, recommendation: move)
            }
            guard context.within(warning, daysOf: support.deprecation) else { return nil }
            let severity: Severity = context.within(min(60, warning), daysOf: support.deprecation) ? .medium : .low
            return Finding(id: id, severity: severity, item: item,
                           evidence: "runtime \(runtime) is deprecated on \(Evidence.day(support.deprecation)) (in "
                               + "\(context.days(until: support.deprecation)) days)", recommendation: move)
        }
    }
}
