#!/usr/bin/env bash
# Load test on loopback: the CDS Hooks patient-view service with full prefetch (examples/cds/patient-view-request.json)
# beside POST /api/assessments (examples/rls-low-ferritin.json), in the same run of the same app.
#
# Every CDS call carries its own signed JWT, as an EHR would send it: security stays on (no test mode), so the figures
# include the ES384 signature check and the jti replay check. cds_tokens.py makes a test EHR key, gives the app its
# JWKS, and signs TOKENS tokens per run in advance (one jti each); the Lua script hands each wrk thread its own share,
# never reusing one. Tokens live five minutes, so each batch is made just before its run. A run that used up its tokens
# or had any refused call shows "Non-2xx" and the script stops.
# Needs wrk and python3-cryptography. Bounded: ROUNDS (default 1) times two runs of DURATION seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT=${PORT:-5098}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
TOKENS=${TOKENS:-60000}
work=$(mktemp -d)
trap 'kill "$app" 2>/dev/null || true; rm -rf "$work"' EXIT
audience="http://127.0.0.1:$PORT/cds-services/calfwise-patient-view"

# The key pair first: the app reads the EHR's public key at start.
python3 bench/load/cds_tokens.py "$work" "$audience" check.txt=1
. bench/load/app.sh
start_app "$PORT" "$work" --Cds:Issuers:0:Issuer=https://ehr.load.example --Cds:Issuers:0:JwksPath="$work/jwks.json"
post_lua "$work/assessments.lua"

# Thread n of THREADS sends tokens n+1, n+1+THREADS, ...: no two requests share a jti.
cat >"$work/cds.lua" <<LUA
local count = 0
function setup(thread)
  thread:set("id", count)
  count = count + 1
end
function init(args)
  tokens = {}
  for line in io.lines(os.getenv("TOKEN_FILE")) do tokens[#tokens + 1] = line end
  step = tonumber(os.getenv("THREADS"))
  index = id + 1
  local f = io.open("examples/cds/patient-view-request.json", "r")
  body = f:read("*a")
  f:close()
end
function request()
  local token = tokens[index] or "used-up"
  index = index + step
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
LUA

# Check both answer (the CDS call with a card) before measuring.
curl -sf -X POST -H 'Content-Type: application/json' --data @examples/rls-low-ferritin.json "http://127.0.0.1:$PORT/api/assessments" | grep -q '"triage"'
curl -sf -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $(cat "$work/check.txt")" \
  --data @examples/cds/patient-view-request.json "$audience" | grep -q '"gi-workup:'

measure() { # name url lua [token file]
  local before after requests output
  before=$(awk '{print $14 + $15}' "/proc/$app/stat")
  output=$(TOKEN_FILE=${4:-} THREADS=$THREADS wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$3" "$2")
  after=$(awk '{print $14 + $15}' "/proc/$app/stat")
  echo "== $1"
  echo "$output"
  requests=$(echo "$output" | awk '/requests in/ {print $1}')
  echo "app CPU per request: $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) µs"
  if echo "$output" | grep -q "Non-2xx"; then
    echo "refused or failed calls in this run (tokens used up? raise TOKENS)" >&2
    exit 1
  fi
}

# Warm up both endpoints (JIT, tiering, pools) before anything is measured.
python3 bench/load/cds_tokens.py "$work" "$audience" warm.txt=$((TOKENS / 4)) >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s "$work/assessments.lua" "http://127.0.0.1:$PORT/api/assessments" >/dev/null
TOKEN_FILE="$work/warm.txt" THREADS=$THREADS wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s "$work/cds.lua" "$audience" >/dev/null

for round in $(seq 1 "${ROUNDS:-1}"); do
  measure "POST /api/assessments (examples/rls-low-ferritin.json)" "http://127.0.0.1:$PORT/api/assessments" "$work/assessments.lua"
  python3 bench/load/cds_tokens.py "$work" "$audience" "round$round.txt=$TOKENS"
  measure "POST /cds-services/calfwise-patient-view (examples/cds/patient-view-request.json, a signed JWT per call)" "$audience" "$work/cds.lua" "$work/round$round.txt"
done
