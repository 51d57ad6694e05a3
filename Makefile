# ivrsim — make help lists the targets.

GO       ?= go
BIN      ?= bin/ivrsim
PKGS     := ./...
FUZZTIME ?= 20s
# A slow input's minimisation may not eat a fuzz test's budget.
FUZZMINTIME ?= 5s

GOLANGCI_LINT_VERSION ?= v2.15.0
GOLANGCI_LINT ?= $(shell command -v golangci-lint 2>/dev/null || echo $(shell $(GO) env GOPATH)/bin/golangci-lint)

.PHONY: help build run test unit race bench fuzz lint lint-install memcheck clean release-check image bench-harness

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## build bin/ivrsim
	$(GO) build -trimpath -buildvcs=auto -o $(BIN) ./cmd/ivrsim

run: build ## run the built-in bank comparison
	$(BIN) run

test: lint unit race ## what CI runs: the linters, every test, the race detector

# go test stops a package's tests after 10 minutes by default; the CLI's
# tests under the race detector take 3 on a quiet 2-core machine and can
# pass 10 on a busy one, so the limit is set for slow machines, not hangs
# (every test that waits bounds its own wait).
TESTTIMEOUT ?= 30m

unit: ## every test, once (vet first): the quick loop while working
	$(GO) vet $(PKGS)
	$(GO) test -count=1 -timeout $(TESTTIMEOUT) $(PKGS)

race: ## the engine's and the CLI's tests under the race detector
	$(GO) test -race -count=1 -timeout $(TESTTIMEOUT) ./sim/... ./cmd/...

bench: ## engine and analytic benchmarks, one core
	$(GO) test -run '^$$' -bench . -benchtime 3x -cpu 1 ./sim/
	$(GO) test -run '^$$' -bench . -cpu 1 ./models/

bench-harness: ## SIP harness capacity: 500 calls held with RTP, set-ups/s, ramp (loopback)
	$(GO) test -run '^$$' -bench 'Hold500|Ramp' -benchtime 1x ./sim/live/sipua/
	$(GO) test -run '^$$' -bench 'SetupRate' -benchtime 2000x ./sim/live/sipua/

# A fuzz test that stops with "context deadline exceeded" and writes no
# failing input has found nothing: Go 1.26's fuzz coordinator can report its
# own -fuzztime deadline as a failure (golang/go#75804). Such an end is
# reported and the loop goes on; any other failure, or a failing input
# written to testdata/fuzz, stops it.
fuzz: ## run each fuzz test for FUZZTIME (default 20s; minimising at most FUZZMINTIME)
	@set -e; log=$$(mktemp); trap 'rm -f $$log' EXIT; \
	for p in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz' || true); do \
	    corpus=$$($(GO) list -f '{{.Dir}}' $$p)/testdata/fuzz/$$f; \
	    before=$$(ls $$corpus 2>/dev/null | wc -l); \
	    echo "fuzz $$p $$f"; \
	    if $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINTIME) $$p >$$log 2>&1; then \
	      tail -n 1 $$log; \
	    elif [ "$$(ls $$corpus 2>/dev/null | wc -l)" -eq "$$before" ] && grep -q '^    context deadline exceeded$$' $$log; then \
	      echo "$$f: no failing input; Go's fuzz coordinator reported its own deadline (golang/go#75804)"; \
	    else \
	      cat $$log; exit 1; \
	    fi; \
	  done; \
	done

lint: lint-install ## gofmt and golangci-lint (.golangci.yml, go vet among its linters)
	@test -z "$$(gofmt -l .)" || (gofmt -l . && echo "run gofmt -w ." && exit 1)
	$(GOLANGCI_LINT) run ./...

lint-install: ## install the pinned golangci-lint unless it is there
	@$(GOLANGCI_LINT) version 2>/dev/null | grep -q "version $(GOLANGCI_LINT_VERSION:v%=%)" || \
	  $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)

clean: ## remove build output
	rm -rf bin

memcheck: build ## peak memory of a 100-million-contact run (budget: 100 MB)
	$(BIN) run erlang-a --set horizon.days=175 --set warmup=0 --reps 4 --workers 2 --quiet --stats --format json --out /dev/null

GORELEASER ?= $(GO) run github.com/goreleaser/goreleaser/v2@v2.17.0

release-check: ## goreleaser check and a snapshot release into dist/ (compiles goreleaser first: minutes)
	$(GORELEASER) check
	$(GORELEASER) release --snapshot --clean

image: ## build the container image ivrsim:dev (needs a running docker)
	docker build -t ivrsim:dev --build-arg VERSION=$$(git describe --tags --always 2>/dev/null || echo devel) .
