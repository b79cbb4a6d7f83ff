#!/usr/bin/env bash
# Imports every *.csv, *.json and *.ndjson file of a folder into an event, repeatably (see docs/import.md).
#
#   BASE_URL=http://localhost:8080 TOKEN=... deploy/import.sh EVENT FOLDER [--dry-run] [--all-or-nothing] [--charset NAME]
#
# Prints one summary line per file; the exit status is 1 if any file had rejected records or failed.
set -euo pipefail

usage() { echo "usage: BASE_URL=... TOKEN=... $0 EVENT FOLDER [--dry-run] [--all-or-nothing] [--charset NAME]" >&2; exit 2; }
[ $# -ge 2 ] || usage
EVENT=$1 FOLDER=$2; shift 2
: "${BASE_URL:?set BASE_URL, e.g. http://localhost:8080}"
: "${TOKEN:?set TOKEN to an organizer token (./lectern token organizer you@example.com)}"
[ -d "$FOLDER" ] || { echo "not a folder: $FOLDER" >&2; exit 2; }

query=""
charset=""
while [ $# -gt 0 ]; do
  case $1 in
    --dry-run) query="$query&dryRun=true" ;;
    --all-or-nothing) query="$query&mode=all-or-nothing" ;;
    --charset) [ $# -ge 2 ] || usage; charset="; charset=$2"; shift ;;
    *) usage ;;
  esac
  shift
done
query="${query#&}"

failed=0
shopt -s nullglob nocaseglob
for file in "$FOLDER"/*.csv "$FOLDER"/*.json "$FOLDER"/*.ndjson; do
  case "${file,,}" in
    *.csv) type="text/csv$charset" ;;
    *.ndjson) type="application/x-ndjson$charset" ;;
    *) type="application/json$charset" ;;
  esac
  answer=$(mktemp)
  status=$(curl -sS -o "$answer" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer $TOKEN" -H "Content-Type: $type" -H 'Accept: application/json' \
    --data-binary @"$file" "$BASE_URL/api/events/$EVENT/imports${query:+?$query}") || status=000
  body=$(cat "$answer"); rm -f "$answer"
  # A one-line summary without needing jq: the counts object and the status, or the problem's detail.
  counts=$(printf '%s' "$body" | grep -o '"counts":{[^}]*}' | head -n 1 | sed 's/"counts"://')
  state=$(printf '%s' "$body" | grep -o '"status":"[A-Z]*"' | head -n 1 | sed 's/"status"://; s/"//g')
  if [ "$status" = 200 ] || [ "$status" = 201 ]; then
    printf '%s\t%s\t%s\n' "$(basename "$file")" "${state:-?}" "$counts"
    case "$counts" in *'"rejected":0'*) ;; *) failed=1 ;; esac
    [ "$state" = COMPLETED ] || failed=1
  else
    detail=$(printf '%s' "$body" | grep -o '"detail":"[^"]*"' | head -n 1 | sed 's/"detail"://')
    printf '%s\tHTTP %s\t%s\n' "$(basename "$file")" "$status" "${detail:-$body}"
    failed=1
  fi
done
exit $failed
