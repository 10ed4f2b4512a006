#!/usr/bin/env bash
# Survey intake throughput (PRODUCT.md S3): 64 concurrent clients post 22-item SERVQUAL responses
# to POST /api/v1/public/responses, each with its own personal link, on SQLite and PostgreSQL;
# once with the default group commit and once with --intake-per-response (one transaction per
# response), plus this disk's fsync rate for scale. "stored" is counted in the database after.
# Two load generators: build/servq-intake-load (bench/intake_load.cpp: one thread, epoll,
# requests formatted in advance; the figure of record) and wrk with bench/lib/intake.lua (the
# same load, but about three times the CPU per request on this 2-core machine, where it shares
# the cores with the server). REPEAT=N repeats every measurement N times (fresh database each);
# BACKENDS="sqlite", TOOLS="load", MODES="group" narrow the run.
#   bench/intake.sh [SECONDS] [CONNECTIONS]   (default 10 s, 64; needs build/servq and wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-64}
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
[[ -x build/servq-intake-load ]] || cmake --build build --target servq-intake-load >/dev/null
work=$(mktemp -d /tmp/servq-intake.XXXXXX)
pgdir=$(mktemp -d /tmp/servq-intake-pg.XXXXXX)
pid=
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; scripts/pg-scratch stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

fsync_rate() {
  python3 - "$work/fsync.probe" <<'PY'
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o600)
n, t0 = 0, time.time()
while time.time() - t0 < 2:
    os.write(fd, b"x" * 512)
    os.fsync(fd)
    n += 1
print(f"{n / (time.time() - t0):.0f}")
PY
}

count() {  # count SQL on DB (file or URL)
  local db=$1 sql=$2
  if [[ $db == postgresql://* ]]; then psql -qAt "$db" -c "$sql"; else sqlite3 "$db" "$sql"; fi
}

run() {
  local db=$1 label=$2 mode=$3 tool=$4
  local tokens=$((secs * 25000 + 50000))
  build/servq migrate --db "$db" >/dev/null
  build/servq unit add --db "$db" --code KHOA-A --name "Khoa A" >/dev/null
  local sid
  sid=$(build/servq survey create --db "$db" --file src/core/survey/templates/servqual.json)
  build/servq generate links --db "$db" --survey "$sid" --count "$tokens" >"$work/tokens"
  # One request thread (SERVER_THREADS=N for more): the handlers only read the request and queue
  # it — the writer, its syncers and the load generator need the two cores; a second request
  # thread measured 3-15 % fewer responses/s in three alternating pairs (2026-11-29).
  local flags=(--quiet --kiosk-rate 0 --threads "${SERVER_THREADS:-1}")
  [[ $mode == per-response ]] && flags+=(--intake-per-response)
  build/servq serve --db "$db" --listen 127.0.0.1:0 "${flags[@]}" >"$work/out" 2>"$work/err" &
  pid=$!
  for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
  local base out
  base=$(grep -o 'http://[^ ]*' "$work/out")
  local rps p50 p99 non2xx
  if [[ $tool == wrk ]]; then
    out=$(TOKENS="$work/tokens" WRK_THREADS=2 wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/lib/intake.lua "$base")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  else
    out=$(build/servq-intake-load --url "$base" --tokens "$work/tokens" --connections "$conns" --seconds "$secs")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '/^latency/ {print $4 "ms"}' <<<"$out")
    p99=$(awk '/^latency/ {print $8 "ms"}' <<<"$out")
    non2xx=$(awk '/^non-2xx/ {print $2}' <<<"$out" | tr -d ,)
  fi
  kill $pid
  wait $pid 2>/dev/null || true
  pid=
  local stored
  stored=$(count "$db" "SELECT COUNT(*) FROM survey_responses")
  printf '%-10s %-13s %-5s %9s resp/s  p50 %9s  p99 %9s  stored %8s  non-2xx %s\n' "$label" "$mode" "$tool" \
    "$rps" "$p50" "$p99" "$stored" "${non2xx:-0}"
}

echo "fsync/s on this disk (512-byte write + fsync, 2 s): $(fsync_rate)"
echo "$conns connections, $secs s each, 22-item SERVQUAL responses + overall + NPS"
n=0
tools=${TOOLS:-load wrk}
for _ in $(seq "${REPEAT:-1}"); do
  [[ ${BACKENDS:-sqlite postgresql} == *sqlite* ]] || break
  for tool in $tools; do
    for mode in ${MODES:-group per-response}; do
      n=$((n + 1))
      rm -f "$work"/*.sqlite*
      run "$work/intake-$n.sqlite" sqlite "$mode" "$tool"
    done
  done
done
[[ ${BACKENDS:-sqlite postgresql} == *postgresql* ]] || exit 0
url=$(scripts/pg-scratch start "$pgdir")
for _ in $(seq "${REPEAT:-1}"); do
  for tool in $tools; do
    for mode in ${MODES:-group per-response}; do
      n=$((n + 1))
      psql -q "$url" -c "CREATE DATABASE intake_$n" >/dev/null
      run "${url%/postgres}/intake_$n" postgresql "$mode" "$tool"
    done
  done
done
