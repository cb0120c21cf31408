#!/usr/bin/env python3
"""Benchmark: the phases of `make demo` (build excluded) — deploy, seed, scan, analyze, and the total.

Usage: demo.py INFRAGEN BLUEPRINT

Runs tools/demo.sh BENCH_DEMO_RUNS times (default 3) with the given infragen (release; the runtimes it invokes are
the ones next to it) and prebuilt zips: DEMO_ARTIFACTS, else `infragen package` once into .infragen/bench/artifacts
before any timing. Before each run the stack is destroyed and the local AWS stopped (`tools/demo.sh down`, not
timed), so every run deploys the whole stack (20 resources with terraform) to an empty moto. Run 1 starts without `.terraform` (terraform init from
the provider mirror, as on a fresh clone); later runs reuse the initialised working directory, as a second
`make demo` does. Prints each phase's wall time per run and the median, the CPU seconds spent (demo.sh's
descendants plus the moto server), the machine's load, and the ratio to the target: deploy + scan + analyze on moto
under 30 s. Leaves the demo stack down. Logs: .infragen/bench/demo-run-N.log.
BENCH_DEMO_TARGET=cloudformation times the same phases with the stack deployed by CloudFormation (DEMO_TARGET).
"""
import os
import shutil
import statistics
import subprocess
import sys

TARGET_S = 30.0
PHASES = ["deploy", "seed", "scan", "analyze", "total"]


def run(arguments, log=None, env=None):
    with open(log, "w") if log else open(os.devnull, "w") as out:
        status = subprocess.run(arguments, stdout=out, stderr=subprocess.STDOUT, env=env).returncode
    if status != 0:
        sys.exit(f"{' '.join(arguments)} failed with status {status}" + (f"; see {log}" if log else ""))


def main() -> None:
    infragen, blueprint = os.path.abspath(sys.argv[1]), sys.argv[2]
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    runs = int(os.environ.get("BENCH_DEMO_RUNS", "3"))
    target = os.environ.get("BENCH_DEMO_TARGET", "terraform")
    bench = os.path.abspath(".infragen/bench")
    os.makedirs(bench, exist_ok=True)
    artifacts = os.environ.get("DEMO_ARTIFACTS") or os.path.join(bench, "artifacts")
    if not all(os.path.exists(os.path.join(artifacts, f"{r}.zip")) for r in ["inventory-collector", "inventory-analyzer"]):
        print(f"packaging the runtimes once into {artifacts} (not timed)", flush=True)
        run([infragen, "package", blueprint, "--out", artifacts], log=os.path.join(bench, "package.log"))

    env = dict(os.environ, INFRAGEN=infragen, BLUEPRINT=blueprint, DEMO_BUILD="0", DEMO_ARTIFACTS=artifacts,
               DEMO_TARGET=target)
    env.pop("DEMO_TIMINGS", None)
    samples = {phase: [] for phase in PHASES}
    cpu = {phase: [] for phase in PHASES}
    loads = [os.getloadavg()[0]]
    for index in range(1, runs + 1):
        run(["tools/demo.sh", "down"], env=env)
        if index == 1:
            stack = os.path.join(".infragen", "aws-inventory", "terraform")
            shutil.rmtree(os.path.join(stack, ".terraform"), ignore_errors=True)
            if os.path.exists(os.path.join(stack, ".terraform.lock.hcl")):
                os.remove(os.path.join(stack, ".terraform.lock.hcl"))
        timings = os.path.join(bench, f"demo-run-{index}.timings")
        if os.path.exists(timings):
            os.remove(timings)
        run(["tools/demo.sh"], log=os.path.join(bench, f"demo-run-{index}.log"), env=dict(env, DEMO_TIMINGS=timings))
        for line in open(timings):
            phase, wall, seconds = line.split()
            samples[phase].append(float(wall))
            cpu[phase].append(float(seconds))
        loads.append(os.getloadavg()[0])
        print(f"run {index}: " + ", ".join(f"{p} {samples[p][-1]:.1f} s" for p in PHASES), flush=True)
    run(["tools/demo.sh", "down"], env=env)

    init = " (init)" if target == "terraform" else ""
    header = "| phase | " + " | ".join(f"run {i}" + (init if i == 1 else "") for i in range(1, runs + 1))
    print(f"\nmake demo phases with {target}, wall seconds ({runs} runs; build excluded; "
          "CPU = demo.sh's processes + moto):\n")
    print(header + " | median | median CPU |")
    print("|---" * (runs + 3) + "|")
    for phase in PHASES:
        values = " | ".join(f"{v:.1f}" for v in samples[phase])
        print(f"| {phase} | {values} | {statistics.median(samples[phase]):.1f} | {statistics.median(cpu[phase]):.1f} |")
    targeted = [samples["deploy"][i] + samples["scan"][i] + samples["analyze"][i] for i in range(runs)]
    median = statistics.median(targeted)
    print(f"\ndeploy + scan + analyze: median {median:.1f} s (runs: {', '.join(f'{v:.1f}' for v in targeted)}); "
          f"target < {TARGET_S:.0f} s; ratio {median / TARGET_S:.2f} ({'met' if median < TARGET_S else 'NOT met'})")
    print(f"machine: {os.cpu_count()} CPUs, 1-minute load average {min(loads):.1f}–{max(loads):.1f} during the runs")


if __name__ == "__main__":
    main()
