# s3db — make targets. Every target works on a fresh machine with Go installed:
# the S3 server used by the tests (versitygw) is installed and started by
# scripts/s3-server.sh.
GO      ?= go
DSN     ?= file:./s3db-data
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin
export CGO_ENABLED ?= 0

.PHONY: run build test test-short bench vet fmt fuzz clean s3-start s3-stop

## run: the REPL on the embedded default database (./s3db-data)
run:
	$(GO) run ./cmd/s3sql $(DSN)

## build: the s3sql binary into ./bin (pure Go, CGO_ENABLED=0)
build:
	$(GO) build -o bin/s3sql ./cmd/s3sql

## test: vet + every test, the S3 ones against a real S3 server started here
test:
	scripts/test.sh

## test-short: the tests that need no S3 server (mem and fs backends)
test-short:
	$(GO) test -count=1 ./...

## bench: benchmarks against the S3 server, s3db vs raw SDK calls (BENCH=regexp; docs/PERFORMANCE.md)
bench:
	scripts/test.sh bench

## fuzz: run each fuzzer for FUZZTIME (default 30s)
fuzz:
	scripts/fuzz.sh

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

s3-start:
	scripts/s3-server.sh start

s3-stop:
	scripts/s3-server.sh stop

clean:
	rm -rf bin
