# ivrsim — make help lists the targets.

GO       ?= go
BIN      ?= bin/ivrsim
PKGS     := ./...
FUZZTIME ?= 20s

.PHONY: help build run test bench bench-harness fuzz lint memcheck clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## build bin/ivrsim
	$(GO) build -trimpath -o $(BIN) ./cmd/ivrsim

run: build ## run the built-in bank comparison
	$(BIN) run

test: ## run every test (vet first)
	$(GO) vet $(PKGS)
	$(GO) test -count=1 $(PKGS)

bench: ## engine and analytic benchmarks, one core
	$(GO) test -run '^$$' -bench . -benchtime 3x -cpu 1 ./sim/
	$(GO) test -run '^$$' -bench . -cpu 1 ./models/

bench-harness: ## SIP harness capacity: 500 calls held with RTP, set-ups/s, ramp (loopback)
	$(GO) test -run '^$$' -bench 'Hold500|Ramp' -benchtime 1x ./sim/live/sipua/
	$(GO) test -run '^$$' -bench 'SetupRate' -benchtime 2000x ./sim/live/sipua/

fuzz: ## run each fuzz test for FUZZTIME (default 20s)
	@set -e; for p in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz' || true); do \
	    echo "fuzz $$p $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$p; \
	  done; \
	done

lint: ## gofmt and go vet
	@test -z "$$(gofmt -l .)" || (gofmt -l . && echo "run gofmt -w ." && exit 1)
	$(GO) vet $(PKGS)

clean: ## remove build output
	rm -rf bin

memcheck: build ## peak memory of a 100-million-contact run (budget: 100 MB)
	$(BIN) run erlang-a --set horizon.days=175 --set warmup=0 --reps 4 --workers 2 --quiet --stats --format json --out /dev/null
