#!/usr/bin/env bash
# Another writer while the survey intake is under load (SQLite): the intake benchmark's server
# and load generator (64 connections, 12 s), and meanwhile `servq unit add` from a second process
# every 0.5 s, timed; then the same command on the idle database. Shows how long a writer outside
# the intake waits for SQLite's write lock (its busy handler polls).
#   bench/intake-other-writer.sh   (needs build/servq and build/servq-intake-load)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/servq-writers.XXXXXX)
pid=
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
db=$work/intake.sqlite
build/servq migrate --db "$db" >/dev/null
build/servq unit add --db "$db" --code KHOA-A --name "Khoa A" >/dev/null
sid=$(build/servq survey create --db "$db" --file src/core/survey/templates/servqual.json)
build/servq generate links --db "$db" --survey "$sid" --count 300000 >"$work/tokens"
build/servq serve --db "$db" --listen 127.0.0.1:0 --quiet --kiosk-rate 0 --threads 1 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
base=$(grep -o 'http://[^ ]*' "$work/out")
build/servq-intake-load --url "$base" --tokens "$work/tokens" --seconds 12 --connections 64 >"$work/load" &
load=$!
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
sleep 2
for i in $(seq 10); do
  t=$(date +%s%N)
  build/servq unit add --db "$db" --code "BUSY-$i" --name "Busy $i" >/dev/null
  echo "unit add during the load: $(ms "$t") ms"
  sleep 0.5
done
wait $load
grep -E "Requests/sec|latency" "$work/load"
kill $pid
wait $pid 2>/dev/null || true
pid=
for i in 1 2 3; do
  t=$(date +%s%N)
  build/servq unit add --db "$db" --code "IDLE-$i" --name "Idle $i" >/dev/null
  echo "unit add, idle: $(ms "$t") ms"
done
