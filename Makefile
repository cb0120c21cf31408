# infragen: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
BLUEPRINT ?= blueprints/aws-inventory.yaml

.PHONY: build test tools demo render bench clean

build:
	$(SWIFT) build

## Every test: unit, golden files, and the real tools (terraform, cfn-lint, checkov, moto).
test: tools
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel

tools:
	@tools/ensure-tools.sh

## Until the deploy issue lands: render and validate the reference blueprint.
demo: build
	$(SWIFT) run infragen validate $(BLUEPRINT)
	$(SWIFT) run infragen render $(BLUEPRINT)
	$(SWIFT) run infragen graph $(BLUEPRINT)

## Benchmarks (medians and ratios to targets); never timed tests.
bench:
	$(SWIFT) build -c release --static-swift-stdlib --product infragen
	$(SWIFT) build -c release --static-swift-stdlib --product AWSClientBench
	$(SWIFT) build -c release --static-swift-stdlib --product AnalyzerBench
	$(SWIFT) build -c release --static-swift-stdlib --product inventory-collector
	$(SWIFT) build -c release --static-swift-stdlib --product CollectorBench
	python3 tools/bench/render.py .build/release/infragen $(BLUEPRINT)
	.build/release/AWSClientBench
	.build/release/AnalyzerBench
	.build/release/CollectorBench

render: build
	for blueprint in blueprints/*.yaml; do $(SWIFT) run infragen render $$blueprint; done

clean:
	rm -rf .build .infragen
