#!/usr/bin/env bash
# Population screening benchmark (docs/benchmarks.md, "Population screening"; issue 13).
#
#   bench/screening/run.sh EXPORT_DIR AS_OF RESULTS_DIR
#
# Measures wall time and peak RSS (/usr/bin/time -v) of, on one export:
#   raw-cat     cat of every NDJSON file to /dev/null (the disk and page cache floor)
#   raw-lines   Calfwise.Bench.RawRead: every line read (gzip decompressed), none parsed, on every core
#   embedded    calfwise screen, in one process on every core
#   duckdb      bench/screening/baseline.sql in DuckDB (Calfwise.Bench.DuckDb)
#   cluster     calfwise screen --cluster on three calfwise-silo processes and a Redis server on loopback; the time
#               is the coordinator's (silos already started), the memory the sum of the silos' and the coordinator's;
#               SKIP_CLUSTER=1 leaves it out
# Needs the Release builds: dotnet build -c Release src/Calfwise.Cli src/Calfwise.Silo bench/Calfwise.Bench.DuckDb
# bench/Calfwise.Bench.RawRead. The embedded run uses the Native AOT build, the form the tool installs as on Linux
# x64 and the fastest (docs/benchmarks.md), when it has been published with
#   dotnet publish src/Calfwise.Cli -c Release -r linux-x64 -p:PublishAot=true -o artifacts/calfwise-aot
# else (or with EMBEDDED=dll) the framework-dependent build; embedded.form in the results says which ran. Page caches cannot be dropped without root: one cat of every file first warms the
# cache, then each is measured once. Run from the repository root.
set -euo pipefail

export_dir=${1:?EXPORT_DIR}
as_of=${2:?AS_OF (YYYY-MM-DD)}
results=${3:?RESULTS_DIR}
mkdir -p "$results"
results=$(cd "$results" && pwd)

cli=src/Calfwise.Cli/bin/Release/net10.0/calfwise.dll
silo=src/Calfwise.Silo/bin/Release/net10.0/calfwise-silo.dll
duckdb=bench/Calfwise.Bench.DuckDb/bin/Release/net10.0/linux-x64/Calfwise.Bench.DuckDb.dll
rawread=bench/Calfwise.Bench.RawRead/bin/Release/net10.0/Calfwise.Bench.RawRead.dll
aot=artifacts/calfwise-aot/calfwise
if [[ -x $aot && ${EMBEDDED:-aot} == aot ]]; then embedded=("$aot"); else embedded=(dotnet "$cli"); fi
for built in "$cli" "$silo" "$duckdb" "$rawread"; do
  [[ -f $built ]] || { echo "not built: $built" >&2; exit 2; }
done

summary="$results/summary.tsv"
printf 'what\twall_s\tcpu_s\tpeak_rss_mb\tload_avg_1m\trows\n' > "$summary"

wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
cpu() { awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$1"; }
rss_kb() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
load() { cut -d' ' -f1 /proc/loadavg; }

# record NAME TIME_FILES... ROWS: one line of the summary; the memory is the sum over the time files.
record() {
  local name=$1 rows=${*: -1} kb=0 seconds=0
  local files=("${@:2:$#-2}")
  for f in "${files[@]}"; do
    kb=$((kb + $(rss_kb "$f")))
    seconds=$(awk -v a="$seconds" -v b="$(cpu "$f")" 'BEGIN { print a + b }')
  done
  printf '%s\t%s\t%s\t%d\t%s\t%s\n' "$name" "$(wall "${files[0]}")" "$seconds" $((kb / 1024)) "$(load)" "$rows" | tee -a "$summary"
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

shopt -s nullglob
files=("$export_dir"/*.ndjson "$export_dir"/*.ndjson.gz)
echo "warming the page cache: ${#files[@]} files" >&2
cat "${files[@]}" > /dev/null

/usr/bin/time -v -o "$results/raw-cat.time" cat "${files[@]}" > /dev/null
record raw-cat "$results/raw-cat.time" "-"

/usr/bin/time -v -o "$results/raw-lines.time" dotnet "$rawread" "$export_dir" > "$results/raw-lines.out"
record raw-lines "$results/raw-lines.time" "$(grep -o '[0-9,]* lines' "$results/raw-lines.out" | tr -d ', lines')"

# phases DIR PID: once a second, how many scan items and assessed buckets the job folder holds, until PID ends; the
# phases' times (flatten, assess, write) are read from it.
phases() {
  local start=$SECONDS
  printf 'seconds\tscanned_items\tassessed_buckets\n'
  while kill -0 "$2" 2> /dev/null; do
    printf '%s\t%s\t%s\n' $((SECONDS - start)) "$(find "$1/work/scan" -mindepth 1 -maxdepth 1 -type d -not -name '*.*' 2> /dev/null | wc -l)" \
      "$(find "$1/work/assess" -name '*.json' 2> /dev/null | wc -l)"
    sleep 1
  done
}

rm -rf "$results/embedded"
echo "${embedded[*]}" > "$results/embedded.form"
/usr/bin/time -v -o "$results/embedded.time" "${embedded[@]}" screen "$export_dir" --output "$results/embedded" --as-of "$as_of" > "$results/embedded.out" 2>&1 &
embedded_pid=$!
phases "$results/embedded" "$embedded_pid" > "$results/embedded-phases.tsv"
wait "$embedded_pid"
record embedded "$results/embedded.time" $(($(wc -l < "$results/embedded/screening.csv") - 1))

/usr/bin/time -v -o "$results/duckdb.time" dotnet "$duckdb" bench/screening/baseline.sql \
  "export=$export_dir" "as_of=$as_of" "output=$results/duckdb.csv" > "$results/duckdb.out" 2>&1
record duckdb "$results/duckdb.time" $(($(wc -l < "$results/duckdb.csv") - 1))

if [[ ${SKIP_CLUSTER:-0} == 1 ]]; then
  echo "cluster skipped (SKIP_CLUSTER=1)" >&2
else
# The cluster: Redis (no persistence) and three silos, each silo under its own /usr/bin/time.
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no > "$results/redis.log" 2>&1 &
redis_pid=$!
cluster_id="bench-$$"
timers=()
for i in 1 2 3; do
  /usr/bin/time -v -o "$results/silo$i.time" dotnet "$silo" --redis "127.0.0.1:$redis_port" --cluster-id "$cluster_id" \
    --silo-port "$(free_port)" --gateway-port "$(free_port)" > "$results/silo$i.log" 2>&1 &
  timers+=($!)
done
stop_cluster() {
  for timer in "${timers[@]}"; do
    for child in $(pgrep -P "$timer" || true); do kill -TERM "$child" 2> /dev/null || true; done
  done
  for timer in "${timers[@]}"; do wait "$timer" 2> /dev/null || true; done
  kill -TERM "$redis_pid" 2> /dev/null || true
  wait "$redis_pid" 2> /dev/null || true
}
trap stop_cluster EXIT
for i in 1 2 3; do
  for _ in $(seq 120); do grep -qs 'calfwise-silo: ready' "$results/silo$i.log" && break; sleep 1; done
  grep -q 'calfwise-silo: ready' "$results/silo$i.log" || { echo "silo $i did not start" >&2; exit 1; }
done
rm -rf "$results/cluster"
/usr/bin/time -v -o "$results/cluster.time" dotnet "$cli" screen "$export_dir" --output "$results/cluster" --as-of "$as_of" \
  --cluster --redis "127.0.0.1:$redis_port" --cluster-id "$cluster_id" > "$results/cluster.out" 2>&1
stop_cluster
trap - EXIT
record cluster "$results/cluster.time" "$results"/silo{1,2,3}.time $(($(wc -l < "$results/cluster/screening.csv") - 1))
fi

# Agreement: rows by rule of each, and the (patient, rule) pairs found by only one of embedded and DuckDB.
# Distinct pairs: a patient id that is in the export twice gives DuckDB two rows (a join per Patient row), Calfwise one.
pairs() { tail -n +2 "$1" | cut -d, -f1,2 | sort -u; }
pairs "$results/embedded/screening.csv" > "$results/embedded.pairs"
pairs "$results/duckdb.csv" > "$results/duckdb.pairs"
if [[ -f $results/cluster/screening.csv ]]; then pairs "$results/cluster/screening.csv"; fi > "$results/cluster.pairs"
{
  printf 'rule\tembedded\tduckdb\tcluster\tonly_embedded\tonly_duckdb\n'
  for rule in $(cut -d, -f2 "$results/embedded.pairs" "$results/duckdb.pairs" | sort -u); do
    count() { grep -c ",$rule\$" "$1" || true; }
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$rule" "$(count "$results/embedded.pairs")" "$(count "$results/duckdb.pairs")" \
      "$(count "$results/cluster.pairs")" \
      "$(comm -23 "$results/embedded.pairs" "$results/duckdb.pairs" | grep -c ",$rule\$" || true)" \
      "$(comm -13 "$results/embedded.pairs" "$results/duckdb.pairs" | grep -c ",$rule\$" || true)"
  done
} | tee "$results/agreement.tsv"
if [[ ! -f $results/cluster/screening.csv ]]; then
  echo "no cluster run"
elif cmp -s "$results/embedded.pairs" "$results/cluster.pairs"; then
  echo "cluster rows = embedded rows"
else
  echo "cluster rows differ from embedded rows"
fi
