#!/usr/bin/env bash
# Import throughput: generates N customers and N encounters as CSV, then times
# `servq import customers|encounters` on SQLite and on a scratch PostgreSQL.
#   bench/import.sh [N]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
bin=build/servq
work=$(mktemp -d /tmp/servq-bench.XXXXXX)
pgdir=$(mktemp -d /tmp/servq-bench-pg.XXXXXX)
trap 'scripts/pg-scratch stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

awk -v n="$n" 'BEGIN {
  print "external_id,name,phone,email,address,category,referred_by,tier,consent_contact,consent_survey";
  for (i = 1; i <= n; i++)
    printf "B%07d,\"Nguyễn Văn %d\",09%08d,b%d@example.vn,\"%d Phố Huế, Hà Nội\",%s,,Vàng,yes,no\n", i, i, i, i, i % 300, (i % 3 ? "first_time" : "long_term");
}' > "$work/customers.csv"
awk -v n="$n" 'BEGIN {
  print "external_id,customer_phone,unit,staff,service,started_at,amount,converted";
  for (i = 1; i <= n; i++)
    printf "BE%07d,09%08d,BENCH,,Khám tổng quát,2026-%02d-%02dT08:30:00+07:00,%d,%s\n", i, i, 1 + i % 12, 1 + i % 28, 100000 + i % 50000, (i % 2 ? "true" : "false");
}' > "$work/encounters.csv"

run() {
  local db=$1 label=$2
  $bin unit add --db "$db" --code BENCH --name "Bench unit" >/dev/null
  for kind in customers encounters; do
    local t0 t1
    t0=$(date +%s.%N)
    $bin import $kind --db "$db" "$work/$kind.csv" 2>/dev/null >/dev/null
    t1=$(date +%s.%N)
    printf '%-11s %-10s %7d lines  %6.2f s  %8.0f lines/s\n' "$label" "$kind" "$n" "$(echo "$t1 - $t0" | bc)" "$(echo "$n / ($t1 - $t0)" | bc -l)"
  done
  # Importing the same file again must add nothing.
  local t0 t1
  t0=$(date +%s.%N)
  $bin import customers --db "$db" "$work/customers.csv" 2>/dev/null | grep -q '"created":0'
  t1=$(date +%s.%N)
  printf '%-11s %-10s %7d lines  %6.2f s  (second import: nothing added)\n' "$label" "customers" "$n" "$(echo "$t1 - $t0" | bc)"
}

run "$work/bench.sqlite" sqlite
url=$(scripts/pg-scratch start "$pgdir")
psql -q "$url" -c "CREATE DATABASE bench" >/dev/null
run "${url%/postgres}/bench" postgresql
