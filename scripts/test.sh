#!/usr/bin/env bash
# scripts/test.sh [bench] — run the whole test suite (or the benchmarks: BENCH
# selects them, BENCHFLAGS adds go test flags; see docs/PERFORMANCE.md) with a
# real S3 server: starts versitygw via scripts/s3-server.sh (installing it if
# needed), points the S3 tests at it, and stops it on exit. S3DB_REQUIRE_S3=1
# makes every S3 test fail instead of skipping if the server is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin:$HOME/go/bin"
export CGO_ENABLED="${CGO_ENABLED:-0}"

export S3_STATE_DIR="${S3_STATE_DIR:-$(mktemp -d /tmp/s3db-test.XXXXXX)}"
env_lines="$(scripts/s3-server.sh start)"
trap 'scripts/s3-server.sh stop >/dev/null 2>&1 || true' EXIT
eval "$env_lines"
export S3DB_TEST_ENDPOINT="$S3_ENDPOINT" S3DB_TEST_ACCESS_KEY="$S3_ACCESS_KEY" \
       S3DB_TEST_SECRET_KEY="$S3_SECRET_KEY" S3DB_TEST_REGION="${S3_REGION:-us-east-1}" \
       S3DB_REQUIRE_S3=1

if [[ "${1:-}" == bench ]]; then
  # BENCHFLAGS adds go test flags, e.g. BENCHFLAGS='-count=5 -benchtime=2s'.
  # shellcheck disable=SC2086
  go test -run '^$' -bench "${BENCH:-.}" -benchmem -count=1 -timeout 60m ${BENCHFLAGS:-} ./...
  exit
fi
echo "== go vet"
go vet ./...
echo "== go test (S3 server at $S3_ENDPOINT)"
go test -count=1 -timeout 12m ./...
