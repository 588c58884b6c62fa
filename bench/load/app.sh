# Shared by the load scripts (sourced, from the repository root): starts the web app on loopback and writes wrk's
# POST script. Not run on its own.

# start_app PORT WORK [more app arguments...]: builds the app, starts it in the background with its database and log in
# WORK, sets $app to its process id and returns once /health answers (or after 30 s).
start_app() {
  local port=$1 work=$2
  shift 2
  dotnet build -c Release src/Calfwise.Web -v quiet -nologo >/dev/null
  dotnet src/Calfwise.Web/bin/Release/net10.0/Calfwise.Web.dll \
    --urls "http://127.0.0.1:$port" --environment Production \
    --Storage:SqlitePath="$work/load.db" --RateLimits:ApiPermitsPerMinute=100000000 \
    --Logging:LogLevel:Default=Warning "$@" >"$work/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0
    sleep 0.5
  done
}

# post_lua FILE: a wrk script in FILE that POSTs examples/rls-low-ferritin.json as JSON.
post_lua() {
  cat >"$1" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("examples/rls-low-ferritin.json", "r")
wrk.body = f:read("*a")
f:close()
LUA
}
