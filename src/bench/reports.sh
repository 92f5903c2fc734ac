#!/usr/bin/env bash
# The union dashboard on the large data set (docs/benchmarks.md, "Union dashboard"):
#   bash src/bench/reports.sh      (from any directory; BENCH_SKIP_BUILD=1 reuses target/queqiao.jar)
# Starts the app on a fresh DATA_DIR, seeds seed-large.sql and reports-seed.sql (10,021 unions,
# 100,000 events, 3,000,000 sign-ups, check-ins and survey answers), then times GET /api/reports
# (JSON and XLSX) for the whole city, one district (500 grassroots unions) and one grassroots union,
# each over the last five years, 5 runs after a warm-up. Output: docs/benchmarks/results/reports.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
BENCH=src/bench
RESULTS=$ROOT/docs/benchmarks/results
PORT=18090
SECRET=bench-jwt-secret-0123456789-abcdefghijklmnop
mkdir -p "$RESULTS"
if ! command -v psql >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client-15 >/dev/null
fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then mvn -q -DskipTests package; fi
CLASSES=$ROOT/target/bench-classes
mkdir -p "$CLASSES"
javac -d "$CLASSES" -cp target/queqiao.jar "$BENCH"/tools/MintTokens.java
WORK=$(mktemp -d /tmp/queqiao-reports-bench.XXXXXX)
APP_PID=
cleanup() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null; [ -n "$APP_PID" ] && wait "$APP_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
DATA_DIR=$WORK/data DEMO_DATA=false JWT_SECRET=$SECRET HTTP_PORT=$PORT HTTP_HOST=127.0.0.1 \
  java -Xmx256m -jar target/queqiao.jar >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.5; done
PGPORT=$(sed -n 4p "$WORK/data/pg/postmaster.pid")
export PGPASSWORD=$(cat "$WORK/data/db-superuser-password")
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres)
OUT=$RESULTS/reports.txt
{
  echo "Union dashboard — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
  echo "seed-large.sql: $( { /usr/bin/time -f %e "${PSQL[@]}" -f "$BENCH/seed-large.sql" >/dev/null; } 2>&1 | tail -1 ) s"
  echo "reports-seed.sql: $( { /usr/bin/time -f %e "${PSQL[@]}" -f "$BENCH/reports-seed.sql" >/dev/null; } 2>&1 | tail -1 ) s"
  "${PSQL[@]}" -At -c "SELECT 'unions ' || (SELECT count(*) FROM unions) || ', events ' || (SELECT count(*) FROM events)
    || ', sign-ups ' || (SELECT count(*) FROM rsvps) || ', check-ins ' || (SELECT count(*) FROM checkins)
    || ', survey answers ' || (SELECT count(*) FROM survey_answers)"
} >"$OUT"
java -cp "target/queqiao.jar:$CLASSES" MintTokens "$SECRET" 1 1 "$WORK/admin.token"
TOKEN=$(cat "$WORK/admin.token")
FROM=$(date -d '5 years ago' +%Y-%m-%d); TO=$(date +%Y-%m-%d)
time_it() { # time_it LABEL QUERY: warm-up, then 5 timed runs; prints min/median/max seconds and the body size
  local label=$1 url="http://127.0.0.1:$PORT/api/reports?$2" times=() size status
  curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$url"
  for _ in 1 2 3 4 5; do
    read -r status t size < <(curl -s -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n' -H "Authorization: Bearer $TOKEN" "$url")
    [ "$status" = 200 ] || { echo "$label: HTTP $status" >>"$OUT"; return; }
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v l="$label" -v s="$size" '{ v[NR] = $1 } END { printf "%-45s min %.3f s, median %.3f s, max %.3f s (%d bytes)\n", l, v[1], v[3], v[5], s }' >>"$OUT"
}
time_it "city (10,021 unions, all events), JSON" "unionId=1&from=$FROM&to=$TO"
time_it "city, XLSX" "unionId=1&from=$FROM&to=$TO&format=xlsx"
time_it "district (501 unions), JSON" "unionId=2&from=$FROM&to=$TO"
time_it "grassroots union, JSON" "unionId=5000&from=$FROM&to=$TO"
time_it "no union (admin, every event), JSON" "from=$FROM&to=$TO"
cat "$OUT"
