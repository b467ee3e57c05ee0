#!/usr/bin/env bash
# The issue-16 workloads as whole processes: synthesises the data once (levbt data synth, a one-minute and an hourly
# year, plus zero funding every 8 h), then runs each spec with /usr/bin/time and prints CPU seconds, wall time and
# peak RSS with the machine's load average. Usage: bench/workloads/run.sh [LEVBT] [w1 w2 w3 s1 s2 real200]
# LEVBT defaults to the Release build (`dotnet .../levbt.dll`); pass a published ReadyToRun levbt to compare.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
levbt=${1:-"dotnet $root/src/LevBacktest.Cli/bin/Release/net10.0/levbt.dll"}
shift || true
workloads=${*:-w1 w2 w3 s1 s2 real200}
for interval in 1m 1h; do
  folder="$here/data/$interval"
  if [ ! -f "$folder/prices.parquet" ]; then
    $levbt data synth --out "$folder" --interval "$interval" --years 1 >/dev/null
  fi
  if [ ! -f "$folder/zero-funding.csv" ]; then
    # 2023-01-01T00:00Z, then every 8 h for 365 days: rate 0.
    awk 'BEGIN { print "funding_time,funding_rate"; for (t = 1672531200000; t < 1672531200000 + 365 * 86400000; t += 28800000) printf "%.0f,0\n", t }' > "$folder/zero-funding.csv"
  fi
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for w in $workloads; do
  if [ "$w" = real200 ]; then
    data="$root/../shared/data/binance-um"
    [ -d "$data" ] || { echo "real200: skipped, $data is absent"; continue; }
    args=(run "$root/strategies/examples/ma-cross-trailing-stop.json" --prices "$data/BTCUSDT-1h.parquet" --mark "$data/BTCUSDT-1h-mark.parquet" --funding "$data/BTCUSDT-funding.parquet")
  else
    args=(run "$here/$w.json")
  fi
  /usr/bin/time -f "$w: %U s user + %S s sys CPU, %e s wall, %M KB peak RSS" $levbt "${args[@]}" --out "$out/$w" --no-charts 2>&1 >/dev/null | grep "^$w:" | tr '\n' ' '
  echo "(load $(cut -d' ' -f1-3 /proc/loadavg), results $(du -sh "$out/$w" | cut -f1))"
done
