#!/usr/bin/env bash
# Bulk-import benchmark (not a test): generates ROWS CSV proposals, imports them into a running stack,
# imports the same file again (every record unchanged), and loads the same rows with PostgreSQL COPY into
# a scratch table as the ceiling. Results go to stdout (docs/benchmarks.md, "Bulk import"; dated runs in
# docs/benchmarks-history.md).
#
#   ./lectern up && ./lectern seed
#   BASE_URL=http://localhost:8080 TOKEN=$(./lectern token organizer bench@example.com | tail -n 1) \
#     EVENT=ospocon-china-2023 PGPORT=55432 deploy/bench/import-bench.sh
#
# Before the measured runs, WARMUP_ROWS [100000] other rows are imported and reported apart: that is the figure
# for freshly started services. On two cores their JIT compilers take about half the CPU they use during the
# first 100,000 rows (20,000 rows of warm-up were not enough), so the measured import is the steady state.
# WARMUP_ROWS=0 skips it.
#
# Each import prints the CPU time per row of each part of the stack and, where perf may count them, the
# instructions and cycles per row of the whole machine: on a shared host the first move with the host's
# load, instructions hardly do.
#
# Environment (defaults in brackets): BASE_URL, TOKEN, EVENT (required); ROWS [100000]; WARMUP_ROWS [100000];
# TRACK [compliance-legal] FORMAT [talk] LANGUAGE [en] (must exist in the event);
# PGHOST [localhost] PGPORT [55432] PGUSER [postgres] PGPASSWORD [postgres] PGDATABASE [lectern_submission].
# The service's heap is whatever the stack gives it: ./lectern up runs it with -Xmx256m.
set -euo pipefail

: "${BASE_URL:?set BASE_URL, e.g. http://localhost:8080}"
: "${TOKEN:?set TOKEN to an organizer token}"
: "${EVENT:?set EVENT to the event slug}"
ROWS=${ROWS:-100000}
WARMUP_ROWS=${WARMUP_ROWS:-100000}
TRACK=${TRACK:-compliance-legal}
FORMAT=${FORMAT:-talk}
LANGUAGE=${LANGUAGE:-en}
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-55432} PGUSER=${PGUSER:-postgres}
export PGPASSWORD=${PGPASSWORD:-postgres} PGDATABASE=${PGDATABASE:-lectern_submission}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv="$work/proposals.csv"
run=$(date +%s)

# About 400 bytes a row: a title, an abstract with a quoted comma, two tags, one speaker.
generate() { # rows id-prefix file
  awk -v rows="$1" -v run="$2" -v track="$TRACK" -v format="$FORMAT" -v language="$LANGUAGE" 'BEGIN {
    printf "externalId,title,abstract,format,track,language,tags,speaker1_name,speaker1_email,speaker1_affiliation\r\n"
    for (i = 1; i <= rows; i++) {
      printf "bench-%s-%d,Benchmark proposal %d: 开源合规实践,\"An abstract long enough to look like one, with a comma, for proposal %d. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.\",%s,%s,%s,bench;合规,Speaker %d,speaker%d@bench.example.com,Example Corp %d\r\n", run, i, i, i, format, track, language, i, i, i % 97
    }
  }' > "$3"
}
generate "$ROWS" "$run" "$csv"
bytes=$(wc -c < "$csv")
echo "generated $ROWS rows, $bytes bytes: $csv"

# The service's process, when it runs in this checkout's local stack: its resident memory is sampled.
pidfile="$(cd "$(dirname "$0")/../.." && pwd)/.lectern/pids/submission.pid"
service_pid=$(cat "$pidfile" 2>/dev/null || true)

# CPU ticks so far per part of the stack: "part pid ticks" lines (each PostgreSQL backend under the database
# it serves), so that the difference of two snapshots says where the CPU went during an import.
pids_dir="$(cd "$(dirname "$0")/../.." && pwd)/.lectern/pids"
cpu_snapshot() {
  local part pid
  for part in submission review kafka; do
    pid=$(cat "$pids_dir/$part.pid" 2>/dev/null || true)
    [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] && echo "$part $pid $(awk -F') ' '{ split($2, a, " "); print a[12] + a[13] }' "/proc/$pid/stat")"
  done
  ps -C postgres -o pid=,args= 2>/dev/null | while read -r pid args; do
    case "$args" in
      *lectern_submission*) part=pg-submission ;;
      *lectern_review*) part=pg-review ;;
      *) part=pg-other ;;
    esac
    [ -r "/proc/$pid/stat" ] && echo "$part $pid $(awk -F') ' '{ split($2, a, " "); print a[12] + a[13] }' "/proc/$pid/stat")"
  done
  echo "machine 0 $(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)"
}
cpu_per_row() { # before after rows
  awk -v n="$3" -v hz="$(getconf CLK_TCK)" '
    FNR == NR { before[$1 " " $2] = $3; next }
    { d[$1] += $3 - (($1 " " $2) in before ? before[$1 " " $2] : 0) }
    END {
      for (k in d) d[k] = d[k] * 1000000 / hz / n
      printf "  CPU per row (microseconds): submission-service %.0f, PostgreSQL for it %.0f, review-service %.0f, PostgreSQL for it %.0f, Kafka %.0f, other PostgreSQL %.0f; machine %.0f\n",
        d["submission"], d["pg-submission"], d["review"], d["pg-review"], d["kafka"], d["pg-other"], d["machine"] }' "$1" "$2"
}

# Instructions and cycles of the whole machine during an import, where perf may count them (perf_event_paranoid
# at most 2 for user and kernel of every process ... or run as root): CPU time per row moves with a shared host's
# load, instructions per row hardly do, so they say whether a change made the work smaller.
perf_ok=false
if command -v perf >/dev/null 2>&1 && perf stat -a -e instructions -- true >/dev/null 2>&1; then perf_ok=true; fi

import() { # label query [file rows]
  local out="$work/answer.json" seconds sampler peak=0 file="${3:-$csv}" rows="${4:-$ROWS}" counter=""
  if [ -n "$service_pid" ] && [ -r "/proc/$service_pid/status" ]; then
    ( while :; do awk '/VmRSS/ { print $2 }' "/proc/$service_pid/status"; sleep 0.5; done ) >"$work/rss" 2>/dev/null &
    sampler=$!
  fi
  cpu_snapshot >"$work/cpu-before"
  if $perf_ok; then
    perf stat -a -x, -e instructions,cycles -o "$work/perf" &
    counter=$!
  fi
  seconds=$(curl -sS -o "$out" -w '%{time_total}' -X POST -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: text/csv' --data-binary @"$file" "$BASE_URL/api/events/$EVENT/imports$2")
  if [ -n "$counter" ]; then # stopped with the import, before the snapshot's own processes run
    kill -INT "$counter" 2>/dev/null || true
    wait "$counter" 2>/dev/null || true
  fi
  if [ -n "${sampler:-}" ]; then
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    peak=$(sort -n "$work/rss" | tail -n 1)
  fi
  echo "$1: $(grep -o '"status":"[A-Z]*"' "$out" | head -n 1) $(grep -o '"counts":{[^}]*}' "$out" | head -n 1)"
  awk -v s="$seconds" -v n="$rows" -v l="$1" -v p="${peak:-0}" 'BEGIN {
    printf "%s: %.1f s, %.0f rows/s", l, s, n / s
    if (p > 0) printf ", service RSS peak %.0f MB", p / 1024
    printf "\n" }'
  cpu_snapshot >"$work/cpu-after"
  cpu_per_row "$work/cpu-before" "$work/cpu-after" "$rows"
  if [ -n "$counter" ]; then
    awk -F, -v n="$rows" '$3 == "instructions" { i = $1 } $3 == "cycles" { c = $1 }
      END { if (i > 0 && c > 0) printf "  machine per row: %.0f thousand instructions, %.0f thousand cycles (%.2f instructions per cycle)\n", i / n / 1000, c / n / 1000, i / c }' "$work/perf"
  fi
}

# Every created record's event goes through the outbox: how long until the relay has published them all, and
# until review-service holds every proposal of the event.
drained() {
  command -v psql >/dev/null 2>&1 || return 0
  local start end proposals projected
  start=$(date +%s.%N)
  while [ "$(psql -XAtc 'SELECT count(*) FROM outbox_pending')" != 0 ]; do sleep 0.5; done
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "outbox drained to Kafka %.1f s after the import answered\n", b - a }'
  proposals=$(psql -XAtc "SELECT count(*) FROM proposal p JOIN event e ON e.id = p.event_id WHERE e.slug = '$EVENT'")
  for _ in $(seq 1 600); do
    projected=$(psql -XAt -d lectern_review -c "SELECT count(*) FROM proposal_content WHERE event_slug = '$EVENT'" 2>/dev/null || echo "$proposals")
    [ "$projected" -ge "$proposals" ] && break
    sleep 0.5
  done
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "review-service held every proposal %.1f s after the import answered\n", b - a }'
}

if [ "$WARMUP_ROWS" -gt 0 ]; then
  generate "$WARMUP_ROWS" "warmup-$run" "$work/warmup.csv"
  import "warm-up: first import after start, $WARMUP_ROWS other rows" "" "$work/warmup.csv" "$WARMUP_ROWS"
  drained
fi
import "import (all created)" ""
drained
import "re-import (all unchanged)" ""
import "dry run (all unchanged)" "?dryRun=true"

if command -v psql >/dev/null 2>&1; then
  echo "ceiling: COPY of the same rows into a scratch table (PostgreSQL $(psql -XAtc 'SHOW server_version'),"\
       "fsync=$(psql -XAtc 'SHOW fsync'), synchronous_commit=$(psql -XAtc 'SHOW synchronous_commit'))"
  psql -Xq -c 'DROP TABLE IF EXISTS import_bench_copy' \
       -c 'CREATE TABLE import_bench_copy (external_id text PRIMARY KEY, title text, abstract text, format text,
             track text, language text, tags text, speaker1_name text, speaker1_email text, speaker1_affiliation text)'
  start=$(date +%s.%N)
  psql -Xq -c "\\copy import_bench_copy FROM '$csv' WITH (FORMAT csv, HEADER true)"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" -v n="$ROWS" 'BEGIN { printf "COPY: %.1f s, %.0f rows/s\n", b - a, n / (b - a) }'
  psql -Xq -c 'DROP TABLE import_bench_copy'
else
  echo "psql not found: no COPY ceiling measured (apt-get install postgresql-client)"
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
