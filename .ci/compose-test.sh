#!/usr/bin/env bash
# The compose stack with real containers, broken on purpose (issue 14). Needs a running Docker engine,
# docker-compose, debootstrap, jq and curl (.ci/run installs them), and target/tuneboard.jar (built here if
# missing). Uses the Debian-built images (docker/debian.yml); the base tarball is cached outside git.
#
#   .ci/compose-test.sh             the test: submit through the API, 3 workers, kill one, stop one
#                                   gracefully, restart the database, check every trial completed once
#   .ci/compose-test.sh throughput  trials/hour of experiments/mnist-quick.yaml with 1, 2 and 3 workers
#                                   (TRIALS=24 .ci/compose-test.sh throughput: the same spec with 24 trials)
#
# Every wait has a timeout; on failure the containers' logs are printed; nothing is left running.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
mode=${1:-test}

project=tuneboardci$$
export TUNEBOARD_TOKEN=ci-$RANDOM$RANDOM$RANDOM
compose=(docker-compose -p "$project" -f docker-compose.yml -f docker/debian.yml)
work=$(mktemp -d)
started=$SECONDS

log() { echo "[compose-test +$((SECONDS - started))s] $*"; }

fail() {
  trap - ERR
  echo "compose-test: FAILED: $*" >&2
  "${compose[@]}" ps >&2 || true
  "${compose[@]}" logs --no-color --tail=60 >&2 || true
  exit 1
}

cleanup() {
  local rc=$?
  trap - EXIT
  "${compose[@]}" down -v --remove-orphans -t 30 >/dev/null 2>&1 || true
  rm -rf "$work"
  local left
  left=$(docker ps -aq --filter "label=com.docker.compose.project=$project")
  if [[ -n $left ]]; then
    echo "compose-test: containers left behind: $left" >&2
    docker rm -f $left >/dev/null 2>&1 || true
    rc=1
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'fail "line $LINENO: $BASH_COMMAND"' ERR
trap 'fail "interrupted"' INT TERM

# A free loopback port for the dashboard (other builds on this machine may use 7070).
port=17070
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
export TUNEBOARD_PORT=$port
api=http://127.0.0.1:$port/api

# GET (or with extra curl arguments) an API path with the token; fails on HTTP errors.
call() {
  local path=$1
  shift
  curl -sS --fail-with-body --max-time 30 -H "Authorization: Bearer $TUNEBOARD_TOKEN" "$@" "$api$path"
}

# wait_for SECONDS WHAT COMMAND...: runs COMMAND every 2 s until it succeeds.
wait_for() {
  local limit=$1 what=$2
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "timed out after ${limit}s waiting for $what"
    sleep 2
  done
  log "$what"
}

container() { "${compose[@]}" ps -q "$1"; }
healthy() { [[ $(docker inspect -f '{{.State.Health.Status}}' "$(container "$1")") == healthy ]]; }
status_is() { [[ $(call "/experiments/$1" | jq -r .experiment.status) == "$2" ]]; }
worker_ids() { docker ps -q --filter "label=com.docker.compose.project=$project" --filter label=com.docker.compose.service=worker; }
workers_healthy() {
  local c
  for c in $(worker_ids); do [[ $(docker inspect -f '{{.State.Health.Status}}' "$c") == healthy ]] || return 1; done
}
running_count() { call "/experiments/$1/trials?status=running&limit=100" | jq '.total'; }
at_least_running() { (($(running_count "$1") >= $2)); }

trials_json() { call "/experiments/$1/trials.json"; }

build() {
  docker/debian-images.sh
  [[ -s target/tuneboard.jar && -d target/lib ]] || mvn -q -B package -DskipTests
  "${compose[@]}" build -q dashboard 2>&1 | grep -v -i -e deprecated -e buildx -e '^ *$' || true
  log "images built"
}

start_stack() {
  "${compose[@]}" up -d db dashboard >/dev/null 2>&1 || fail "docker-compose up db dashboard"
  wait_for 120 "db healthy" healthy db
  wait_for 180 "dashboard healthy" healthy dashboard
  call /session >/dev/null || fail "dashboard API not answering on $api"
}

workers() {
  "${compose[@]}" up -d --no-recreate --scale "worker=$1" worker >/dev/null 2>&1 || fail "scale to $1 workers"
  local n
  n=$(worker_ids | wc -l)
  ((n == $1)) || fail "expected $1 running workers, found $n"
}

# Every trial number of the experiment completed exactly once; prints the attempts table.
check_every_trial_completed_once() {
  local name=$1 budget=$2 json
  json=$(trials_json "$name")
  echo "$json" | jq -r '.[] | "  trial \(.number) attempt \(.attempt): \(.status)\(if .stopReason then " (" + .stopReason + ")" else "" end)"' | sort -V
  local completed distinct other
  completed=$(echo "$json" | jq '[.[] | select(.status == "completed")] | length')
  distinct=$(echo "$json" | jq '[.[] | select(.status == "completed") | .number] | unique | length')
  other=$(echo "$json" | jq '[.[] | select(.status != "completed" and .status != "stopped")] | length')
  ((completed == budget && distinct == budget)) \
    || fail "$name: $completed completed attempts over $distinct trial numbers, expected $budget each"
  ((other == 0)) || fail "$name: attempts neither completed nor stopped (re-queued)"
}

quick_spec() {  # experiments/mnist-quick.yaml under another name, with ${TRIALS:-8} trials
  sed -e "s/^name: mnist-quick$/name: $1/" -e "s/trials: 8,/trials: ${TRIALS:-8},/" experiments/mnist-quick.yaml >"$work/$1.yaml"
  grep -q "^name: $1$" "$work/$1.yaml" || fail "could not rename the quick spec"
  grep -q "trials: ${TRIALS:-8}," "$work/$1.yaml" || fail "could not set the quick spec's trials"
  echo "$work/$1.yaml"
}

submit() {
  local code
  code=$(curl -sS --max-time 60 -o "$work/submit.json" -w '%{http_code}' -H "Authorization: Bearer $TUNEBOARD_TOKEN" \
    --data-binary "@$1" "$api/experiments") || fail "POST /api/experiments"
  [[ $code == 201 ]] || fail "POST /api/experiments answered $code: $(cat "$work/submit.json")"
}

test_stack() {
  local name=mnist-quick budget=8
  start_stack
  # Workers first: idle, polling; the submitted experiment is then served by the dashboard and all three.
  workers 3
  for c in $(worker_ids); do
    docker exec "$c" bash -c 'tr "\0" "\n" </proc/1/environ' | grep -qx OMP_NUM_THREADS=1 \
      || fail "worker $c: its JVM does not run with OMP_NUM_THREADS=1"
    [[ $(docker exec "$c" bash -c 'tr "\0" " " </proc/1/cmdline') == *"worker --threads 1 "* ]] \
      || fail "worker $c: not started with --threads 1"
  done
  log "3 workers up, each one JVM (pid 1) with OMP_NUM_THREADS=1 and --threads 1"
  wait_for 120 "workers healthy (they reach the db)" workers_healthy
  submit experiments/mnist-quick.yaml
  log "submitted $name through POST /api/experiments"
  # The dashboard trains 2 at a time (the spec's parallelism), each worker 1: 5 running means every worker has a trial.
  wait_for 600 "5 trials running (dashboard 2, each worker 1)" at_least_running "$name" 5

  local w1 w2 w2host ws
  mapfile -t ws < <(worker_ids)
  w1=${ws[0]} w2=${ws[1]}
  docker kill "$w1" >/dev/null
  log "docker kill worker $w1 (mid-trial)"

  w2host=$(docker inspect -f '{{.Config.Hostname}}' "$w2")
  docker stop -t 60 "$w2" >/dev/null
  local code
  code=$(docker inspect -f '{{.State.ExitCode}}' "$w2")
  [[ $code == 130 ]] || fail "worker $w2 stopped gracefully should exit 130 (interrupted), exited $code"
  # Its trial was recorded stopped by that worker itself (the attempt's provenance names it) before it exited.
  local stopped_by_w2=0 id
  for id in $(trials_json "$name" | jq -r '.[] | select(.status == "stopped") | .id'); do
    if [[ $(call "/trials/$id" | jq -r '.provenance.worker // ""') == *"@$w2host" ]]; then stopped_by_w2=$((stopped_by_w2 + 1)); fi
  done
  ((stopped_by_w2 == 1)) || fail "docker stop: expected 1 trial recorded stopped by worker $w2host, found $stopped_by_w2"
  log "docker stop worker $w2: exit 130, its running trial recorded stopped by it"

  local now
  now=$(call "/experiments/$name" | jq -r .experiment.status) || fail "GET /api/experiments/$name"
  [[ $now == running ]] || fail "$name is '$now' after losing two workers, expected running (the others go on)"
  docker restart -t 30 "$(container db)" >/dev/null
  log "db container restarted mid-search"
  wait_for 120 "db healthy again" healthy db
  wait_for 120 "the remaining worker healthy again" workers_healthy

  # Bring the killed and stopped workers back: they join the running search.
  workers 3
  log "back to 3 workers"
  wait_for 1800 "$name completed" status_is "$name" completed
  check_every_trial_completed_once "$name" "$budget"
  local stopped
  stopped=$(trials_json "$name" | jq '[.[] | select(.status == "stopped")] | length')
  ((stopped >= 2)) || fail "expected the killed and the stopped worker's trials as stopped attempts, found $stopped"
  log "every trial completed exactly once; $stopped stopped attempts re-run"

  local threads
  for id in $(trials_json "$name" | jq -r '.[] | select(.status == "completed") | .id'); do
    threads=$(call "/trials/$id" | jq -r '.provenance.thread_environment.OMP_NUM_THREADS')
    [[ $threads == 1 ]] || fail "trial id $id recorded OMP_NUM_THREADS=$threads, expected 1"
  done
  log "every completed trial recorded OMP_NUM_THREADS=1"

  call "/experiments/$name/best-model" -o "$work/best.zip" || fail "GET best-model"
  unzip -q -o "$work/best.zip" -d "$work/best" || fail "best-model is not a zip"
  local predicted
  predicted=$(java -jar target/tuneboard.jar predict --model "$work/best/model.zip" \
    --idx data/mnist/t10k-images-idx3-ubyte.gz --index 0 | tee "$work/predict.txt" | awk 'NR == 1 { print $NF }' || true)
  [[ $predicted == 7 ]] || fail "best model predicts test image 0 as '$predicted', expected 7: $(cat "$work/predict.txt")"
  log "best model downloaded; predicts test image 0 as 7"

  # No worker died on its own: all three are still running after the search (the db restart included).
  workers 3
  "${compose[@]}" down -v -t 60 >/dev/null 2>&1 || fail "docker-compose down -v"
  [[ -z $(docker ps -aq --filter "label=com.docker.compose.project=$project") ]] || fail "containers left after down"
  log "down -v: nothing left; compose test passed in $((SECONDS - started))s"
}

throughput() {
  start_stack
  local n name t0 secs
  echo "| worker containers | trials | wall time (s) | trials/hour |"
  echo "| --- | --- | --- | --- |"
  for n in 1 2 3; do
    name=mnist-quick-w$n
    workers "$n"
    # Queued from a one-off container (the CLI's submit only queues): only the workers train it.
    "${compose[@]}" run --rm -T -v "$work:/specs:ro" dashboard submit "/specs/$(basename "$(quick_spec "$name")")" \
      --db jdbc:postgresql://db:5432/tuneboard >/dev/null 2>"$work/submit.err" || fail "submit: $(cat "$work/submit.err")"
    t0=$SECONDS
    wait_for 1800 "$name completed" status_is "$name" completed
    secs=$((SECONDS - t0))
    check_every_trial_completed_once "$name" "${TRIALS:-8}" >/dev/null
    echo "| $n | ${TRIALS:-8} | $secs | $((${TRIALS:-8} * 3600 / secs)) |   (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
    "${compose[@]}" stop -t 60 worker >/dev/null 2>&1
    "${compose[@]}" rm -f worker >/dev/null 2>&1
  done
}

build
case $mode in
  test) test_stack ;;
  throughput) throughput ;;
  *) fail "unknown mode $mode (test | throughput)" ;;
esac
