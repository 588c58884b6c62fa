#!/usr/bin/env bash
# Load test on loopback: POST /api/assessments against an endpoint of the same app that only reads the body.
# Needs wrk (apt-get install wrk). Bounded: ROUNDS (default 1) times two runs of DURATION seconds each, then the app is stopped.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${PORT:-5099}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
work=$(mktemp -d)
trap 'kill "$app" 2>/dev/null || true; rm -rf "$work"' EXIT

. bench/load/app.sh
start_app "$PORT" "$work" --Load:BaselineEndpoint=true
post_lua "$work/post.lua"

# Check both answer before measuring.
curl -sf -X POST -H 'Content-Type: application/json' --data @examples/rls-low-ferritin.json "http://127.0.0.1:$PORT/api/assessments" | grep -q '"triage"'
curl -sf -X POST -H 'Content-Type: application/json' --data @examples/rls-low-ferritin.json "http://127.0.0.1:$PORT/api/baseline" | grep -q '{}'

# Each measurement also prints the app's own CPU time per request (from /proc), which moves less than requests/s
# when other programs share the machine. ROUNDS>1 alternates the two endpoints to even out changes in load.
measure() {
  local before after requests output
  before=$(awk '{print $14 + $15}' "/proc/$app/stat")
  output=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/post.lua" "http://127.0.0.1:$PORT/api/$1")
  after=$(awk '{print $14 + $15}' "/proc/$app/stat")
  echo "$output"
  requests=$(echo "$output" | awk '/requests in/ {print $1}')
  echo "app CPU per request: $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) µs"
}

# Warm up both endpoints (JIT, tiering, pools) before anything is measured.
for endpoint in baseline assessments; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s "$work/post.lua" "http://127.0.0.1:$PORT/api/$endpoint" >/dev/null
done

for round in $(seq 1 "${ROUNDS:-1}"); do
  echo "== baseline: POST /api/baseline (reads the same body, does nothing)"
  measure baseline
  echo "== POST /api/assessments (examples/rls-low-ferritin.json)"
  measure assessments
done
