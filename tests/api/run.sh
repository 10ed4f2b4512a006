#!/usr/bin/env bash
# Runs the black-box API suite against build/servq: first on SQLite, then on a scratch
# PostgreSQL cluster (scripts/pg-scratch), and exits non-zero if either run failed.
#   tests/api/run.sh                       both backends, every *.test.mjs
#   tests/api/run.sh sqlite|postgresql     one backend
#   tests/api/run.sh both auth.test.mjs    a subset of files (names relative to tests/api/)
# Env: SERVQ_BIN (default build/servq).
set -uo pipefail
cd "$(dirname "$0")/../.."

which=${1:-both}
shift || true
case "$which" in sqlite | postgresql | both) ;; *) echo "usage: $0 [sqlite|postgresql|both] [FILE.test.mjs...]" >&2; exit 2 ;; esac

files=()
if (($#)); then
  for f in "$@"; do files+=("tests/api/${f#tests/api/}"); done
else
  files=(tests/api/*.test.mjs)
fi

bin=${SERVQ_BIN:-build/servq}
if [[ ! -x "$bin" ]]; then
  echo "run.sh: $bin not found; build servq first" >&2
  exit 1
fi

run_suite() {
  local backend=$1
  echo "=== API tests on $backend ==="
  # Every response is checked against the OpenAPI document (harness.mjs); each test process
  # appends its counts to this file.
  local stats
  stats=$(mktemp /tmp/servq-openapi-stats.XXXXXX)
  SERVQ_TEST_DB=$backend SERVQ_OPENAPI_STATS=$stats node --test --test-concurrency=2 --test-timeout=180000 \
    --test-reporter=spec "${files[@]}"
  local rc=$?
  node tests/api/openapi-stats.mjs "$stats" "$backend"
  rm -f "$stats"
  return $rc
}

sqlite_rc=skipped
pg_rc=skipped

if [[ $which == sqlite || $which == both ]]; then
  run_suite sqlite
  sqlite_rc=$?
fi

if [[ $which == postgresql || $which == both ]]; then
  pgdir=$(mktemp -d /tmp/servq-pg.XXXXXX)
  trap 'scripts/pg-scratch stop "$pgdir"' EXIT
  if url=$(scripts/pg-scratch start "$pgdir"); then
    SERVQ_TEST_PG_URL=$url run_suite postgresql
    pg_rc=$?
  else
    echo "run.sh: could not start a scratch PostgreSQL" >&2
    pg_rc=1
  fi
fi

echo "=== API tests: sqlite=$sqlite_rc postgresql=$pg_rc (0 = passed) ==="
[[ $sqlite_rc == 0 || $sqlite_rc == skipped ]] && [[ $pg_rc == 0 || $pg_rc == skipped ]]
