#!/usr/bin/env bash
# Starts `npm start` in the repository folder given as $1 (default: this one) on a free loopback port
# and checks what a user of a fresh install sees: /health answers 200 with a bootstrapped model within
# 60 s, POST /prediction answers for a JSON record and for the seed's own body (dataset_path); then a
# cycle on sourcedata (drift, retraining, deployment, the confusion matrix, API calls) exits 0, every
# endpoint `npm run apicalls` calls answers 200, and so does /dashboard. Then it stops the server with
# SIGTERM and expects a clean exit. The install's data and outputs are used as they are. Used by .ci/run for the clone and for the
# production install; prints the answers; exits non-zero on the first failed check.
set -euo pipefail
dir=$(cd "${1:-$(dirname "$0")/..}" && pwd)
out=$(mktemp)
cd "$dir"
PORT=0 HOST=127.0.0.1 LOG_LEVEL=warn setsid npm start >"$out" 2>&1 &
pid=$!
stop() { kill -TERM -- "-$pid" 2>/dev/null || true; }
trap 'stop; rm -f "$out"' EXIT

url=""
for _ in $(seq 1 1200); do
  url=$(grep -o 'listening on http://[0-9.:]*' "$out" | head -n 1 | cut -d' ' -f3 || true)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$out"; echo "check-start: npm start exited before listening" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$out"; echo "check-start: npm start did not listen within 120 s" >&2; exit 1; }

health=""
for _ in $(seq 1 600); do
  health=$(curl -sS "$url/health" || true)
  case "$health" in *'"ready":true'*) break ;; esac
  sleep 0.1
done
echo "GET /health -> $health"
case "$health" in *'"ready":true'*) ;; *) cat "$out"; echo "check-start: no model became ready within 60 s" >&2; exit 1 ;; esac

answer=$(curl -sS -f -X POST "$url/prediction" -H 'content-type: application/json' -d '{"records":[{"lastmonth_activity":234,"lastyear_activity":3,"number_of_employees":10}]}')
echo "POST /prediction (one record) -> $answer"
answer=$(curl -sS -f -X POST "$url/prediction" -H 'content-type: application/json' -d '{"dataset_path":"testdata.csv"}')
echo "POST /prediction (dataset_path) -> $answer"
case "$answer" in *'"predictions":['*) ;; *) echo "check-start: no predictions for testdata.csv" >&2; exit 1 ;; esac

printf '{"input_folder_path": "sourcedata"}\n' > "$dir/.check-start-sourcedata.json"
for attempt in $(seq 1 120); do # exit 3: the bootstrap cycle is still finishing its reports
  status=0
  LOG_LEVEL=warn npm run --silent fullprocess -- --config "$dir/.check-start-sourcedata.json" 2>/dev/null || status=$?
  [ "$status" = 3 ] || break
  sleep 0.5
done
[ "$status" = 0 ] || { echo "check-start: the sourcedata cycle exited $status" >&2; exit 1; }
rm -f "$dir/.check-start-sourcedata.json"
calls=$(LOG_LEVEL=warn npm run --silent apicalls -- --url "$url")
echo "$calls"
if echo "$calls" | grep -E '"(GET|POST) /' | grep -vqE ' 200",?$'; then echo "check-start: an endpoint did not answer 200" >&2; exit 1; fi
dashboard=$(curl -sS -o /dev/null -w '%{http_code}' "$url/dashboard")
echo "GET /dashboard -> $dashboard"
[ "$dashboard" = 200 ] || { echo "check-start: /dashboard answered $dashboard" >&2; exit 1; }

stop
for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then echo "check-start: the server did not stop within 15 s of SIGTERM" >&2; exit 1; fi
echo "check-start: $dir ok"
