#!/usr/bin/env bash
# scripts/fuzz.sh — run every Fuzz* target for FUZZTIME (default 30s) each.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
for pkg in $(go list ./...); do
  for f in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true); do
    echo "== $pkg $f"
    go test -run '^$' -fuzz "^$f\$" -fuzztime "${FUZZTIME:-30s}" "$pkg"
  done
done
