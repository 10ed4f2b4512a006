#!/usr/bin/env bash
# Survey analysis speed (PRODUCT.md S4): the full analysis JSON of one slice over N responses of
# the 22-item SERVQUAL questionnaire, read from the statistics cells through the HTTP API, and —
# for comparison — the same analysis computed from the raw rows (`servq analyze survey --naive`)
# and one figure (CSAT and mean of the overall question) computed by SQL over the raw rows.
#   bench/analysis.sh [N ...]   (default: 1000000 10000000; SQLite; needs build/servq)
# Generating 10 M responses takes a while and ~7 GB of disk (in $TMPDIR).
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
((${#counts[@]})) || counts=(1000000 10000000)
pid=
work=
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; [[ -n $work ]] && rm -rf "$work"' EXIT

median_ms() {  # URL COOKIE → median of 7 timed requests, in ms
  local url=$1 cookie=$2 t=()
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url")  # warm-up, and a check
  [[ $code == 200 ]] || { echo "HTTP $code for $url" >&2; exit 1; }
  for _ in 1 2 3 4 5 6 7; do
    t+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$url")")
  done
  printf '%s\n' "${t[@]}" | sort -n | awk 'NR==4 {printf "%.1f", $1 * 1000}'
}

for n in "${counts[@]}"; do
  work=$(mktemp -d "${TMPDIR:-/tmp}/servq-analysis.XXXXXX")
  db=$work/a.sqlite
  build/servq demo --db "$db" >/dev/null
  sid=$(build/servq survey create --db "$db" --file src/core/survey/templates/servqual.json)
  t0=$(date +%s.%N)
  build/servq generate responses --db "$db" --survey "$sid" --count "$n" 2>/dev/null
  gen=$(echo "$(date +%s.%N) - $t0" | bc)
  cells=$(sqlite3 "$db" "SELECT COUNT(*) FROM survey_cells WHERE survey_id = $sid")
  printf '\n%s responses generated in %.0f s; database %s; %s statistics cells\n' "$n" "$gen" "$(du -h "$db" | cut -f1)" "$cells"
  build/servq serve --db "$db" --listen 127.0.0.1:0 --quiet >"$work/out" 2>/dev/null &
  pid=$!
  for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
  base=$(grep -o 'http://[^ ]*' "$work/out")
  cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"login":"quality","password":"servq-demo-quality"}' "$base/api/v1/auth/login" |
    grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//')
  head_cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"login":"head","password":"servq-demo-head"}' "$base/api/v1/auth/login" |
    grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//')
  a="$base/api/v1/surveys/$sid/analysis"
  printf '%-58s %10s\n' "slice (GET /api/v1/surveys/$sid/analysis...)" "median ms"
  printf '%-58s %10s\n' "first request after start (cold caches)" "$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$base/api/v1/surveys/$sid/analysis" | awk '{printf "%.1f", $1 * 1000}')"
  for q in "" "?unit=CN1" "?unit=KHOA-NOI" "?from=2026-02-10&to=2026-07-20" "?from=2026-03-03&to=2026-03-09" \
    "?category=long_term" "?channel=letter&unit=CN2" "?staff=NV0002" "?staff=NV0002&channel=kiosk" \
    "?from=2026-06-01&to=2026-11-30&compare_from=2025-12-01&compare_to=2026-05-31"; do
    printf '%-58s %10s\n' "quality ${q:-(everything)}" "$(median_ms "$a$q" "$cookie")"
  done
  printf '%-58s %10s\n' "head (own subtree)" "$(median_ms "$a" "$head_cookie")"
  printf '%-58s %10s\n' "ranking by unit" "$(median_ms "$base/api/v1/surveys/$sid/ranking?by=unit" "$cookie")"
  kill $pid
  wait $pid 2>/dev/null || true
  pid=
  # The naive ways, once each.
  for q in "" "--unit KHOA-NOI"; do
    t0=$(date +%s.%N)
    # shellcheck disable=SC2086
    build/servq analyze survey --db "$db" --survey "$sid" $q --naive >/dev/null
    printf '%-58s %10.0f\n' "naive: servq analyze --naive ${q:-(everything)}" "$(echo "($(date +%s.%N) - $t0) * 1000" | bc)"
  done
  t0=$(date +%s.%N)
  sqlite3 "$db" "SELECT COUNT(*), AVG(CASE WHEN json_extract(answers, '\$.overall') >= 4 THEN 1.0 ELSE 0 END),
                        AVG(json_extract(answers, '\$.overall')) FROM survey_responses WHERE survey_id = $sid" >/dev/null
  printf '%-58s %10.0f\n' "naive SQL: CSAT + mean of overall only (json_extract)" "$(echo "($(date +%s.%N) - $t0) * 1000" | bc)"
  rm -rf "$work"
  work=
done
