// CollectorBench: scans of a 10,000-resource estate in moto (issue 4 targets: AWS calls <= 1.05 x the minimum,
// peak RSS <= 96 MB so the function runs in 128 MB).
//
// Usage: CollectorBench [runs]   (`make bench` builds it in release mode and runs it; runs default to 3)
// 1. starts moto (tools/moto-launcher.py --seed-estate) with the estate of tools/collector/bench_estate.py seeded
//    straight into its backends, and MOTO_AWS_PAGING=1 so the lists moto answers whole are paged as AWS pages them;
// 2. runs one scan in this process with an AWSCallRecorder: calls per operation against the minimum (pages at the
//    maximum page size, one BatchWriteItem per 25 items, the per-bucket and per-cluster calls);
// 3. runs the release `inventory-collector` executable in local mode `runs` times under /usr/bin/time: wall time
//    (median) and peak RSS of the function's own process;
// 4. fails unless every scan stored all 10,000: the aws CLI counts the table after the in-process scan (80 s on a
//    loaded machine: once); each executable run's response must count 10,000 written (confirmed BatchWriteItems);
// 5. strips and zips that executable (deflate level 9, as the Deploy packager does) and reports the zip size.
import AWSClient
import AWSServices
import Collector
import Foundation
import Inventory

let runs = max(1, CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 3)
let regions = ["us-east-1", "eu-west-1"]
let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)

struct BenchFailure: Error, CustomStringConvertible { var description: String }

@discardableResult
func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("collector-bench-\(UUID()).out")
    let err = out.appendingPathExtension("err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    process.waitUntilExit()
    let result = (try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    try? FileManager.default.removeItem(at: out)
    try? FileManager.default.removeItem(at: err)
    guard process.terminationStatus == 0 else {
        throw BenchFailure(description: "\(arguments.prefix(3).joined(separator: " ")) failed:\n\(result.1)")
    }
    return result
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

// MARK: moto and the estate

let moto = Process()
moto.executableURL = URL(fileURLWithPath: "/usr/bin/env")
let manifestURL = FileManager.default.temporaryDirectory.appendingPathComponent("collector-bench-manifest.json")
moto.arguments = ["python3", root.appendingPathComponent("tools/moto-launcher.py").path,
                  "--seed-estate", manifestURL.path, "--regions", regions.joined(separator: ",")]
moto.environment = ProcessInfo.processInfo.environment.merging(
    ["MOTO_EC2_LOAD_DEFAULT_AMIS": "false", "MOTO_AWS_PAGING": "1"]) { _, n in n }
print("seeding moto's backends with the estate …")
let seedStart = ContinuousClock.now
let motoOut = Pipe(), motoIn = Pipe()
moto.standardOutput = motoOut
moto.standardInput = motoIn
moto.standardError = FileHandle.nullDevice
try moto.run()
defer {
    try? motoIn.fileHandleForWriting.close()
    moto.terminate()
}
var line = Data()
while let byte = try motoOut.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
    line.append(byte)
}
guard let port = Int(String(decoding: line, as: UTF8.self).dropFirst(5)) else {
    throw BenchFailure(description: "moto did not start")
}
let endpoint = "http://127.0.0.1:\(port)"
let environment = [
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_ENDPOINT_URL": endpoint, "MOTO_EC2_LOAD_DEFAULT_AMIS": "false",
]

struct Expected: Decodable { var resource_type: String; var region: String; var resource_id: String }
let expected = try JSONDecoder().decode([Expected].self, from: Data(contentsOf: manifestURL))
print(String(format: "seeded %d resources in %.0f s (moto started and seeded)", expected.count,
             seconds(since: seedStart)))
guard expected.count == 10_000 else { throw BenchFailure(description: "the estate has \(expected.count) resources") }

func createTable(_ table: String) throws {
    try run(["aws", "dynamodb", "create-table", "--table-name", table,
             "--attribute-definitions", "AttributeName=resource_id,AttributeType=S",
             "AttributeName=timestamp,AttributeType=S", "AttributeName=scan_date,AttributeType=S",
             "--key-schema", "AttributeName=resource_id,KeyType=HASH", "AttributeName=timestamp,KeyType=RANGE",
             "--global-secondary-indexes",
             #"[{"IndexName":"scan_date-index","KeySchema":[{"AttributeName":"scan_date","KeyType":"HASH"}],"#
                + #""Projection":{"ProjectionType":"ALL"}}]"#,
             "--billing-mode", "PAY_PER_REQUEST"], environment: environment)
}

/// Counts what a scan stored with a real client (the aws CLI pages the Scan), and fails loudly unless every seeded
/// resource is there (plus the one scan-summary item).
func expectAllStored(_ table: String) throws {
    let out = try run(["aws", "dynamodb", "scan", "--table-name", table, "--select", "COUNT", "--output", "json"],
                      environment: environment).out
    struct Count: Decodable { var Count: Int }
    let stored = try JSONDecoder().decode(Count.self, from: Data(out.utf8)).Count - 1
    guard stored == expected.count else {
        throw BenchFailure(description: "\(table): \(stored) of \(expected.count) resources stored")
    }
}

// MARK: the scan, in process, with every call recorded

let recorder = AWSCallRecorder()
var clientConfiguration = try AWSClientConfiguration.fromEnvironment(environment)
clientConfiguration.observer = recorder
let counting = CountingTransport(clientConfiguration.transport)
clientConfiguration.transport = counting
try createTable("bench-inventory")
let collector = InventoryCollector(
    configuration: CollectorConfiguration(tableName: "bench-inventory", regions: regions),
    client: AWSClient(clientConfiguration))
let scanStart = ContinuousClock.now
let outcome = try await collector.run(scan: .derived(from: Date()))
let wall = seconds(since: scanStart)
let total = outcome.summary.totalResources
let countStart = ContinuousClock.now
try expectAllStored("bench-inventory")
print(String(format: "(aws CLI counted the table in %.0f s)", seconds(since: countStart)))

// The minimum: every list at AWS's maximum page size (at least one page per region): 1,000 for the EC2 Describe
// calls, 100 for RDS and EKS, 50 for Lambda (moto honours these with MOTO_AWS_PAGING=1); one BatchWriteItem per 25
// items; per bucket lifecycle, versioning, encryption and tagging, plus GetBucketLocation because moto's
// ListBuckets names no BucketRegion (AWS's does; there the collector skips that call); one DescribeCluster per
// cluster; and the fixed calls (GetCallerIdentity, one lifecycle lookup for EKS and one per RDS engine, the summary
// PutItem, PutEvents). moto lacks both lifecycle APIs: its 500 for the RDS one is retried, as a 500 should be.
func count(_ type: String, _ region: String) -> Int {
    expected.filter { $0.resource_type == type && $0.region == region }.count
}
func pages(_ items: Int, _ size: Int) -> Int { max(1, (items + size - 1) / size) }
var minimum: [String: Int] = [:]
for region in regions {
    minimum["DescribeInstances", default: 0] += pages(count("ec2.instance", region), 1000)
    minimum["DescribeVolumes", default: 0] += pages(count("ebs.volume", region), 1000)
    minimum["DescribeSnapshots", default: 0] += pages(count("ebs.snapshot", region), 1000)
    minimum["DescribeImages", default: 0] += pages(count("ec2.ami", region), 1000)
    minimum["DescribeDBInstances", default: 0] += pages(count("rds.instance", region), 100)
    minimum["ListFunctions", default: 0] += pages(count("lambda.function", region), 50)
    minimum["ListClusters", default: 0] += pages(count("eks.cluster", region), 100)
    minimum["DescribeCluster", default: 0] += count("eks.cluster", region)
}
let buckets = expected.filter { $0.resource_type == "s3.bucket" }.count
minimum["ListBuckets"] = pages(buckets, 10_000)
for operation in ["GetBucketLocation", "GetBucketLifecycleConfiguration", "GetBucketVersioning",
                  "GetBucketEncryption", "GetBucketTagging"] {
    minimum[operation] = buckets
}
minimum["BatchWriteItem"] = pages(expected.count, 25)
minimum["GetCallerIdentity"] = 1
minimum["DescribeClusterVersions"] = 1
minimum["DescribeDBMajorEngineVersions"] = 2  // mysql, postgres
minimum["PutItem"] = 1
minimum["PutEvents"] = 1

var made: [String: Int] = [:]
for record in recorder.records { made[record.operation.name, default: 0] += 1 }
let callsTotal = made.values.reduce(0, +), minimumTotal = minimum.values.reduce(0, +)
let madeTotal = counting.requests  // HTTP requests, retries included

print("")
print("== collector scan (in process, every call recorded) ==")
print(String(format: "resources stored   %d of %d seeded (%@)", total, expected.count,
             outcome.summary.complete ? "complete" : "INCOMPLETE"))
print(String(format: "wall time          %.2f s", wall))
print(String(format: "resources/s        %.0f", Double(total) / wall))
print(String(format: "AWS requests       %d sent (%d calls + %d retries), %d minimum: %.3f x (target <= 1.05)",
             madeTotal, callsTotal, madeTotal - callsTotal, minimumTotal, Double(madeTotal) / Double(minimumTotal)))
print("  per operation (calls, without retries):")
for name in Set(made.keys).union(minimum.keys).sorted() {
    print("  \(name.padding(toLength: 32, withPad: " ", startingAt: 0)) \(made[name] ?? 0) made, "
          + "\(minimum[name] ?? 0) minimum")
}
for error in outcome.summary.errors { print("  error \(error.key): \(error.message.prefix(100))") }

// MARK: the release executable, as the function runs it

let executable = root.appendingPathComponent(".build/release/inventory-collector")
guard FileManager.default.isExecutableFile(atPath: executable.path) else {
    throw BenchFailure(description: "no .build/release/inventory-collector: `make bench` builds it with -c release")
}
let event = FileManager.default.temporaryDirectory.appendingPathComponent("collector-bench-event.json")
try Data("{}".utf8).write(to: event)
var walls: [Double] = [], peaks: [Double] = []
var lastResponse = ""
for index in 1...runs {
    let table = "bench-inventory-exec-\(index)"
    try createTable(table)
    let execStart = ContinuousClock.now
    let result = try run(["/usr/bin/time", "-f", "PEAK_RSS_KB %M", executable.path, "--event", event.path],
                         environment: environment.merging(["TABLE_NAME": table,
                                                           "SCAN_REGIONS": regions.joined(separator: ","),
                                                           "LOG_LEVEL": "warning"]) { _, n in n })
    walls.append(seconds(since: execStart))
    struct Response: Decodable {
        struct Body: Decodable { var complete: Bool; var counts: [String: Int] }
        var body: Body
    }
    let response = try JSONDecoder().decode(Response.self, from: Data(result.out.utf8))
    let reported = response.body.counts.values.reduce(0, +)
    guard reported == expected.count else {
        throw BenchFailure(description: "run \(index): the collector stored \(reported) of \(expected.count)")
    }
    guard let peak = result.err.split(separator: "\n").last(where: { $0.hasPrefix("PEAK_RSS_KB ") })
        .flatMap({ Double($0.dropFirst(12)) }) else { throw BenchFailure(description: "no peak RSS reported") }
    peaks.append(peak / 1024)
    lastResponse = result.out
    print(String(format: "  run %d: %.2f s, peak RSS %.1f MB", index, walls.last!, peaks.last!))
}
let medianWall = walls.sorted()[walls.count / 2]
print("")
print("== inventory-collector (release, local mode, \(runs) runs) ==")
print("response           \(lastResponse.prefix(160))…")
print(String(format: "wall time          median %.2f s (process start to exit; min %.2f, max %.2f)", medianWall,
             walls.min()!, walls.max()!))
print(String(format: "resources/s        %.0f (median run)", Double(expected.count) / medianWall))
print(String(format: "peak RSS           max %.1f MB, median %.1f MB (VmHWM via /usr/bin/time; target <= 96 MB)",
             peaks.max()!, peaks.sorted()[peaks.count / 2]))

do {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("collector-bench-zip")
    try? FileManager.default.removeItem(at: scratch)
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let bootstrap = scratch.appendingPathComponent("bootstrap")
    try run(["llvm-strip", "--strip-all", "-o", bootstrap.path, executable.path])
    let zip = scratch.appendingPathComponent("inventory-collector.zip")
    try run(["python3", "-c", """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            z.write(sys.argv[1], "bootstrap")
        """, bootstrap.path, zip.path])
    let stripped = try FileManager.default.attributesOfItem(atPath: bootstrap.path)[.size] as? Int ?? 0
    let zipped = try FileManager.default.attributesOfItem(atPath: zip.path)[.size] as? Int ?? 0
    print(String(format: "binary             %.1f MiB stripped, %.1f MiB zipped (deflate 9)",
                 Double(stripped) / 1_048_576, Double(zipped) / 1_048_576))
}
