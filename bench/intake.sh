#!/usr/bin/env bash
# Survey intake throughput (PRODUCT.md S3): 64 concurrent clients post 22-item SERVQUAL responses
# to POST /api/v1/public/responses, each with its own personal link, on SQLite and PostgreSQL;
# once with the default group commit and once with --intake-per-response (one transaction per
# response), plus this disk's fsync rate for scale. Every 201 is checked against the database.
#   bench/intake.sh [SECONDS] [CONNECTIONS]   (default 10 s, 64; needs build/servq and wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-64}
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
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
  local db=$1 label=$2 mode=$3
  local tokens=$((secs * 25000 + 50000))
  build/servq migrate --db "$db" >/dev/null
  build/servq unit add --db "$db" --code KHOA-A --name "Khoa A" >/dev/null
  local sid
  sid=$(build/servq survey create --db "$db" --file src/core/survey/templates/servqual.json)
  build/servq generate links --db "$db" --survey "$sid" --count "$tokens" >"$work/tokens"
  # Two request threads for two cores: the intake handlers do not wait on the database (the
  # writer thread does), so more threads only add context switches here.
  local flags=(--quiet --kiosk-rate 0 --threads 2)
  [[ $mode == per-response ]] && flags+=(--intake-per-response)
  build/servq serve --db "$db" --listen 127.0.0.1:0 "${flags[@]}" >"$work/out" 2>"$work/err" &
  pid=$!
  for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
  local base out
  base=$(grep -o 'http://[^ ]*' "$work/out")
  out=$(TOKENS="$work/tokens" WRK_THREADS=2 wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/lib/intake.lua "$base")
  kill $pid
  wait $pid 2>/dev/null || true
  pid=
  local stored non2xx
  stored=$(count "$db" "SELECT COUNT(*) FROM survey_responses")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-10s %-13s %9s resp/s  p50 %8s  p99 %8s  stored %8s  non-2xx %s\n' "$label" "$mode" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="50%" {print $2}' <<<"$out")" \
    "$(awk '$1=="99%" {print $2}' <<<"$out")" "$stored" "${non2xx:-0}"
}

echo "fsync/s on this disk (512-byte write + fsync, 2 s): $(fsync_rate)"
echo "$conns connections, $secs s each, 22-item SERVQUAL responses + overall + NPS"
for mode in group per-response; do
  rm -f "$work"/*.sqlite*
  run "$work/intake-$mode.sqlite" sqlite "$mode"
done
url=$(scripts/pg-scratch start "$pgdir")
for mode in group per-response; do
  psql -q "$url" -c "CREATE DATABASE intake_${mode//-/_}" >/dev/null
  run "${url%/postgres}/intake_${mode//-/_}" postgresql "$mode"
done
