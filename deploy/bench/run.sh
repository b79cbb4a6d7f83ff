#!/usr/bin/env bash
# Lectern's benchmark suite: each figure side by side with the machine's own ceiling, in one run.
#
#   deploy/bench/run.sh
#
# 1. Submission throughput: wrk POSTs ~1.6 KB proposals (Chinese and English, two speakers) with
#    BENCH_CONNECTIONS [32] connections for BENCH_SECONDS [30] s, beside pgbench running the same SQL
#    transaction submission-service runs for one submission, at the same concurrency, on the same
#    PostgreSQL (durable: fsync=on, synchronous_commit=on). Target: service >= 50% of pgbench. The service
#    is warmed up first for BENCH_WARMUP_SECONDS [60] s of the same load: on two cores the JIT compilers
#    of a fresh JVM take a fifth of its CPU for minutes, and the figure is meant to be the steady state.
# 2. Submit-to-review latency at BENCH_RATE [200] submissions/s for BENCH_LATENCY_SECONDS [25] s, after
#    BENCH_LATENCY_WARMUP_SECONDS [20] s at the same rate that are not measured: the
#    time from the 201 to the proposal being readable in review-service, beside Kafka's
#    ProducerPerformance (1.5 KB records, acks=all) at the same rate. Target: p50 < 50 ms, p99 < 250 ms.
# 5. Footprint: each service's resident memory after the load, and its startup time to ready when
#    restarted with the environment ./lectern uses, BENCH_STARTS [3] times (the median is the figure: one
#    start on this shared machine moved by up to a second). Targets: < 300 MB, < 3 s.
# 3. Bulk import (run after 5): deploy/bench/import-bench.sh with BENCH_IMPORT_ROWS [100000] CSV rows after
#    BENCH_IMPORT_WARMUP_ROWS [100000] others, beside COPY of the same rows. Target: >= 5,000 rows/s.
# 4. Assignment and selection: review-service's harnesses (AssignmentBenchmark, RankingSelectionBenchmark).
#    Targets: < 5 s and < 1 s.
#
# Installs wrk, pgbench/psql (postgresql-client), curl and ps (procps) from Debian's packages when missing. Starts the
# local stack (./lectern up) when it is not running and stops it at the end only if it started it.
# Prints a table and rewrites the generated part of docs/benchmarks.md. Raw outputs: .lectern/bench/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$ROOT/deploy/bench"
STATE="${LECTERN_HOME:-$ROOT/.lectern}"
PG_PORT="${LECTERN_PG_PORT:-55432}"
KAFKA_PORT="${LECTERN_KAFKA_PORT:-59092}"
SUBMISSION_PORT="${LECTERN_SUBMISSION_PORT:-8080}"
REVIEW_PORT="${LECTERN_REVIEW_PORT:-8081}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
SECONDS_THROUGHPUT="${BENCH_SECONDS:-30}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-60}"
RATE="${BENCH_RATE:-200}"
LOW_RATE="${BENCH_LOW_RATE:-10}"
LATENCY_SECONDS="${BENCH_LATENCY_SECONDS:-25}"
LATENCY_WARMUP_SECONDS="${BENCH_LATENCY_WARMUP_SECONDS:-20}"
STARTS="${BENCH_STARTS:-3}"
IMPORT_ROWS="${BENCH_IMPORT_ROWS:-100000}"
IMPORT_WARMUP_ROWS="${BENCH_IMPORT_WARMUP_ROWS:-100000}"
DOC="${BENCH_DOC:-$ROOT/docs/benchmarks.md}"
RUN_ID="$(date -u +%Y%m%d%H%M%S)"
OUT="$STATE/bench/$RUN_ID"
EVENT="bench-$RUN_ID"
SUBMISSION="http://localhost:$SUBMISSION_PORT"
REVIEW="http://localhost:$REVIEW_PORT"
export PGHOST=localhost PGPORT="$PG_PORT" PGUSER=postgres PGPASSWORD=postgres

say() { printf '%s\n' "$*"; }
step() { printf '\n== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# Busy share of all CPUs over the next second, in percent (user, nice, system, irq, softirq of /proc/stat).
cpu_busy() {
  local a b
  read -r -a a < /proc/stat; sleep 1; read -r -a b < /proc/stat
  awk -v busy=$(( b[1] + b[2] + b[3] + b[6] + b[7] - a[1] - a[2] - a[3] - a[6] - a[7] )) \
      -v rest=$(( b[4] + b[5] + b[8] - a[4] - a[5] - a[8] )) \
      'BEGIN { printf "%.0f", (busy + rest > 0) ? 100 * busy / (busy + rest) : 0 }'
}
# Each benchmark, and each timed start, begins on a quiet machine: waits until at most 10% of the CPUs are busy
# over a second (the stack idles at about 5% here), for at most two minutes; prints the last figure.
wait_quiet() {
  local busy
  for _ in $(seq 1 120); do busy=$(cpu_busy); [ "$busy" -le 10 ] && break; done
  echo "$busy"
}
# Before a measured run: a checkpoint, so that none falls inside it from the work before, then a quiet machine.
settle() { sql -q -d lectern_submission -c CHECKPOINT >/dev/null; wait_quiet; }

# ---------------------------------------------------------------- tools
install_tools() {
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  { command -v pgbench >/dev/null 2>&1 && command -v psql >/dev/null 2>&1; } || missing+=(postgresql-client)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v ps >/dev/null 2>&1 || missing+=(procps)
  [ ${#missing[@]} -eq 0 ] && return
  say "installing ${missing[*]} from Debian's packages"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ---------------------------------------------------------------- stack
COMPONENTS=(postgres kafka submission review)
pid_of() { [ -f "$STATE/pids/$1.pid" ] && cat "$STATE/pids/$1.pid" || true; }
running() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
STARTED=()

stack_up() {
  for c in "${COMPONENTS[@]}"; do running "$c" || STARTED+=("$c"); done
  if [ ${#STARTED[@]} -eq 0 ]; then
    # One benchmark client would be throttled by the per-client rate limit: 429s are not submissions.
    if ! tr '\0' '\n' < "/proc/$(pid_of submission)/environ" 2>/dev/null | grep -qx 'LECTERN_RATE_LIMIT_ENABLED=false'; then
      die "the running stack limits submissions per client, which would throttle the benchmark: run ./lectern down first (the suite then starts it without the limit), or start it with LECTERN_RATE_LIMIT_ENABLED=false ./lectern up"
    fi
    say "the local stack is running: using it, and leaving it running"
    return
  fi
  say "starting the local stack (${STARTED[*]} not running); it will be stopped at the end"
  # One benchmark client is many speakers' worth of load: the per-client rate limit would throttle it.
  LECTERN_RATE_LIMIT_ENABLED=false "$ROOT/lectern" up >"$OUT/lectern-up.log" 2>&1 || { tail -n 30 "$OUT/lectern-up.log" >&2; die "./lectern up failed"; }
}

stack_restore() {
  [ ${#STARTED[@]} -eq 0 ] && return
  if [ ${#STARTED[@]} -eq ${#COMPONENTS[@]} ]; then
    "$ROOT/lectern" down >/dev/null 2>&1 || true
    say "stopped the local stack (this run started it)"
    return
  fi
  for c in review submission kafka postgres; do
    if [[ " ${STARTED[*]} " == *" $c "* ]]; then
      local pid; pid=$(pid_of "$c")
      if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        rm -f "$STATE/pids/$c.pid"
      fi
    fi
  done
  say "stopped what this run started: ${STARTED[*]}"
}

cleanup() {
  local rc=$?
  if [ -n "${FK_DROPPED:-}" ]; then
    psql -q -d lectern_submission -c "ALTER TABLE proposal_speaker_access ADD CONSTRAINT $FK FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE" >/dev/null 2>&1 || true
  fi
  if [ -n "${CEILING_SCHEMA:-}" ]; then
    psql -q -d lectern_submission -c "DROP SCHEMA IF EXISTS bench_ceiling CASCADE" >/dev/null 2>&1 || true
  fi
  if [ -n "${CEILING_TOPIC:-}" ]; then
    java -cp "$(kafka_cp)" org.apache.kafka.tools.TopicCommand --bootstrap-server "localhost:$KAFKA_PORT" \
      --delete --topic bench.ceiling >/dev/null 2>&1 || true
  fi
  stack_restore
  exit $rc
}

kafka_cp() { echo "$(cat "$STATE/infra.classpath"):$ROOT/deploy/infra/target/lectern-infra-0.1.0-SNAPSHOT.jar"; }
token() { "$ROOT/lectern" token "$@" | tail -n 1; }
sql() { psql -X -At -v ON_ERROR_STOP=1 "$@"; }
num() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" "$2" | tail -n 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.0f%%", 100 * a / b }'; }
pct_file() { # percentile of the numbers in a file (one per line)
  sort -n "$2" | awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print 0; exit } i = int(p / 100 * NR + 0.999999); if (i < 1) i = 1; print v[i] }'
}

# CPU time (clock ticks) so far, per process: "part pid ticks" lines for submission-service, review-service,
# Kafka, every PostgreSQL process, the load tool, and "machine 0 ticks" for the busy time of all CPUs.
# The difference of two snapshots (per process, so that connections closing in between do not count
# against it) says where the CPU went.
ticks_of() { awk -F') ' '{ split($2, a, " "); print a[12] + a[13] }' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_snapshot() { # TOOL_NAME > file
  local p
  for p in submission review kafka; do echo "$p $(pid_of "$p") $(ticks_of "$(pid_of "$p")")"; done
  for p in $(ps -C postgres -o pid= 2>/dev/null); do echo "postgres $p $(ticks_of "$p")"; done
  for p in $(ps -C "$1" -o pid= 2>/dev/null); do echo "tool $p $(ticks_of "$p")"; done
  echo "machine 0 $(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)"
}
# cpu_per_op BEFORE_FILE AFTER_FILE OPERATIONS: CPU milliseconds per operation for each part.
cpu_per_op() {
  awk -v n="$3" -v hz="$(getconf CLK_TCK)" '
    FNR == NR { before[$1 " " $2] = $3; next }
    { d[$1] += $3 - (($1 " " $2) in before ? before[$1 " " $2] : 0) }
    END {
      for (k in d) d[k] = d[k] * 1000 / hz / n
      printf "submission-service %.1f, review-service %.1f, Kafka %.1f, PostgreSQL %.1f, load tool %.1f; other processes %.1f; machine %.1f",
        d["submission"], d["review"], d["kafka"], d["postgres"], d["tool"],
        d["machine"] - d["submission"] - d["review"] - d["kafka"] - d["postgres"] - d["tool"], d["machine"] }' "$1" "$2"
}

# Waits until every outbox row is sent and review-service holds every proposal of the benchmark event.
wait_drained() {
  local deadline=$((SECONDS + ${1:-600})) unsent submitted projected
  while :; do
    unsent=$(sql -d lectern_submission -c "SELECT count(*) FROM outbox_pending")
    submitted=$(sql -d lectern_submission -c "SELECT count(*) FROM proposal p JOIN event e ON e.id = p.event_id WHERE e.slug = '$EVENT'")
    projected=$(sql -d lectern_review -c "SELECT count(*) FROM proposal_content WHERE event_slug = '$EVENT'")
    [ "$unsent" = 0 ] && [ "$projected" = "$submitted" ] && return 0
    [ $SECONDS -lt $deadline ] || { say "  not drained: $unsent unsent outbox rows, $projected of $submitted projected"; return 1; }
    sleep 1
  done
}

# ---------------------------------------------------------------- run
mkdir -p "$OUT"
install_tools
command -v java >/dev/null 2>&1 || die "java not found: install a JDK 17 or newer"
trap cleanup EXIT
step "local stack"
stack_up
[ -f "$STATE/infra.classpath" ] || die "$STATE/infra.classpath is missing (./lectern up writes it)"

# The submitter is one of the proposal's speakers (deploy/bench/proposal.json), or the submission is refused.
SPEAKER_SUB="lilei@example.com"
ORGANIZER_TOKEN=$(token organizer bench-organizer@lectern.local)
SPEAKER_TOKEN=$(token speaker "$SPEAKER_SUB")
OPENS=$(date -u -d '-1 day' +%Y-%m-%dT%H:%M:%SZ)
CLOSES=$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)
sed -e "s/__SLUG__/$EVENT/" -e "s/__OPENS__/$OPENS/" -e "s/__CLOSES__/$CLOSES/" "$BENCH/event.json" >"$OUT/event.json"
code=$(curl -sS -o "$OUT/event-response.json" -w '%{http_code}' -X POST "$SUBMISSION/api/events" \
  -H "Authorization: Bearer $ORGANIZER_TOKEN" -H 'Content-Type: application/json' --data-binary "@$OUT/event.json")
[ "$code" = 201 ] || die "creating the benchmark event failed: HTTP $code $(cat "$OUT/event-response.json")"
say "benchmark event $EVENT (format debate: exactly 2 speakers)"
export BENCH_TOKEN="$SPEAKER_TOKEN" BENCH_ORGANIZER_TOKEN="$ORGANIZER_TOKEN" BENCH_EVENT="$EVENT" \
  BENCH_BODY="$BENCH/proposal.json" BENCH_SUBMISSION_URL="$SUBMISSION" BENCH_REVIEW_URL="$REVIEW"
code=$(curl -sS -o "$OUT/one.json" -w '%{http_code}' -X POST "$SUBMISSION/api/events/$EVENT/proposals" \
  -H "Authorization: Bearer $SPEAKER_TOKEN" -H 'Content-Type: application/json' \
  --data-binary "$(sed 's/__TITLE__/First benchmark proposal 第一份/' "$BENCH/proposal.json")")
[ "$code" = 201 ] || die "a test submission failed: HTTP $code $(cat "$OUT/one.json")"
say "request body: $(sed 's/__TITLE__/OSPO 价值衡量：贡献量还是业务影响？ Metrics debate #1-1/' "$BENCH/proposal.json" | wc -c) bytes"

PG_SETTINGS=$(sql -d lectern_submission -F ' ' -c "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'max_connections', 'track_commit_timestamp')")
PG_VERSION=$(sql -d lectern_submission -c "SHOW server_version")
[[ "$PG_SETTINGS" == *"fsync=on"* && "$PG_SETTINGS" == *"synchronous_commit=on"* ]] \
  || die "PostgreSQL is not durable ($PG_SETTINGS): the comparison needs fsync=on, synchronous_commit=on"
[[ "$PG_SETTINGS" == *"track_commit_timestamp=on"* ]] \
  || die "PostgreSQL does not record commit times ($PG_SETTINGS), which the latency benchmark reads: restart the stack (./lectern down, then ./lectern up), which turns track_commit_timestamp on"

# ------------------------------------------------ 1. submission throughput
step "1. submission throughput: wrk, $CONNECTIONS connections"
LOAD1=$(load)
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP_SECONDS}s" --timeout 30s -s "$BENCH/submit.lua" "$SUBMISSION" >"$OUT/wrk-warmup.txt" 2>&1
say "  warm-up: $(num requests "$OUT/wrk-warmup.txt") requests in ${WARMUP_SECONDS}s; waiting for the relay and review to catch up"
wait_drained 600
# BENCH_CONSTRAINT_COST=yes: instead of the suite, what the speaker-access foreign key (V11) costs submissions.
# Rounds of BENCH_SECONDS with the key and without it (dropped, then added back), alternating, on the warm
# service; prints each round and the medians, and leaves the key in place.
if [ "${BENCH_CONSTRAINT_COST:-}" = yes ]; then
  FK=proposal_speaker_access_proposal_id_fkey
  with=() without=()
  for round in 1 2 3; do
    for mode in with without; do
      if [ "$mode" = without ]; then
        sql -q -d lectern_submission -c "ALTER TABLE proposal_speaker_access DROP CONSTRAINT $FK" >/dev/null
        FK_DROPPED=yes
      fi
      settle >/dev/null
      wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_THROUGHPUT}s" --timeout 30s -s "$BENCH/submit.lua" "$SUBMISSION" >"$OUT/wrk-$mode-$round.txt" 2>&1
      rate=$(awk -v r="$(num requests "$OUT/wrk-$mode-$round.txt")" -v d="$(num duration_us "$OUT/wrk-$mode-$round.txt")" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
      if [ "$mode" = with ]; then with+=("$rate"); else without+=("$rate"); fi
      say "  round $round, $mode the foreign key: $rate submissions/s"
      if [ "$mode" = without ]; then
        sql -q -d lectern_submission -c "ALTER TABLE proposal_speaker_access ADD CONSTRAINT $FK FOREIGN KEY (proposal_id) REFERENCES proposal (id) ON DELETE CASCADE" >/dev/null
        FK_DROPPED=
      fi
      wait_drained 600 || true
    done
  done
  median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
  M_WITH=$(median "${with[@]}"); M_WITHOUT=$(median "${without[@]}")
  say "  median with the key: $M_WITH/s, without: $M_WITHOUT/s ($(awk -v a="$M_WITH" -v b="$M_WITHOUT" 'BEGIN { printf "%+.1f%%", 100 * (a - b) / b }'))"
  exit 0
fi

Q1=$(settle)
LOAD1=$(load)
cpu_snapshot wrk >"$OUT/cpu-wrk-before.txt"
W_FROM=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_THROUGHPUT}s" --timeout 30s --latency -s "$BENCH/submit.lua" "$SUBMISSION" >"$OUT/wrk.txt" 2>&1 &
WRK_PID=$!
sleep $((SECONDS_THROUGHPUT - 1))
cpu_snapshot wrk >"$OUT/cpu-wrk-after.txt"
wait $WRK_PID
W_TO=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
cat "$OUT/wrk.txt"
# Submissions per transaction: rows written by one transaction share its xmin. The service writes the submissions
# that arrive together in one transaction (NewProposals); the ceiling commits each alone.
W_PER_TX=$(sql -d lectern_submission -c "SELECT round(count(*)::numeric / greatest(count(DISTINCT p.xmin::text), 1), 1) FROM proposal p JOIN event e ON e.id = p.event_id WHERE e.slug = '$EVENT' AND p.created_at BETWEEN '$W_FROM' AND '$W_TO'")
say "  submissions per transaction: $W_PER_TX"
W_REQ=$(num requests "$OUT/wrk.txt"); W_DUR=$(num duration_us "$OUT/wrk.txt")
W_ERR=$(( $(num errors_status "$OUT/wrk.txt") + $(num errors_connect "$OUT/wrk.txt") + $(num errors_timeout "$OUT/wrk.txt") ))
W_RATE=$(awk -v r="$W_REQ" -v d="$W_DUR" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
W_P50=$(awk -v v="$(num p50_us "$OUT/wrk.txt")" 'BEGIN { printf "%.1f", v / 1000 }')
W_P99=$(awk -v v="$(num p99_us "$OUT/wrk.txt")" 'BEGIN { printf "%.1f", v / 1000 }')
W_CPU=$(cpu_per_op "$OUT/cpu-wrk-before.txt" "$OUT/cpu-wrk-after.txt" "$(awk -v r="$W_RATE" -v s="$SECONDS_THROUGHPUT" 'BEGIN { print r * (s - 1) }')")
say "  CPU ms per submission while wrk ran: $W_CPU"
DRAIN_START=$SECONDS
wait_drained 900 || true
DRAIN_SECONDS=$((SECONDS - DRAIN_START))
say "  relay and projection caught up ${DRAIN_SECONDS}s after the run"

step "1. ceiling: pgbench, the same transaction, $CONNECTIONS clients"
CEILING_SCHEMA=yes
sql -q -d lectern_submission -v slug="$EVENT" -f "$BENCH/ceiling-schema.sql" >/dev/null
# The values of a real submission of this run: the same bytes the service wrote.
row() { sql -d lectern_submission -c "SELECT $1 FROM proposal p JOIN event e ON e.id = p.event_id WHERE e.slug = '$EVENT' ORDER BY p.created_at LIMIT 1"; }
PAYLOAD=$(sql -d lectern_submission -c "SELECT o.payload::text FROM outbox o JOIN proposal p ON o.aggregateid = p.id::text JOIN event e ON e.id = p.event_id WHERE e.slug = '$EVENT' ORDER BY o.seq DESC LIMIT 1")
PGB_ARGS=(-D "slug=$EVENT" -D "event_id=$(row p.event_id)" -D "abstract=$(row p.abstract)" -D "description=$(row p.description)"
  -D "format=$(row p.format)" -D "track=$(row p.track)" -D "language=$(row p.language)" -D "notes=$(row p.notes)" -D "owner=$SPEAKER_SUB"
  -D "speakers=$(row p.speakers::text)" -D "tags=$(row p.tags::text)" -D "title=OSPO 价值衡量：贡献量还是业务影响？ Metrics debate #"
  -D "email1=lilei@example.com" -D "email2=hanmeimei@example.org" -D "payload=$PAYLOAD")
Q1P=$(settle)
LOAD1P=$(load)
cpu_snapshot pgbench >"$OUT/cpu-pgbench-before.txt"
( sleep $((SECONDS_THROUGHPUT - 1)); cpu_snapshot pgbench >"$OUT/cpu-pgbench-after.txt" ) &
(cd "$OUT" && pgbench -n -M prepared -c "$CONNECTIONS" -j 2 -T "$SECONDS_THROUGHPUT" -l --log-prefix=pgbench \
  "${PGB_ARGS[@]}" -f "$BENCH/submission.pgbench.sql" lectern_submission) >"$OUT/pgbench-output.txt" 2>&1 \
  || { tail -n 20 "$OUT/pgbench-output.txt" >&2; die "pgbench failed"; }
cat "$OUT/pgbench-output.txt"
P_RATE=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench-output.txt" | head -n 1 | awk '{ printf "%.0f", $1 }')
P_FAILED=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/pgbench-output.txt")
wait
P_CPU=$(cpu_per_op "$OUT/cpu-pgbench-before.txt" "$OUT/cpu-pgbench-after.txt" "$(awk -v r="$P_RATE" -v s="$SECONDS_THROUGHPUT" 'BEGIN { print r * (s - 1) }')")
say "  CPU ms per transaction while pgbench ran: $P_CPU"
cat "$OUT"/pgbench.* 2>/dev/null | awk '{ print $3 }' >"$OUT/pgbench-latency-us.txt"
rm -f "$OUT"/pgbench.[0-9]*
P_P50=$(awk -v v="$(pct_file 50 "$OUT/pgbench-latency-us.txt")" 'BEGIN { printf "%.1f", v / 1000 }')
P_P99=$(awk -v v="$(pct_file 99 "$OUT/pgbench-latency-us.txt")" 'BEGIN { printf "%.1f", v / 1000 }')
psql -q -d lectern_submission -c "DROP SCHEMA bench_ceiling CASCADE" >/dev/null
CEILING_SCHEMA=""

# ------------------------------------------------ 2. submit-to-review latency
# latency_run RATE NAME POLL_EVERY: runs the driver; sets L_<NAME>_* from its output and the applied-at cross-check.
latency_run() {
  local rate=$1 name=$2 every=$3 file="$OUT/latency-$2.txt" c50 c99 d50 d99
  wait_drained 900 || true
  eval "Q_$name='$(settle)'"
  eval "LOAD_$name='$(load)'"
  BENCH_RATE="$rate" BENCH_POLL_EVERY="$every" BENCH_SECONDS="$LATENCY_SECONDS" BENCH_LATENCY_WARMUP_SECONDS="$LATENCY_WARMUP_SECONDS" BENCH_IDS_OUT="$OUT/latency-$name-ids.tsv" \
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m "$BENCH/SubmitToReview.java" >"$file" 2>&1 || say "  (some submissions failed or were skipped or not readable within 30 s; see $file)"
  cat "$file"
  # Every proposal, without polling: the moment the projection's transaction that wrote it committed in
  # review-service's database (pg_xact_commit_timestamp: from then on it is readable) minus the moment the
  # driver got the 201. Same clock, same machine. The applied-at time (proposal_content.updated_at, the
  # start of that transaction) beside it.
  read -r c50 c99 d50 d99 < <(sql -q -d lectern_review -F ' ' <<SQL
CREATE TEMP TABLE seen (id uuid, created_us bigint);
\\copy seen FROM '$OUT/latency-$name-ids.tsv'
SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY c)::numeric, 1), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY c)::numeric, 1),
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY d)::numeric, 1), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY d)::numeric, 1)
FROM (SELECT extract(epoch FROM pg_xact_commit_timestamp(c.xmin)) * 1000 - s.created_us / 1000.0 AS c,
             extract(epoch FROM c.updated_at) * 1000 - s.created_us / 1000.0 AS d
      FROM seen s JOIN proposal_content c ON c.id = s.id) x;
SQL
)
  local key
  for key in visible_p50_ms visible_p99_ms submit_p50_ms submit_p99_ms due skipped created failed missing poll_ms poll_every polled offered_rate achieved_rate; do
    eval "L_${name}_${key}='$(num "$key" "$file")'"
  done
  eval "L_${name}_c50='$c50' L_${name}_c99='$c99' L_${name}_d50='$d50' L_${name}_d99='$d99'"
}
step "2. submit-to-review latency at $RATE/s for ${LATENCY_SECONDS}s"
latency_run "$RATE" HIGH 10
step "2. submit-to-review latency at $LOW_RATE/s for ${LATENCY_SECONDS}s (a rate the service accepts here)"
latency_run "$LOW_RATE" LOW 1

step "2. ceiling: Kafka ProducerPerformance at $RATE/s, 1,500-byte records, acks=all"
CEILING_TOPIC=yes
Q2K=$(settle)
LOAD2K=$(load)
java -cp "$(kafka_cp)" org.apache.kafka.tools.ProducerPerformance --topic bench.ceiling \
  --num-records $((RATE * LATENCY_SECONDS)) --record-size 1500 --throughput "$RATE" \
  --producer-props "bootstrap.servers=localhost:$KAFKA_PORT" acks=all >"$OUT/producer-perf.txt" 2>&1 \
  || { cat "$OUT/producer-perf.txt" >&2; die "ProducerPerformance failed"; }
tail -n 1 "$OUT/producer-perf.txt"
K_LINE=$(grep 'records sent' "$OUT/producer-perf.txt" | tail -n 1)
K_RATE=$(sed -n 's/.*records sent, \([0-9.]*\) records\/sec.*/\1/p' <<<"$K_LINE")
K_P50=$(sed -n 's/.*, \([0-9]*\) ms 50th.*/\1/p' <<<"$K_LINE")
K_P99=$(sed -n 's/.*, \([0-9]*\) ms 99th.*/\1/p' <<<"$K_LINE")
java -cp "$(kafka_cp)" org.apache.kafka.tools.TopicCommand --bootstrap-server "localhost:$KAFKA_PORT" \
  --delete --topic bench.ceiling >/dev/null 2>&1 || true
CEILING_TOPIC=""

# ------------------------------------------------ 3. footprint
step "5. footprint: resident memory after the load, startup time to ready"
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
declare -A RSS HWM START_WALL START_Q START_ALL RSS_IDLE JAVA_CMD QUIET
for name in submission review; do
  pid=$(pid_of "$name")
  RSS[$name]=$(rss_mb "$pid"); HWM[$name]=$(hwm_mb "$pid")
done
restart_service() { # name port: stops the service and starts it again exactly as it ran (same command, same environment)
  local name=$1 port=$2 pid log="$STATE/logs/$1.log" cmd=() environment=()
  pid=$(pid_of "$name")
  mapfile -d '' cmd <"/proc/$pid/cmdline"
  mapfile -d '' environment <"/proc/$pid/environ"
  JAVA_CMD[$name]="${cmd[*]}"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  QUIET[$name]=$(wait_quiet)
  local t0; t0=$(date +%s%N)
  (cd "$ROOT" && exec nohup env -i "${environment[@]}" "${cmd[@]}" >>"$log" 2>&1 </dev/null) &
  echo $! >"$STATE/pids/$name.pid"
  until curl -fsS "http://localhost:$port/q/health/ready" 2>/dev/null | grep -q '"status": *"UP"'; do
    kill -0 "$(pid_of "$name")" 2>/dev/null || die "$name-service did not restart; see $log"
    sleep 0.05
  done
  local t1; t1=$(date +%s%N)
  START_ALL[$name]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }') "
  START_Q[$name]+="$(grep 'started in' "$log" | tail -n 1 | sed -n 's/.*started in \([0-9.]*\)s.*/\1/p') "
  sleep 5
  RSS_IDLE[$name]=$(rss_mb "$(pid_of "$name")")
}
median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
LOAD3=$(load)
for _ in $(seq 1 "$STARTS"); do
  restart_service submission "$SUBMISSION_PORT"
  restart_service review "$REVIEW_PORT"
done
for name in submission review; do
  START_WALL[$name]=$(echo "${START_ALL[$name]}" | median)
  START_ALL[$name]=$(echo "${START_ALL[$name]}" | tr ' ' '\n' | sed '/^$/d' | sort -n | paste -sd, - | sed 's/,/, /g')
  START_Q[$name]=$(echo "${START_Q[$name]}" | median)
  say "  $name-service: RSS after load ${RSS[$name]} MB (peak ${HWM[$name]} MB); ready ${START_WALL[$name]} s after launch (median of ${START_ALL[$name]} s), the machine ${QUIET[$name]}% busy just before the last (Quarkus: started in ${START_Q[$name]} s, median); RSS idle after restart ${RSS_IDLE[$name]} MB"
done

# ------------------------------------------------ 3. bulk import (after the footprint, whose memory figure is the submission load's)
step "3. bulk import: $IMPORT_ROWS CSV rows with the heap capped at 256 MB, beside COPY"
Q4=$(settle)
LOAD4=$(load)
BASE_URL="$SUBMISSION" TOKEN="$ORGANIZER_TOKEN" EVENT="$EVENT" FORMAT=talk TRACK=compliance-legal LANGUAGE=en \
  ROWS="$IMPORT_ROWS" WARMUP_ROWS="$IMPORT_WARMUP_ROWS" PGPORT="$PG_PORT" "$BENCH/import-bench.sh" >"$OUT/import.txt" 2>&1 \
  || { tail -n 20 "$OUT/import.txt" >&2; die "the import benchmark failed; see $OUT/import.txt"; }
cat "$OUT/import.txt"
rate_of() { sed -n "s/^$1: .* s, \([0-9]*\) rows\/s.*/\1/p" "$OUT/import.txt" | head -n 1; }
I_RATE=$(rate_of 'import (all created)')
I_WARM=$(rate_of 'warm-up: first import after start, [0-9]* other rows')
I_REIMPORT=$(rate_of 're-import (all unchanged)')
I_DRY=$(rate_of 'dry run (all unchanged)')
I_PEAK=$(sed -n 's/^import (all created): .*service RSS peak \([0-9]*\) MB.*/\1/p' "$OUT/import.txt")
I_COPY=$(sed -n 's/^COPY: .*, \([0-9]*\) rows\/s.*/\1/p' "$OUT/import.txt")
I_CPU=$(sed -n '/^import (all created): .* rows\/s/{n;s/^ *CPU per row (microseconds): //p;}' "$OUT/import.txt")

# ------------------------------------------------ 4. assignment and selection: review-service's harnesses
step "4. assignment and selection: review-service's harnesses (pure Java, no database)"
HARNESS_CP="$ROOT/review-service/target/classes:$ROOT/review-service/target/test-classes"
[ -f "$ROOT/review-service/target/test-classes/dev/lectern/review/assignment/AssignmentBenchmark.class" ] \
  || die "review-service's test classes are missing: ./mvnw -q -pl review-service test-compile"
java -cp "$HARNESS_CP" dev.lectern.review.assignment.AssignmentBenchmark >"$OUT/assignment.txt" 2>&1 \
  || { cat "$OUT/assignment.txt" >&2; die "the assignment harness failed"; }
cat "$OUT/assignment.txt"
java -cp "$HARNESS_CP" dev.lectern.review.selection.RankingSelectionBenchmark >"$OUT/selection.txt" 2>&1 \
  || { cat "$OUT/selection.txt" >&2; die "the ranking and selection harness failed"; }
cat "$OUT/selection.txt"
A_MEDIAN=$(sed -n 's/^runs (ms): .*; median \([0-9]*\) ms.*/\1/p' "$OUT/assignment.txt")
A_RANGE=$(sed -n 's/^runs (ms): .*; median [0-9]* ms, best \([0-9]*\) ms, worst \([0-9]*\) ms.*/\1 \/ \2/p' "$OUT/assignment.txt")
A_RESULT=$(sed -n 's/^created \(.*\)/created \1/p' "$OUT/assignment.txt")
S_COLD=$(sed -n 's/^first run (cold JVM): \(.*\)/\1/p' "$OUT/selection.txt")
S_MEDIAN=$(sed -n 's/^after warm-up, [0-9]* runs: median \([0-9.]*\) ms wall.*/\1/p' "$OUT/selection.txt")
S_WORST=$(sed -n 's/^after warm-up, .*, worst \([0-9.]*\) ms;.*/\1/p' "$OUT/selection.txt")

# ------------------------------------------------ report
verdict() { # value op target
  awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { if (v == "" ) { print "n/a"; exit } ok = (op == "<") ? (v + 0 < t + 0) : (v + 0 >= t + 0); print ok ? "met" : "**missed**" }'
}
MACHINE_CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
MACHINE_MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
JAVA_VERSION=$(java -version 2>&1 | head -n 1)
SERVICE_JAVA_VERSION=$("${JAVA_CMD[submission]%% *}" -version 2>&1 | head -n 1)
R_THROUGHPUT=$(ratio "$W_RATE" "$P_RATE")
TABLE=$(cat <<EOF
| # | benchmark | Lectern | ceiling (same run) | ratio | target | result |
|---|---|---|---|---|---|---|
| 1 | submissions/s, $CONNECTIONS connections, ${SECONDS_THROUGHPUT} s | **$W_RATE/s** (wrk, $W_REQ requests, $W_ERR errors) | $P_RATE tx/s (pgbench, same SQL transaction, ${P_FAILED:-0} failed) | $R_THROUGHPUT | ≥ 50% of pgbench | $(verdict "${R_THROUGHPUT%\%}" ">=" 50) |
| 1 | submission latency p50 / p99 | $W_P50 / $W_P99 ms | $P_P50 / $P_P99 ms | $(ratio "$W_P50" "$P_P50") / $(ratio "$W_P99" "$P_P99") | (reported) | |
| 1 | CPU ms per submission (where the time goes) | $W_CPU | $P_CPU | | (reported) | |
| 1 | submissions per transaction (by xmin) | $W_PER_TX on average (the service writes concurrent submissions together) | 1 (each submission commits alone) | | (reported) | |
| 2 | submit-to-review p50, $RATE/s | **$L_HIGH_c50 ms** (201 to the commit that made it readable in review-service, over the $((L_HIGH_created - L_HIGH_missing)) of $L_HIGH_created readable within 30 s after the last one. Through the API, 1 in $L_HIGH_poll_every polled from every $L_HIGH_poll_ms ms: $L_HIGH_visible_p50_ms ms over $L_HIGH_polled; applied-at time $L_HIGH_d50 ms) | Kafka producer p50 $K_P50 ms (ProducerPerformance, $K_RATE/s, acks=all) | $(ratio "$L_HIGH_c50" "$K_P50") | < 50 ms | $(verdict "$L_HIGH_c50" "<" 50) |
| 2 | submit-to-review p99, $RATE/s | **$L_HIGH_c99 ms** (polled sample: $L_HIGH_visible_p99_ms ms; applied-at time $L_HIGH_d99 ms) | Kafka producer p99 $K_P99 ms | $(ratio "$L_HIGH_c99" "$K_P99") | < 250 ms | $(verdict "$L_HIGH_c99" "<" 250) |
| 2 | submission (POST) latency at $RATE/s p50 / p99 | $L_HIGH_submit_p50_ms / $L_HIGH_submit_p99_ms ms (offered $L_HIGH_offered_rate/s, **achieved $L_HIGH_achieved_rate/s**: $L_HIGH_created of $L_HIGH_due created, $L_HIGH_skipped skipped because 128 were already in flight or waiting, $L_HIGH_failed failed, $L_HIGH_missing not readable within 30 s) | | | (reported) | |
| 2 | submit-to-review p50 / p99 at $LOW_RATE/s | $L_LOW_c50 / $L_LOW_c99 ms by commit time (polled sample $L_LOW_visible_p50_ms / $L_LOW_visible_p99_ms ms over $L_LOW_polled; applied-at time $L_LOW_d50 / $L_LOW_d99 ms; POST $L_LOW_submit_p50_ms / $L_LOW_submit_p99_ms ms; achieved $L_LOW_achieved_rate/s, $L_LOW_skipped skipped, $L_LOW_failed failed, $L_LOW_missing not readable) | | | (reported: the pipeline without queueing) | |
| 3 | bulk import, $IMPORT_ROWS CSV rows, heap capped at 256 MB | **$I_RATE rows/s** (after $IMPORT_WARMUP_ROWS other rows at $I_WARM rows/s, the first import after the start; re-import $I_REIMPORT, dry run $I_DRY rows/s; service RSS peak $I_PEAK MB; CPU µs per row: $I_CPU) | $I_COPY rows/s (\`COPY\` of the same rows, same PostgreSQL) | $(ratio "$I_RATE" "$I_COPY") | ≥ 5,000 rows/s | $(verdict "$I_RATE" ">=" 5000) |
| 4 | assignment: 5,000 proposals, 300 reviewers, 3 reviews each | **$A_MEDIAN ms** (median of 5 solves; best / worst $A_RANGE ms; $A_RESULT) | | | < 5 s | $(verdict "$A_MEDIAN" "<" 5000) |
| 4 | ranking and selection: 5,000 proposals, 15,000 reviews | **$S_MEDIAN ms** (median of the warm runs, worst $S_WORST ms; first run in a cold JVM: $S_COLD) | | | < 1 s | $(verdict "$S_MEDIAN" "<" 1000) |
| 5 | submission-service startup to ready | **${START_WALL[submission]} s** (median of $STARTS starts: ${START_ALL[submission]} s; Quarkus: started in ${START_Q[submission]} s; CPUs ${QUIET[submission]}% busy the second before the last launch) | | | < 3 s | $(verdict "${START_WALL[submission]}" "<" 3) |
| 5 | review-service startup to ready | **${START_WALL[review]} s** (median of $STARTS starts: ${START_ALL[review]} s; Quarkus: started in ${START_Q[review]} s; CPUs ${QUIET[review]}% busy the second before the last launch) | | | < 3 s | $(verdict "${START_WALL[review]}" "<" 3) |
| 5 | submission-service RSS after the load | **${RSS[submission]} MB** (peak ${HWM[submission]} MB; ${RSS_IDLE[submission]} MB idle after restart) | | | < 300 MB | $(verdict "${RSS[submission]}" "<" 300) |
| 5 | review-service RSS after the load | **${RSS[review]} MB** (peak ${HWM[review]} MB; ${RSS_IDLE[review]} MB idle after restart) | | | < 300 MB | $(verdict "${RSS[review]}" "<" 300) |
EOF
)
GENERATED=$(cat <<EOF
<!-- BEGIN deploy/bench/run.sh: generated, rewritten by every run -->
### Latest run: $(date -u '+%Y-%m-%d %H:%M UTC')

| machine | |
|---|---|
| CPU | $MACHINE_CPU, \`nproc\` = $(nproc) |
| memory | $MACHINE_MEM |
| OS, JDK | $(. /etc/os-release && echo "$PRETTY_NAME"), $(uname -r); services: $SERVICE_JAVA_VERSION; build, load tools and the local PostgreSQL and Kafka: $JAVA_VERSION |
| PostgreSQL | $PG_VERSION (the local stack's, port $PG_PORT): $PG_SETTINGS |
| Kafka | 4.1.2, one KRaft broker (the local stack's, port $KAFKA_PORT), producer acks=all |
| services | JVM mode, as \`./lectern\` runs them: \`${JAVA_CMD[submission]}\` |
| load average before each benchmark (1, 5, 15 min) | 1: $LOAD1 (pgbench: $LOAD1P); 2: $LOAD_HIGH at $RATE/s, $LOAD_LOW at $LOW_RATE/s (Kafka: $LOAD2K); 5: $LOAD3; 3: $LOAD4 |
| CPUs busy the second before each benchmark (after a checkpoint) | 1: $Q1% (pgbench: $Q1P%); 2: $Q_HIGH% at $RATE/s, $Q_LOW% at $LOW_RATE/s (Kafka: $Q2K%); 5: see the startup rows; 3: $Q4% |
| tools | $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $(pgbench --version), Kafka ProducerPerformance 4.1.2 |

Reproduce: \`deploy/bench/run.sh\` (from the repository root; raw outputs in \`.lectern/bench/$RUN_ID/\`).

$TABLE

After the ${SECONDS_THROUGHPUT} s burst the relay and review-service's projection had caught up ${DRAIN_SECONDS} s after wrk stopped.
<!-- END deploy/bench/run.sh -->
EOF
)
printf '%s\n' "$GENERATED" >"$OUT/report.md"
if [ -f "$DOC" ] && grep -q '<!-- BEGIN deploy/bench/run.sh' "$DOC"; then
  awk -v report="$OUT/report.md" '
    /<!-- BEGIN deploy\/bench\/run.sh/ { while ((getline line < report) > 0) print line; skip = 1; next }
    /<!-- END deploy\/bench\/run.sh/ { skip = 0; next }
    !skip { print }' "$DOC" >"$DOC.tmp" && mv "$DOC.tmp" "$DOC"
else
  { [ -f "$DOC" ] && cat "$DOC" && echo; echo "## Suite: deploy/bench/run.sh"; echo; cat "$OUT/report.md"; } >"$DOC.tmp"
  mv "$DOC.tmp" "$DOC"
fi

step "results (also in ${DOC#"$ROOT"/})"
printf '%s\n' "$TABLE"
