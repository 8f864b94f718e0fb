#!/usr/bin/env bash
# FerretDB v1.24.2 (MongoDB wire protocol, SQLite backend) for tests, CI and developers.
#
#   ferretdb.sh check-go      fail clearly unless Go >= 1.24 is installed
#   ferretdb.sh build         build once into .cache/bin (skipped when up to date); prints the binary path
#   ferretdb.sh start [--stop-on-stdin-eof]
#                             start on a free loopback port with its state in a temp dir, wait until it
#                             answers `ping`, print MONGODB_URI=mongodb://127.0.0.1:PORT/ and run until
#                             SIGTERM/SIGINT (or stdin closing, with the flag); then stop it, delete the dir
#
# FERRETDB_BIN: a prebuilt binary for `start` (skips the build). FERRETDB_LOG_LEVEL: debug|info|warn|error.
# FERRETDB_STATE_PARENT: where the temp state dir is made (default /dev/shm when writable, see state_parent).
# Messages go to stderr; stdout carries only the binary path (build) or the URI line (start).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
default_bin="$root/.cache/bin/ferretdb-test"
min_go_minor=24

say() { echo "ferretdb: $*" >&2; }

# Where the temp state dir goes: FERRETDB_STATE_PARENT, else /dev/shm when writable with 1 GiB free (tmpfs;
# a container's default is 64 MB, which a full SQLite file would turn into failed writes), else TMPDIR or /tmp. Why tmpfs: on disk every SQLite commit waits for its sync and writers hold SQLite's lock that much
# longer. With 100 concurrent checkouts through two API instances and a worker (two-instances e2e, 2-core
# machine) some lock inserts then waited past the adapter's 8 s grant bound and answered 503 in 3 of 7 runs
# on disk, 1 of 12 on tmpfs (the test now retries a 503 as a client would). Tests measure the service, not
# the disk.
state_parent() {
  if [[ -n "${FERRETDB_STATE_PARENT:-}" ]]; then
    echo "$FERRETDB_STATE_PARENT"
  elif [[ -d /dev/shm && -w /dev/shm ]] &&
    (($(df --output=avail -k /dev/shm 2>/dev/null | tail -n 1 || echo 0) >= 1048576)); then
    echo /dev/shm
  else
    echo "${TMPDIR:-/tmp}"
  fi
}

check_go() {
  if ! command -v go >/dev/null 2>&1; then
    say "Go is not installed: FerretDB is built from source and needs Go 1.${min_go_minor} or newer (https://go.dev/dl/)"
    return 1
  fi
  local version major minor
  version="$(go version)"
  if [[ ! "$version" =~ go([0-9]+)\.([0-9]+) ]]; then
    say "cannot read the Go version from '$version'"
    return 1
  fi
  major="${BASH_REMATCH[1]}" minor="${BASH_REMATCH[2]}"
  if (( major < 1 || (major == 1 && minor < min_go_minor) )); then
    say "Go $major.$minor is too old: FerretDB v1.24.2 needs Go 1.${min_go_minor} or newer ($version)"
    return 1
  fi
}

is_up_to_date() {
  [[ -x "$default_bin" ]] || return 1
  local source
  for source in "$here/main.go" "$here/go.mod" "$here/go.sum"; do
    [[ "$default_bin" -nt "$source" ]] || return 1
  done
}

build() {
  mkdir -p "$(dirname "$default_bin")"
  # One build at a time: several test runs may ask for it at once.
  exec 9>"$default_bin.lock"
  flock 9
  if is_up_to_date; then
    say "${default_bin#"$root"/} is up to date"
  else
    check_go
    say "building ${default_bin#"$root"/} (first build downloads modules and takes about a minute)"
    local started=$SECONDS
    (cd "$here" && go build -o "$default_bin.tmp" . && mv -f "$default_bin.tmp" "$default_bin")
    say "built in $((SECONDS - started)) s"
  fi
  exec 9>&-
  echo "$default_bin"
}

start() {
  local stdin_flag=()
  if [[ "${1:-}" == "--stop-on-stdin-eof" ]]; then stdin_flag=(-stop-on-stdin-eof); fi
  local bin="${FERRETDB_BIN:-}"
  if [[ -z "$bin" ]]; then bin="$(build)"; fi
  if [[ ! -x "$bin" ]]; then
    say "FERRETDB_BIN=$bin is not an executable"
    return 1
  fi

  state_dir="$(mktemp -d "$(state_parent)/ferretdb.XXXXXX")"
  mkdir "$state_dir/data"
  : >"$state_dir/stdout"
  ferretdb_pid=""
  trap 'stop_and_clean; exit 0' TERM INT
  trap stop_and_clean EXIT

  # Explicit <&0: a background job would otherwise get /dev/null as stdin.
  "$bin" -listen-addr 127.0.0.1:0 -sqlite-url "file:$state_dir/data/" \
    -log-level "${FERRETDB_LOG_LEVEL:-warn}" "${stdin_flag[@]}" \
    >"$state_dir/stdout" 2>"$state_dir/ferretdb.log" <&0 &
  ferretdb_pid=$!

  local uri="" deadline=$((SECONDS + 20))
  until [[ -n "$uri" ]]; do
    uri="$(sed -n 's/^FERRETDB_URI=//p' "$state_dir/stdout" || true)"
    if [[ -z "$uri" ]]; then fail_unless_alive "$deadline" && sleep 0.1; fi
  done
  local hostport="${uri#mongodb://}"
  hostport="${hostport%/}"
  until node "$here/ping.mjs" "${hostport%:*}" "${hostport##*:}" 1000 2>/dev/null; do
    fail_unless_alive "$deadline" && sleep 0.2
  done
  echo "MONGODB_URI=$uri"
  say "listening on $hostport (state in $state_dir, pid $ferretdb_pid)"

  local status=0
  wait "$ferretdb_pid" || status=$?
  ferretdb_pid=""
  if [[ $status -ne 0 ]]; then
    say "FerretDB exited with status $status; its log:"
    tail -n 20 "$state_dir/ferretdb.log" >&2
    return "$status"
  fi
}

fail_unless_alive() { # deadline
  if ! kill -0 "$ferretdb_pid" 2>/dev/null; then
    say "FerretDB exited during start; its log:"
    tail -n 20 "$state_dir/ferretdb.log" >&2
    exit 1
  fi
  if ((SECONDS >= $1)); then
    say "FerretDB did not answer ping within 20 s; its log:"
    tail -n 20 "$state_dir/ferretdb.log" >&2
    exit 1
  fi
}

stop_and_clean() {
  if [[ -n "${ferretdb_pid:-}" ]] && kill -0 "$ferretdb_pid" 2>/dev/null; then
    kill -TERM "$ferretdb_pid" 2>/dev/null || true
    wait "$ferretdb_pid" 2>/dev/null || true
  fi
  ferretdb_pid=""
  if [[ -n "${state_dir:-}" ]]; then rm -rf "$state_dir"; fi
  state_dir=""
}

case "${1:-}" in
  check-go) check_go ;;
  build) build ;;
  start) shift && start "$@" ;;
  *)
    echo "usage: $0 check-go | build | start [--stop-on-stdin-eof]" >&2
    exit 2
    ;;
esac
