#!/usr/bin/env bash
# Trials/hour of one embedded run against 1, 2 and 3 worker processes sharing an H2 TCP server,
# on the same experiment (12 trials of a 128-256/128 net, 3 epochs on 20,000 images). Not a test: prints a Markdown table. Needs `mvn package` first.
#   bash scripts/bench-workers.sh [trials]
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-12}
jar=target/tuneboard.jar
out=$(mktemp -d)
spec=$out/workers.yaml
cat > "$spec" <<YAML
name: workers-bench
data: {dir: data/mnist, train_limit: 22000, validation: 2000, test_limit: 2000}
model:
  hidden_layers:
    - units: {choice: [128, 256]}
    - units: 128
training: {learning_rate: {loguniform: [1.0e-3, 3.0e-3]}, batch_size: 128, epochs: 3}
search: {algorithm: random, trials: $trials, parallelism: 2, seed: 5}
YAML
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE TUNEBOARD_CHILD=1
now() { date +%s.%N; }
rate() { python3 -c "print(f'{$trials * 3600 / ($2 - $1):.0f}')"; }
echo "| setup | wall s | trials/hour | load before |"
echo "| --- | --- | --- | --- |"
t0=$(now); load=$(cut -d' ' -f1 /proc/loadavg)
java -jar $jar run "$spec" --results "$out/embedded" --quiet > "$out/embedded.log" 2>&1
t1=$(now); echo "| embedded H2, one process, 2 trial threads | $(python3 -c "print(f'{$t1-$t0:.0f}')") | $(rate $t0 $t1) | $load |"
for n in ${WORKERS:-1 2 3}; do
  port=$((19090 + n))
  java -jar $jar db-server --port $port --results "$out/tcp$n" > "$out/db$n.log" 2>&1 &
  db=$!
  sleep 3
  url="jdbc:h2:tcp://localhost:$port/tuneboard"
  java -jar $jar submit "$spec" --db "$url" > /dev/null
  threads=1; [[ $n == 1 ]] && threads=2
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(now)
  pids=()
  for i in $(seq 1 $n); do
    java -jar $jar worker --db "$url" --threads $threads --exit-when-idle > "$out/w$n-$i.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  t1=$(now)
  echo "| $n worker process(es) × $threads thread(s), H2 TCP server | $(python3 -c "print(f'{$t1-$t0:.0f}')") | $(rate $t0 $t1) | $load |"
  kill $db; wait $db 2>/dev/null || true
done
rm -rf "$out"
