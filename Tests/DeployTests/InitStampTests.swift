import Foundation
import InfragenTestSupport
import Testing
@testable import Deploy

/// `terraform init` is skipped only while nothing it depends on changed.
struct InitStampTests {
    /// A working directory as init leaves it: configuration, lock file, installed providers.
    static func initialisedDirectory() throws -> URL {
        let directory = try RepoPaths.scratchDirectory("init-stamp")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent(".terraform/providers"), withIntermediateDirectories: true)
        try write(#"{"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "~> 5.100"}}},"#
            + #" "resource": {"aws_sns_topic": {"t": {"name": "t"}}}}"#, to: "main.tf.json", in: directory)
        try write(#"{"provider": {"aws": {"region": "us-east-1"}}}"#, to: "endpoint_override.tf.json", in: directory)
        try write("provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"5.100.0\"\n}\n",
                  to: ".terraform.lock.hcl", in: directory)
        return directory
    }

    static func write(_ text: String, to name: String, in directory: URL) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    @Test func currentOnlyAfterARecordedInit() throws {
        let directory = try Self.initialisedDirectory()
        let stamp = InitStamp(directory: directory, pluginDirectory: "/opt/mirror")
        #expect(!stamp.isCurrent())
        try stamp.record()
        #expect(stamp.isCurrent())
        stamp.clear()
        #expect(!stamp.isCurrent())
    }

    @Test("any change init depends on makes it run again", arguments: [
        "required providers", "a provider used without being declared", "lock file", "mirror", "providers deleted",
        "override's terraform block",
    ])
    func changesInvalidate(change: String) throws {
        let directory = try Self.initialisedDirectory()
        var stamp = InitStamp(directory: directory, pluginDirectory: "/opt/mirror")
        try stamp.record()
        switch change {
        case "required providers":
            try Self.write(#"{"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "#
                + #""version": "~> 6.0"}}}, "resource": {"aws_sns_topic": {"t": {"name": "t"}}}}"#,
                to: "main.tf.json", in: directory)
        case "a provider used without being declared":
            try Self.write(#"{"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "#
                + #""version": "~> 5.100"}}}, "resource": {"aws_sns_topic": {"t": {"name": "t"}}, "#
                + #""random_id": {"r": {"byte_length": 4}}}}"#, to: "main.tf.json", in: directory)
        case "lock file":
            try Self.write("provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"5.99.0\"\n}\n",
                           to: ".terraform.lock.hcl", in: directory)
        case "mirror":
            stamp.pluginDirectory = "/srv/other-mirror"
        case "providers deleted":
            try FileManager.default.removeItem(at: directory.appendingPathComponent(".terraform/providers"))
        default:
            try Self.write(#"{"terraform": {"backend": {"local": {"path": "elsewhere.tfstate"}}}}"#,
                           to: "endpoint_override.tf.json", in: directory)
        }
        #expect(!stamp.isCurrent())
    }

    @Test func resourcesAndValuesOutsideInitsConcernDoNotInvalidate() throws {
        let directory = try Self.initialisedDirectory()
        let stamp = InitStamp(directory: directory, pluginDirectory: "/opt/mirror")
        try stamp.record()
        // Another resource of the same provider, another endpoint: plan's business, not init's.
        try Self.write(#"{"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "#
            + #""version": "~> 5.100"}}}, "resource": {"aws_sns_topic": {"t": {"name": "t"}, "u": {"name": "u"}}, "#
            + #""aws_sqs_queue": {"q": {"name": "q"}}}}"#, to: "main.tf.json", in: directory)
        try Self.write(#"{"provider": {"aws": {"region": "eu-west-1"}}}"#, to: "endpoint_override.tf.json",
                       in: directory)
        #expect(stamp.isCurrent())
    }
}
