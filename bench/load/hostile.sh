#!/usr/bin/env bash
# A normal client's latency on POST /api/assessments, quiet and then while eight hostile clients post large ids and
# oversized bodies in a loop; and the app's peak memory. Needs wrk and curl. Bounded: two runs of DURATION seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${PORT:-5098}
DURATION=${DURATION:-15}
HOSTILE=${HOSTILE:-8}
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" "$app" 2>/dev/null || true; rm -rf "$work"' EXIT

. bench/load/app.sh
start_app "$PORT" "$work"
post_lua "$work/post.lua"

# Hostile bodies: a 1 MB unknown finding id, and a 30 MB body.
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
open(f"{work}/long-id.json", "w").write('{"age": 40, "sex": "male", "findings": {"' + "a" * 1_000_000 + '": true}}')
open(f"{work}/huge.json", "w").write('{"age": 40, "sex": "male", "medications": ["' + "x" * 30_000_000 + '"]}')
PY

p99() { awk '/ 99%/ {print $2}'; }
echo "== quiet: a normal client (1 thread, 4 connections)"
quiet=$(wrk -t1 -c4 -d"${DURATION}s" --latency -s "$work/post.lua" "http://127.0.0.1:$PORT/api/assessments")
echo "$quiet" | grep -E "Requests/sec|99%"

for i in $(seq 1 "$HOSTILE"); do
  body=$([ $((i % 2)) -eq 0 ] && echo long-id.json || echo huge.json)
  ( while true; do curl -s -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary "@$work/$body" "http://127.0.0.1:$PORT/api/assessments" || true; done ) &
  pids+=($!)
done
sleep 2
echo "== under attack: the same client while $HOSTILE hostile clients post 1 MB ids and 30 MB bodies"
attacked=$(wrk -t1 -c4 -d"${DURATION}s" --latency -s "$work/post.lua" "http://127.0.0.1:$PORT/api/assessments")
echo "$attacked" | grep -E "Requests/sec|99%"
echo "app peak memory (VmHWM): $(awk '/VmHWM/ {print $2, $3}' "/proc/$app/status")"
