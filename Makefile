# infragen: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
BLUEPRINT ?= blueprints/aws-inventory.yaml

.PHONY: build test tools demo demo-down render bench clean

build:
	$(SWIFT) build

## Every test: unit, golden files, and the real tools (terraform, cfn-lint, checkov, moto).
test: tools
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

tools:
	@tools/ensure-tools.sh

## The stack on a local AWS (moto): build, local up, package, deploy with terraform; left up (docs/deploy.md).
## The report goes to $(DEMO_EMAIL) when set, else to a local address made at run time.
demo: tools
	SWIFT=$(SWIFT) BLUEPRINT=$(BLUEPRINT) tools/demo.sh

## Destroys the demo stack and stops the local AWS.
demo-down:
	SWIFT=$(SWIFT) BLUEPRINT=$(BLUEPRINT) tools/demo.sh down

## Benchmarks (medians and ratios to targets); never timed tests. The last one runs `make demo`'s phases
## (BENCH_DEMO_RUNS times, default 3; DEMO_ARTIFACTS=DIR reuses zips) and leaves the demo stack down.
bench:
	$(SWIFT) build -c release --static-swift-stdlib --product infragen
	$(SWIFT) build -c release --static-swift-stdlib --product AWSClientBench
	$(SWIFT) build -c release --static-swift-stdlib --product AnalyzerBench
	$(SWIFT) build -c release --static-swift-stdlib --product inventory-collector
	$(SWIFT) build -c release --static-swift-stdlib --product CollectorBench
	$(SWIFT) build -c release --static-swift-stdlib --product inventory-analyzer
	python3 tools/bench/render.py .build/release/infragen $(BLUEPRINT)
	.build/release/AWSClientBench
	.build/release/AnalyzerBench
	.build/release/CollectorBench
	python3 tools/bench/demo.py .build/release/infragen $(BLUEPRINT)

## Refresh generated/: the derived-operation records, then each blueprint's render.
render: build
	for blueprint in blueprints/*.yaml; do $(SWIFT) run infragen derive $$blueprint && $(SWIFT) run infragen render $$blueprint; done

clean:
	rm -rf .build .infragen
