# infragen: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT ?= swift
SWIFT_BUILD_FLAGS ?=

.PHONY: build test demo bench render clean

build:
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)

## Every test: unit, golden, and the real tools (terraform, cfn-lint, checkov, moto).
test:
	$(SWIFT) build --build-tests $(SWIFT_BUILD_FLAGS)
	$(SWIFT) test --skip-build --parallel --num-workers 2 $(SWIFT_BUILD_FLAGS)

## Benchmarks (release builds; speed claims come only from here).
bench:
	$(SWIFT) build -c release --static-swift-stdlib --product AnalyzerBench $(SWIFT_BUILD_FLAGS)
	.build/release/AnalyzerBench

clean:
	rm -rf .build .infragen
