#!/usr/bin/env bash
# Feedback at scale (issue 4): the demo clinic group plus N synthetic cases (default 1 000 000),
# on SQLite and on a scratch PostgreSQL; times, as `quality` (sees everything):
#   - a filtered page   GET /feedback?status=closed&kind=complaint&unit=CN1&page=3
#   - an overdue page   GET /feedback?overdue=true
#   - searches          q=thai do · q=态度 · q=nhân viên · q=BM-000500000 (a reference)
#   - the dashboard     counts by month, channel, kind, category, unit + measures by unit
# Each request is timed 5 times with curl after one warm-up; the median is printed.
#   bench/feedback.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
work=$(mktemp -d /tmp/servq-fb.XXXXXX)
pgdir=$(mktemp -d /tmp/servq-fb-pg.XXXXXX)
pid=
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; scripts/pg-scratch stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

bench_backend() {
  local db=$1 label=$2
  build/servq demo --db "$db" >/dev/null
  local t0=$SECONDS
  build/servq generate feedback --db "$db" --count "$n" 2>/dev/null
  echo "$label: generated $n cases in $((SECONDS - t0)) s"
  build/servq serve --db "$db" --listen 127.0.0.1:0 --quiet >"$work/out" 2>/dev/null &
  pid=$!
  for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
  local base
  base=$(grep -o 'http://[^ ]*' "$work/out" | head -1)
  curl -s -c "$work/cj" -H 'Content-Type: application/json' -d '{"login":"quality","password":"servq-demo-quality"}' \
    "$base/api/v1/auth/login" >/dev/null
  local paths=(
    "/api/v1/feedback?status=closed&kind=complaint&unit=CN1&page=3"
    "/api/v1/feedback?overdue=true"
    "/api/v1/feedback?q=thai%20do"
    "/api/v1/feedback?q=%E6%80%81%E5%BA%A6"
    "/api/v1/feedback?q=nh%C3%A2n%20vi%C3%AAn"
    "/api/v1/feedback?q=BM-000500000"
    "/api/v1/feedback/counts?by=month"
    "/api/v1/feedback/counts?by=channel"
    "/api/v1/feedback/counts?by=unit"
    "/api/v1/feedback/measures?group=unit"
  )
  for p in "${paths[@]}"; do
    curl -s -o /dev/null -b "$work/cj" "$base$p"
    local ms
    ms=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -b "$work/cj" -w '%{time_total}\n' "$base$p"; done | median)
    local total
    total=$(curl -s -b "$work/cj" "$base$p" | grep -o '"total":[0-9]*' | head -1 | cut -d: -f2 || true)
    printf '%-11s %-60s %8.0f ms  %s\n' "$label" "$p" "$(echo "$ms * 1000" | bc)" "${total:+total $total}"
  done
  local dash
  dash=$( (time -p (for by in month channel kind category unit; do curl -s -o /dev/null -b "$work/cj" "$base/api/v1/feedback/counts?by=$by"; done; curl -s -o /dev/null -b "$work/cj" "$base/api/v1/feedback/measures?group=unit")) 2>&1 | awk '/real/ {print $2}')
  printf '%-11s %-60s %8.0f ms\n' "$label" "whole dashboard (5 counts + measures, sequential)" "$(echo "$dash * 1000" | bc)"
  kill $pid
  wait $pid 2>/dev/null || true
  pid=
}

bench_backend "$work/fb.sqlite" sqlite
url=$(scripts/pg-scratch start "$pgdir")
psql -q "$url" -c "CREATE DATABASE fb" >/dev/null
bench_backend "${url%/postgres}/fb" postgresql
