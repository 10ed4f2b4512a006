#!/usr/bin/env bash
# Read throughput of the API on the demo data set: wrk against a few list endpoints as a head
# (scoped queries) and as quality (everything), on SQLite and on a scratch PostgreSQL.
#   bench/http.sh [SECONDS]   (default 10; needs build/servq and Debian's wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
work=$(mktemp -d /tmp/servq-http.XXXXXX)
pgdir=$(mktemp -d /tmp/servq-http-pg.XXXXXX)
pid=
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; scripts/pg-scratch stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

bench_backend() {
  local db=$1 label=$2
  build/servq demo --db "$db" >/dev/null
  build/servq serve --db "$db" --listen 127.0.0.1:0 --quiet >"$work/out" 2>/dev/null &
  pid=$!
  for _ in $(seq 50); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
  local base
  base=$(grep -o 'http://[^ ]*' "$work/out")
  for who in head quality; do
    local cookie
    cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"login\":\"$who\",\"password\":\"servq-demo-$who\"}" "$base/api/v1/auth/login" |
      grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//')
    for path in "/api/v1/customers?page_size=50" "/api/v1/customers?q=nguyen" "/api/v1/encounters?page_size=50" "/api/v1/overview"; do
      local out
      out=$(wrk -t2 -c32 -d"${secs}s" --latency -H "Cookie: $cookie" "$base$path")
      printf '%-11s %-8s %-34s %9s req/s  p50 %8s  p99 %8s\n' "$label" "$who" "$path" \
        "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1=="50%" {print $2}' <<<"$out")" \
        "$(awk '$1=="99%" {print $2}' <<<"$out")"
    done
  done
  kill $pid
  wait $pid 2>/dev/null || true
  pid=
}

bench_backend "$work/demo.sqlite" sqlite
url=$(scripts/pg-scratch start "$pgdir")
psql -q "$url" -c "CREATE DATABASE demo" >/dev/null
bench_backend "${url%/postgres}/demo" postgresql
