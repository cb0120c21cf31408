// AnalyzerBench: analysis of 100,000 synthetic inventory items (issue 5 targets: under 1 s, under 200 MB peak RSS).
//
// Usage: AnalyzerBench [items] [--detail]   (`make bench` builds it in release mode and runs it)
// Per run: decode the scan's stored items page by page, run every rule (with history and the delta against the
// previous day's analysis), build the report, the findings JSON and the analysis-summary pages. Prints the median
// wall and CPU time per stage over several runs, and the peak RSS (VmHWM) of the measured runs: the setup (the
// previous day's analysis) is trimmed and the high-water mark reset before measuring.
import Analyzer
import Foundation
import Inventory
#if canImport(Glibc)
import Glibc

/// glibc's `malloc_trim` (not exported by the Glibc module): returns freed heap to the OS.
@_silgen_name("malloc_trim")
func trimHeap(_ pad: Int) -> Int32
#endif

let arguments = CommandLine.arguments.dropFirst()
let itemCount = arguments.compactMap { Int($0) }.first ?? 100_000
let runs = Int(ProcessInfo.processInfo.environment["BENCH_RUNS"] ?? "") ?? 7
let now = Timestamp.parse("2026-11-29T12:00:00Z")!
let previousScan = ScanKey.derived(from: now.addingTimeInterval(-86_400 - 3_600))
let scan = ScanKey.derived(from: now.addingTimeInterval(-3_600))
let configuration = AnalyzerConfiguration()

/// Wall and CPU seconds of `work`.
func measure(_ work: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    func cpuNow() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
    let wall = DispatchTime.now().uptimeNanoseconds, cpu = cpuNow()
    try work()
    return (Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9, cpuNow() - cpu)
}

func procStatus(_ field: String) -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
          let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kilobytes / 1024
}

/// The stored items of a scan, decoded page by page as the DynamoDB store will: each simulated query page (about
/// 1 MB, here 1,000 items) is generated, decoded and dropped. Only decoding is timed.
func readScan(_ scan: ScanKey, seed: UInt64) throws -> (items: [InventoryItem], time: (wall: Double, cpu: Double)) {
    var items: [InventoryItem] = []
    items.reserveCapacity(itemCount)
    var time = (wall: 0.0, cpu: 0.0)
    var offset = 0
    while offset < itemCount {
        let page = SyntheticEstate.items(count: min(1_000, itemCount - offset), scan: scan, now: now,
                                         seed: seed &+ UInt64(offset), firstIndex: offset, estateSize: itemCount)
        let spent = try measure { items += try InventoryItem.decode(page) }
        time = (time.wall + spent.wall, time.cpu + spent.cpu)
        offset += page.count
    }
    return (items, time)
}

/// The previous day's analysis as the next run reads it back (keys, counts, history; no findings JSON).
func previousAnalysis() throws -> AnalysisSummary {
    let items = try readScan(previousScan, seed: 41).items
    let input = Analysis.Input(scan: previousScan, items: items, scanSummary: nil, previous: nil,
                               configuration: configuration, now: now.addingTimeInterval(-86_400))
    let output = Analysis.finish(input, Analysis.evaluate(input), summaryText: "", source: .rules)
    var pages: [AttributeMap] = []
    var iterator = output.analysisPages()
    while var page = iterator.next() {
        page["findings"] = nil  // the store's read leaves the findings JSON out
        pages.append(page)
    }
    return try AnalysisSummary(pages: pages)
}

let previous = try previousAnalysis()
let summary = ScanSummary(scan: scan, complete: true, counts: [:])
#if canImport(Glibc)
_ = trimHeap(0)
#endif
let setupPeak = procStatus("VmHWM")
// "5" resets the peak RSS to the current RSS (Linux ≥ 4.0), so VmHWM covers the measured runs only.
let peakReset = (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil

var stages: [String: [(wall: Double, cpu: Double)]] = [:]
var findingCount = 0, messageBytes = 0, pageCount = 0
for _ in 0..<runs {
    let (items, decodeTime) = try readScan(scan, seed: 42)
    stages["1 decode items", default: []].append(decodeTime)
    let input = Analysis.Input(scan: scan, items: items, scanSummary: summary, previous: previous,
                               configuration: configuration, now: now)
    var evaluation: Analysis.Evaluation?
    stages["2 rules, history, delta, facts", default: []].append(measure { evaluation = Analysis.evaluate(input) })
    var output: Analysis.Output?
    stages["3 report, summary", default: []].append(measure {
        output = Analysis.finish(input, evaluation!, summaryText: RuleSummary.text(evaluation!.facts), source: .rules)
    })
    stages["4 analysis-summary pages + JSON", default: []].append(measure {
        var pages = output!.analysisPages()
        pageCount = 0
        while pages.next() != nil { pageCount += 1 }
    })
    findingCount = output!.findings.count
    messageBytes = output!.report.message.utf8.count
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
func ms(_ value: Double) -> String { String(format: "%6.0f ms", value * 1_000) }
let names = stages.keys.sorted()
let totals = (0..<runs).map { run in names.reduce((wall: 0.0, cpu: 0.0)) { sum, name in
    (sum.wall + stages[name]![run].wall, sum.cpu + stages[name]![run].cpu)
} }
print("AnalyzerBench: \(itemCount) items, \(findingCount) findings, \(pageCount) analysis-summary pages; "
    + "median of \(runs) runs (wall / CPU)")
for name in names {
    let label = String(name.dropFirst(2)).padding(toLength: 34, withPad: " ", startingAt: 0)
    print("  \(label) \(ms(median(stages[name]!.map(\.wall)))) / \(ms(median(stages[name]!.map(\.cpu))))")
}
let analysisOnly = (0..<runs).map { run in names.dropFirst().reduce((wall: 0.0, cpu: 0.0)) { sum, name in
    (sum.wall + stages[name]![run].wall, sum.cpu + stages[name]![run].cpu)
} }
print("  \("analysis (stages 2-4)".padding(toLength: 34, withPad: " ", startingAt: 0)) "
    + "\(ms(median(analysisOnly.map(\.wall)))) / \(ms(median(analysisOnly.map(\.cpu))))")
print("  \("end to end (with decode)".padding(toLength: 34, withPad: " ", startingAt: 0)) "
    + "\(ms(median(totals.map(\.wall)))) / \(ms(median(totals.map(\.cpu))))   target < 1000 ms")
print("  report message: \(messageBytes) bytes (SNS limit \(Report.snsMessageLimitBytes))")
if let peak = procStatus("VmHWM") {
    let scope = peakReset ? "measured runs" : "whole process, reset unavailable"
    print(String(format: "  peak RSS (VmHWM, %@): %.1f MB   target < 200 MB", scope, peak))
}
if let setupPeak { print(String(format: "  (setup peak before reset: %.1f MB)", setupPeak)) }
if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) {
    print("  load average during run: \(load.split(separator: " ").prefix(3).joined(separator: " ")) "
        + "(\(ProcessInfo.processInfo.activeProcessorCount) CPUs)")
}

// `--detail`: where the time goes, one run, CPU time per step.
if arguments.contains("--detail") {
    func report(_ label: String, _ work: () -> Void) {
        print("  detail (CPU): \(label.padding(toLength: 30, withPad: " ", startingAt: 0)) \(ms(measure(work).cpu))")
    }
    let items = try readScan(scan, seed: 42).items
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
    report("facts") { _ = AnalysisFacts(items: items, findings: sorted, scanSummary: summary, delta: delta) }
    report("findings JSON") { _ = sorted.map(FindingsJSON.object) }
}
