#!/usr/bin/env python3
"""Benchmark: whole-process time and peak memory of `infragen render` on a blueprint.

Runs the release binary N times into a scratch directory and reports the median, p90 and the ratio to the target
(20 ms, 20 MB on the project's 2-core machine). Each run's peak RSS comes from wait4's rusage for that child.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_MS, TARGET_MB = 20.0, 20.0


def main() -> None:
    binary, blueprint = sys.argv[1], sys.argv[2]
    runs = int(os.environ.get("BENCH_RUNS", "50"))
    times, peaks = [], []
    with tempfile.TemporaryDirectory() as out:
        for index in range(runs + 3):
            start = time.perf_counter()
            child = subprocess.Popen([binary, "render", blueprint, "--out", out], stdout=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = (time.perf_counter() - start) * 1000
            if status != 0:
                sys.exit(f"render failed with status {status}")
            if index >= 3:  # the first runs warm the page cache
                times.append(elapsed)
                peaks.append(usage.ru_maxrss / 1024)
    times.sort()
    median, p90 = statistics.median(times), times[int(len(times) * 0.9) - 1]
    peak = statistics.median(peaks)
    print(f"render {os.path.basename(blueprint)}: median {median:.1f} ms, p90 {p90:.1f} ms over {runs} runs "
          f"({median / TARGET_MS:.2f}x the {TARGET_MS:.0f} ms target); peak RSS {peak:.1f} MB "
          f"({peak / TARGET_MB:.2f}x the {TARGET_MB:.0f} MB target)")


if __name__ == "__main__":
    main()
