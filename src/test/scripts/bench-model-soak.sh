#!/usr/bin/env bash
# Runs `bench model` of every shipped model RUNS times in a row (default 50) and counts the runs that did not
# exit 0 and the JVM crash logs (hs_err_pid*.log) they left. Too long for CI: run it by hand after changes to
# the inference path, on a built jar (mvn -DskipTests package):
#   bash src/test/scripts/bench-model-soak.sh [RUNS] [MODEL...]
set -uo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-50}
shift || true
models=("$@")
if [ ${#models[@]} -eq 0 ]; then
  models=(cnn-seed unet dense lstm lstm-sensors cnn-sensors photo)
fi
jar=target/kafka-denoiser.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-14s %5s %7s %8s\n' model runs failed crashes
total_failed=0
for model in "${models[@]}"; do
  failed=0
  for ((i = 1; i <= runs; i++)); do
    if ! (cd "$work" && OMP_NUM_THREADS=1 java -jar "$OLDPWD/$jar" bench model --model "$model" --threads 1 \
          --windows 2 --window-seconds 1 --no-baseline > "run.log" 2>&1); then
      failed=$((failed + 1))
      cp "$work/run.log" "bench-soak-$model-$i.log"
    fi
  done
  crashes=$(find "$work" -maxdepth 1 -name 'hs_err_pid*.log' | wc -l)
  find "$work" -maxdepth 1 -name 'hs_err_pid*.log' -exec mv {} . \;
  printf '%-14s %5d %7d %8d\n' "$model" "$runs" "$failed" "$crashes"
  total_failed=$((total_failed + failed))
done
[ "$total_failed" -eq 0 ]
