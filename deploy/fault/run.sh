#!/usr/bin/env bash
# The fault suite's long form: the whole CFP flow under load while processes are killed, the Kafka broker is
# stopped, PostgreSQL restarts and malformed messages arrive; then every count is checked. The figures go
# into docs/reliability.md (between the long-form markers) with this command and the machine it ran on.
#
#   deploy/fault/run.sh [--operations 20000] [--clients 12] [--between 1200] [--kafka-outage-seconds 20]
#                       [--malformed-sets 4] [--no-build]
#
# The short form runs in CI as FaultSuiteIT (./mvnw verify) with the defaults of FaultConfig.
set -euo pipefail
cd "$(dirname "$0")/../.."

operations=20000 clients=12 between=1200 outage=20 malformed=4 build=1
args="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --operations) operations="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --between) between="$2"; shift 2 ;;
    --kafka-outage-seconds) outage="$2"; shift 2 ;;
    --malformed-sets) malformed="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [ "$build" = 1 ]; then
  ./mvnw -B -q --no-transfer-progress install -DskipTests
fi

report="$PWD/deploy/e2e/target/fault-report-long.md"
rm -f "$report"
status=0
./mvnw -B --no-transfer-progress -pl deploy/infra,deploy/e2e verify -Dit.test=FaultSuiteIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dlectern.fault.operations="$operations" -Dlectern.fault.clients="$clients" \
  -Dlectern.fault.operations-between-faults="$between" -Dlectern.fault.kafka-outage-seconds="$outage" \
  -Dlectern.fault.malformed-sets="$malformed" -Dlectern.fault.report="$report" || status=$?

if [ ! -f "$report" ]; then
  echo "the harness wrote no report (see deploy/e2e/target/failsafe-reports and deploy/e2e/target/e2e-logs)" >&2
  exit 1
fi

section=$(mktemp)
{
  echo "<!-- long-form:begin (written by deploy/fault/run.sh) -->"
  echo
  echo "Command: \`deploy/fault/run.sh${args:+ $args}\` (exit status $status)."
  echo
  cat "$report"
  echo
  echo "<!-- long-form:end -->"
} > "$section"
awk -v section="$section" '
  /<!-- long-form:begin/ { while ((getline line < section) > 0) print line; skip = 1; next }
  /<!-- long-form:end -->/ { skip = 0; next }
  !skip { print }
' docs/reliability.md > docs/reliability.md.new
mv docs/reliability.md.new docs/reliability.md
rm -f "$section"
echo "figures written to docs/reliability.md"
exit "$status"
