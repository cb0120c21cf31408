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

clean:
	rm -rf .build .infragen

## Benchmarks (release build): client overhead per request, no network.
bench:
	$(SWIFT) build -c release --product AWSClientBench $(SWIFT_BUILD_FLAGS)
	.build/release/AWSClientBench
