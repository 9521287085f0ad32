#!/usr/bin/env bash
# s3-server.sh - install (if missing) and run a real S3-compatible server for s3db's tests
# and benchmarks: Versity S3 Gateway (versitygw, Apache-2.0) with its posix backend.
#
#   scripts/s3-server.sh start     install if needed, start on 127.0.0.1, wait until ready and
#                                  print eval-able S3_ENDPOINT/S3_ACCESS_KEY/S3_SECRET_KEY/S3_REGION/S3_PID
#   scripts/s3-server.sh stop      stop the server this script started (by the PID in $S3_STATE_DIR)
#   scripts/s3-server.sh status    print whether it is running (exit 1 if not), and its env lines
#   scripts/s3-server.sh install   only install the binary and print its path
#
# Typical use:
#   eval "$(scripts/s3-server.sh start)"
#   S3DB_TEST_ENDPOINT=$S3_ENDPOINT S3DB_TEST_ACCESS_KEY=$S3_ACCESS_KEY \
#     S3DB_TEST_SECRET_KEY=$S3_SECRET_KEY S3DB_REQUIRE_S3=1 go test ./...
#   scripts/s3-server.sh stop
#
# Environment (all optional):
#   S3_PORT=7070                      listen port on 127.0.0.1; if unset and 7070 is busy, the next
#                                     free port up to 7169 is used (if set explicitly, it must be free)
#   S3_STATE_DIR=${TMPDIR:-/tmp}/s3db-s3-server   holds data/, server.log, server.pid, server.port
#   S3_DATA_DIR=$S3_STATE_DIR/data    posix backend root: each top-level dir is a bucket
#   S3_ACCESS_KEY=s3dbtest S3_SECRET_KEY=s3dbtestsecret   root credentials (test-only)
#   S3_BUCKET=                        if set, create this bucket after start (needs curl)
#   S3_FRESH=1                        wipe the data dir before start
#   S3_KEEPALIVE=1                    pass --keep-alive (versitygw closes every connection otherwise)
#   S3_ACCESS_LOG=                    if set, versitygw writes one line per request to this file
#   VERSITYGW_VERSION=v1.8.0
#   VERSITYGW_BIN=                    use this binary; else $S3_BIN_DIR/versitygw-$VERSITYGW_VERSION,
#                                     else `go install` it there (needs Go; ~1-2 min on a cold cache)
#   S3_BIN_DIR=/tmp/gobin
#
# The data dir needs a file system with user xattrs (ext4/xfs: yes; tmpfs only on recent
# kernels), so keep S3_STATE_DIR on disk.
set -euo pipefail

PORT_EXPLICIT="${S3_PORT:+1}"
S3_PORT="${S3_PORT:-7070}"
S3_STATE_DIR="${S3_STATE_DIR:-${TMPDIR:-/tmp}/s3db-s3-server}"
S3_DATA_DIR="${S3_DATA_DIR:-$S3_STATE_DIR/data}"
S3_ACCESS_KEY="${S3_ACCESS_KEY:-s3dbtest}"
S3_SECRET_KEY="${S3_SECRET_KEY:-s3dbtestsecret}"
S3_FRESH="${S3_FRESH:-1}"
S3_KEEPALIVE="${S3_KEEPALIVE:-1}"
VERSITYGW_VERSION="${VERSITYGW_VERSION:-v1.8.0}"
S3_BIN_DIR="${S3_BIN_DIR:-/tmp/gobin}"
PIDFILE="$S3_STATE_DIR/server.pid"
PORTFILE="$S3_STATE_DIR/server.port"
LOGFILE="$S3_STATE_DIR/server.log"

log() { echo "s3-server: $*" >&2; }

find_bin() {
  if [[ -n "${VERSITYGW_BIN:-}" && -x "$VERSITYGW_BIN" ]]; then echo "$VERSITYGW_BIN"; return; fi
  if [[ -x "$S3_BIN_DIR/versitygw-$VERSITYGW_VERSION" ]]; then echo "$S3_BIN_DIR/versitygw-$VERSITYGW_VERSION"; return; fi
  return 1
}

install_bin() {
  if find_bin >/dev/null; then return 0; fi
  command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"
  mkdir -p "$S3_BIN_DIR"
  local t0=$SECONDS tmp
  tmp="$(mktemp -d)"
  log "installing github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION into $S3_BIN_DIR ..."
  GOBIN="$tmp" GOFLAGS=-buildvcs=false CGO_ENABLED=0 \
    go install "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION" >&2
  mv "$tmp/versitygw" "$S3_BIN_DIR/versitygw-$VERSITYGW_VERSION"
  rmdir "$tmp"
  log "installed in $((SECONDS - t0)) s"
}

is_running() { [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  if ! port_busy "$S3_PORT"; then return 0; fi
  if [[ -n "$PORT_EXPLICIT" ]]; then log "port $S3_PORT is already in use by another process"; return 1; fi
  local p
  for p in $(seq 7071 7169); do
    if ! port_busy "$p"; then log "port 7070 is busy, using $p"; S3_PORT=$p; return 0; fi
  done
  log "no free port in 7070-7169"; return 1
}

wait_ready() {
  local url="http://127.0.0.1:$S3_PORT/health"
  for _ in $(seq 1 300); do # up to 30 s
    if ! is_running; then log "server exited; log:"; cat "$LOGFILE" >&2; return 1; fi
    if command -v curl >/dev/null; then
      [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" == 200 ]] && return 0
    elif port_busy "$S3_PORT"; then
      return 0
    fi
    sleep 0.1
  done
  log "not ready after 30 s; log:"; cat "$LOGFILE" >&2; return 1
}

create_bucket() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -X PUT --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" \
    --aws-sigv4 "aws:amz:us-east-1:s3" -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' \
    "http://127.0.0.1:$S3_PORT/$1")"
  case "$code" in
    200 | 409) log "bucket $1 ready (HTTP $code)" ;;
    *) log "create bucket $1: HTTP $code"; return 1 ;;
  esac
}

print_env() {
  echo "S3_ENDPOINT=http://127.0.0.1:$(cat "$PORTFILE")"
  echo "S3_ACCESS_KEY=$S3_ACCESS_KEY"
  echo "S3_SECRET_KEY=$S3_SECRET_KEY"
  echo "S3_REGION=us-east-1"
  echo "S3_PID=$(cat "$PIDFILE")"
}

start() {
  if is_running; then log "already running (pid $(cat "$PIDFILE"))"; print_env; return 0; fi
  pick_port
  install_bin
  local bin t0
  bin="$(find_bin)"
  mkdir -p "$S3_STATE_DIR"
  if [[ "$S3_FRESH" == 1 ]]; then rm -rf "$S3_DATA_DIR"; fi
  mkdir -p "$S3_DATA_DIR"
  local args=(--port "127.0.0.1:$S3_PORT" --health /health --quiet)
  [[ "$S3_KEEPALIVE" == 1 ]] && args+=(--keep-alive)
  [[ -n "${S3_ACCESS_LOG:-}" ]] && args+=(--access-log "$S3_ACCESS_LOG")
  t0=$(date +%s%N)
  # Credentials go through the environment so that they do not show in `ps`.
  ROOT_ACCESS_KEY="$S3_ACCESS_KEY" ROOT_SECRET_KEY="$S3_SECRET_KEY" \
    nohup "$bin" "${args[@]}" posix "$S3_DATA_DIR" >"$LOGFILE" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  echo "$S3_PORT" >"$PORTFILE"
  wait_ready
  log "versitygw $VERSITYGW_VERSION ready in $((($(date +%s%N) - t0) / 1000000)) ms" \
    "(pid $(cat "$PIDFILE"), port $S3_PORT, data $S3_DATA_DIR, log $LOGFILE)"
  if [[ -n "${S3_BUCKET:-}" ]]; then create_bucket "$S3_BUCKET"; fi
  print_env
}

stop() {
  if ! [[ -f "$PIDFILE" ]]; then log "no pid file at $PIDFILE"; return 0; fi
  local pid
  pid="$(cat "$PIDFILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    log "stopped pid $pid"
  fi
  rm -f "$PIDFILE" "$PORTFILE"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status)
    if is_running; then log "running (pid $(cat "$PIDFILE"))"; print_env; else log "not running"; exit 1; fi
    ;;
  install) install_bin; find_bin ;;
  *) echo "usage: $0 start|stop|status|install" >&2; exit 2 ;;
esac
