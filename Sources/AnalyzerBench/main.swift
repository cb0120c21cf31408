// AnalyzerBench: the analyzer's run for a scan of 100,000 synthetic inventory items (issue 5 targets: under 1 s and
// under 200 MB peak RSS).
//
// Usage: AnalyzerBench [items] [--detail]   (`make bench` builds it in release mode and runs it; BENCH_RUNS=n)
// What is timed is what the Lambda handler does for a scan: `AnalyzerService.handle` with the real
// `DynamoDBInventoryStore` and `SNSReportPublisher` over `BenchBackend`, an in-process DynamoDB/SNS stand-in: read
// the scan summary, every Query page of the scan's items (JSON → items), the previous analysis; run every rule,
// history, delta, report and rule-based summary; PutItem every analysis-summary page (findings JSON included);
// Publish the report. Not timed: the network and Bedrock (MODEL_ID is empty, as when Bedrock is disabled).
// Setup stores the scan and the previous day's analysis (made by one recorded run) in the stand-in's files, then
// trims the heap and resets the peak RSS so VmHWM covers the measured runs only.
import AWSClient
import AWSSigV4
import Analyzer
import AnalyzerAWS
import Foundation
import Inventory
#if canImport(Glibc)
import Glibc

/// glibc's `malloc_trim` (not exported by the Glibc module): returns freed heap to the OS.
@_silgen_name("malloc_trim")
func trimHeap(_ pad: Int) -> Int32
#endif

// As `inventory-analyzer`'s main does first (the peak RSS depends on it). BENCH_MALLOC_DEFAULT=1 leaves glibc's
// arenas as they are (e.g. to compare with GLIBC_TUNABLES=glibc.malloc.arena_max=2).
let singleArena = ProcessInfo.processInfo.environment["BENCH_MALLOC_DEFAULT"] == "1"
    ? false : ProcessMemory.useSingleMallocArena()
let arguments = CommandLine.arguments.dropFirst()
let itemCount = arguments.compactMap { Int($0) }.first ?? 100_000
let runs = max(1, Int(ProcessInfo.processInfo.environment["BENCH_RUNS"] ?? "") ?? 7)
let targetSeconds = 1.0, targetMB = 200.0
let now = Timestamp.parse("2026-11-29T12:00:00Z")!
let previousScan = ScanKey.derived(from: now.addingTimeInterval(-86_400 - 3_600))
let scan = ScanKey.derived(from: now.addingTimeInterval(-3_600))
let topic = "arn:aws:sns:us-east-1:123456789012:inventory-alerts"
let configuration = AnalyzerConfiguration(topicARN: topic, modelID: nil)

struct FixedClock: AnalyzerClock { var now: Date }

func procStatus(_ field: String) -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
          let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kilobytes / 1024
}

/// The scan's items, generated a page at a time so the whole estate is never held at once.
func storeScan(_ scan: ScanKey, seed: UInt64, in backend: BenchBackend) throws {
    let pageItems = 1_000
    let pages = stride(from: 0, to: itemCount, by: pageItems).lazy.flatMap { offset in
        SyntheticEstate.items(count: min(pageItems, itemCount - offset), scan: scan, now: now,
                              seed: seed &+ UInt64(offset), firstIndex: offset, estateSize: itemCount)
    }
    try backend.storeScan(scan, items: pages)
    try backend.storeSummary(ScanSummary(scan: scan, finishedAt: scan.startedAt.addingTimeInterval(600),
                                         complete: true, counts: [:]))
}

let backend = try BenchBackend()
defer { backend.removeFiles() }
let client = AWSClient(AWSClientConfiguration(
    region: "us-east-1",
    credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")),
    endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9"]), transport: backend,
    // No network: the request deadline would only cut runs short under valgrind (callgrind of the bench).
    timeouts: HTTPTimeouts(request: .seconds(3_600)),
    taskExecutor: AnalyzerService.executor))  // as `AnalyzerHandler` configures its client
let times = StageTimes()
func service(at date: Date) -> AnalyzerService {
    AnalyzerService(configuration: configuration,
                    store: TimedStore(store: DynamoDBInventoryStore(client: client, table: configuration.tableName),
                                      times: times),
                    publisher: TimedPublisher(publisher: SNSReportPublisher(client: client, topicARN: topic),
                                              times: times),
                    summaryWriter: nil, clock: FixedClock(now: date))
}

// Setup: yesterday's scan and its analysis (recorded as the previous analysis), then today's scan.
let setupStart = Spent.now()
try storeScan(previousScan, seed: 41, in: backend)
backend.setRecording(true)
_ = try await service(at: now.addingTimeInterval(-86_400)).handle(AnalyzerEvent(scanID: previousScan.id))
try backend.finishRecording()
try storeScan(scan, seed: 42, in: backend)
let setupTime = Spent.now() - setupStart
#if canImport(Glibc)
_ = trimHeap(0)
#endif
let setupPeak = procStatus("VmHWM")
// "5" resets the peak RSS to the current RSS (Linux ≥ 4.0), so VmHWM covers the measured runs only.
let peakReset = (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil

var totals: [Spent] = []
var stages: [String: [Spent]] = [:]
var response: AnalysisResponse?
var messageBytes = 0
let analyzer = service(at: now)
for _ in 0..<runs {
    times.reset()
    let start = Spent.now()
    let output = try await analyzer.handle(AnalyzerEvent(scanID: scan.id))
    let total = Spent.now() - start
    totals.append(total)
    let phases = times.phases(start: start, end: start + total)
    for stage in Stage.all { stages[stage, default: []].append(phases[stage] ?? Spent()) }
    response = output.response
    messageBytes = output.report.message.utf8.count
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
func ms(_ value: Double) -> String { String(format: "%6.0f ms", value * 1_000) }
func pad(_ text: String) -> String { text.padding(toLength: 44, withPad: " ", startingAt: 0) }

let body = response!.body
print("AnalyzerBench: \(itemCount) items, \(body.findings) findings; AnalyzerService.handle over the real DynamoDB "
    + "store and SNS publisher (in-process stand-in); median of \(runs) runs, wall / CPU")
for stage in Stage.all {
    print("  \(pad(stage)) \(ms(median(stages[stage]!.map(\.wall)))) / \(ms(median(stages[stage]!.map(\.cpu))))")
}
let wall = median(totals.map(\.wall)), cpu = median(totals.map(\.cpu))
print("  \(pad("total (handle)")) \(ms(wall)) / \(ms(cpu))   (runs, wall: "
    + totals.map { String(format: "%.2f", $0.wall) }.joined(separator: " ") + " s)")
print("  report message: \(messageBytes) bytes (SNS limit \(Report.snsMessageLimitBytes)); setup "
    + String(format: "%.1f s", setupTime.wall) + "; one malloc arena: \(singleArena)")
let peak = procStatus("VmHWM")
if let setupPeak { print(String(format: "  setup peak RSS before reset: %.1f MB", setupPeak)) }
if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) {
    print("  load average after the runs: \(load.split(separator: " ").prefix(3).joined(separator: " ")) "
        + "(\(ProcessInfo.processInfo.activeProcessorCount) CPUs shared)")
}
var verdict = String(format: "analysis %d items: median %.2f s wall (%.2f× the %.0f s target), %.2f s CPU (%.2f×)",
                     itemCount, wall, wall / targetSeconds, targetSeconds, cpu, cpu / targetSeconds)
if let peak {
    verdict += String(format: ", peak RSS %.0f MB (%.2f× %.0f MB%@)", peak, peak / targetMB, targetMB,
                      peakReset ? "" : "; whole process, reset unavailable")
}
print(verdict)

// `--detail`: where the analysis time goes, one run, CPU time per step of `Analysis.evaluate`.
if arguments.contains("--detail") {
    func report(_ label: String, _ work: () -> Void) {
        let start = Spent.now()
        work()
        print("  detail (CPU): \(label.padding(toLength: 30, withPad: " ", startingAt: 0)) "
            + ms((Spent.now() - start).cpu))
    }
    let store = DynamoDBInventoryStore(client: client, table: configuration.tableName)
    let items = try await store.items(forScan: scan)
    let previous = try await store.previousAnalysis(before: scan)!
    var history = ResourceHistory(records: previous.history)
    report("history") { history = history.advanced(with: items, scan: scan, complete: true) }
    var context: RuleContext?
    report("context") { context = RuleContext(items: items, now: now, configuration: configuration, history: history) }
    var all: [Finding] = []
    for rule in RuleCatalog.all {
        report(rule.id.rawValue) { all += rule.evaluate(in: context!) }
    }
    var sorted = all, keys: [String] = []
    all = []  // `sorted` now owns the only copy, as in `Analysis.evaluate`, so sorting does not copy the array
    report("sort") { Finding.sortForReport(&sorted) }
    report("keys") { keys = sorted.indices.map { sorted[$0].key } }
    var delta: AnalysisDelta?
    report("delta") {
        delta = AnalysisDelta(previous: previous, findings: sorted, keys: keys, resourceCount: items.count)
    }
    report("facts") { _ = AnalysisFacts(items: items, findings: sorted, scanSummary: nil, delta: delta) }
    report("findings JSON") { _ = sorted.map(FindingsJSON.object) }
}
