#!/usr/bin/env bash
# The sign-up surge table of docs/benchmarks.md: 5,000 and 20,000 distinct members on one 150-seat
# event, with batched sign-ups (SIGNUP_BATCH_MS, default 2) and without (SIGNUP_BATCH_MS=0), beside
# pgbench's ceiling for the unbatched transaction (run before and after, the higher one counts).
#   bash src/bench/surge.sh      (from any directory; about 7 minutes, most of it the unbatched 20,000; called by run.sh)
# Raw output in docs/benchmarks/results/surge-*.txt, the table in docs/benchmarks/results/surge-table.txt.
# Knobs: BENCH_SKIP_BUILD=1, SIGNUP_BATCH_MS (the batched runs' window), SURGE_CONCURRENCY (500),
# DB_POOL_SIZE (16), HTTP_INSTANCES (2), JAVA_OPTS (-Xmx256m).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
BENCH=src/bench
RESULTS=$ROOT/docs/benchmarks/results
PORT=18090
SECRET=bench-jwt-secret-0123456789-abcdefghijklmnop
BATCH_MS=${SIGNUP_BATCH_MS:-2}
[ "$BATCH_MS" = 0 ] && BATCH_MS=2
CONCURRENCY=${SURGE_CONCURRENCY:-500}
export HTTP_INSTANCES=${HTTP_INSTANCES:-2} DB_POOL_SIZE=${DB_POOL_SIZE:-16}
JAVA_OPTS=${JAVA_OPTS:--Xmx256m}
STARTED=$(date +%s)
log() { printf '[surge %3ds] %s\n' $(($(date +%s) - STARTED)) "$*"; }

PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
if [ -z "$PGBENCH" ] || ! command -v psql >/dev/null; then
  log "installing PostgreSQL's client tools (pgbench ships in Debian's postgresql-<version>)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client-15 postgresql-15 >/dev/null
  PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench | tail -1)
fi
if [ "$(ulimit -n)" -lt 4096 ]; then ulimit -n 65536 2>/dev/null || ulimit -n 4096; fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building the jar"
  mvn -q -DskipTests package
fi
CLASSES=$ROOT/target/bench-classes
mkdir -p "$CLASSES" "$RESULTS"
rm -f "$RESULTS"/surge-*.txt
javac -d "$CLASSES" -cp target/queqiao.jar "$BENCH"/tools/*.java
CP=target/queqiao.jar:$CLASSES

WORK=$(mktemp -d /tmp/queqiao-surge.XXXXXX)
APP_PID=
stop_app() {
  [ -n "$APP_PID" ] || return 0
  kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=
}
trap 'stop_app; rm -rf "$WORK"' EXIT

start_app() { # start_app BATCH_MS: the app on the run's DATA_DIR (kept between restarts)
  log "starting the app with SIGNUP_BATCH_MS=$1"
  # shellcheck disable=SC2086
  DATA_DIR=$WORK/data DEMO_DATA=false JWT_SECRET=$SECRET HTTP_PORT=$PORT HTTP_HOST=127.0.0.1 SIGNUP_BATCH_MS=$1 \
    java $JAVA_OPTS -jar target/queqiao.jar >>"$RESULTS/surge-app-log.txt" 2>&1 &
  APP_PID=$!
  local _
  for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && return 0; sleep 0.5; done
  log "the app did not start; see $RESULTS/surge-app-log.txt"; exit 1
}

db_env() { # the embedded PostgreSQL's port changes with every start of the app
  PGPORT=$(sed -n 4p "$WORK/data/pg/postmaster.pid")
  export PGPASSWORD=$(cat "$WORK/data/db-superuser-password")
  PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres)
}
start_app "$BATCH_MS"
db_env
log "seeding 30,000 members and the surge events"
"${PSQL[@]}" -f "$BENCH/seed-surge.sql" >"$RESULTS/surge-seed.txt" 2>&1
java -cp "$CP" MintTokens "$SECRET" 2 20000 "$WORK/members.tokens"
head -5000 "$WORK/members.tokens" >"$WORK/members5k.tokens"
java -cp "$CP" MintTokens "$SECRET" 25002 1000 "$WORK/warm.tokens"

pgbench_run() { # pgbench_run NAME: 50 clients, 5,000 transactions on a fresh copy of the pgbench event
  "${PSQL[@]}" -c "DELETE FROM notifications WHERE event_id = 1002; DELETE FROM rsvps WHERE event_id = 1002;
    UPDATE event_pools SET confirmed = 0, waitlisted = 0 WHERE event_id = 1002;"
  "$PGBENCH" -n -h 127.0.0.1 -p "$PGPORT" -U postgres -M prepared -c 50 -j 2 -t 100 \
    -D event=1002 -D first=2 -D last=30001 -f "$BENCH/signup.pgbench" postgres >"$RESULTS/surge-$1.txt" 2>&1
}
# CPU time (clock ticks) of a process, and of all PostgreSQL processes together.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
pg_ticks() { local p s=0; for p in $(pgrep -x postgres); do s=$((s + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $s; }
surge_run() { # surge_run NAME EVENT TOKENS
  local j0 p0 hz
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >"$RESULTS/surge-$1.txt"
  j0=$(cpu_ticks "$APP_PID"); p0=$(pg_ticks); hz=$(getconf CLK_TCK)
  java -cp "$CP" Surge "http://127.0.0.1:$PORT/api/events/$2/rsvp" "$3" "$CONCURRENCY" >>"$RESULTS/surge-$1.txt"
  awk -v j=$(($(cpu_ticks "$APP_PID") - j0)) -v p=$(($(pg_ticks) - p0)) -v hz="$hz" -v n="$(wc -l <"$3")" \
    'BEGIN { printf "cpu_app_us_per_signup %.0f\ncpu_pg_us_per_signup %.0f\n", j * 1e6 / hz / n, p * 1e6 / hz / n }' \
    >>"$RESULTS/surge-$1.txt"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS/surge-$1.txt"
  "${PSQL[@]}" -At -F ' ' -c "SELECT 'db', count(*) FILTER (WHERE status = 'CONFIRMED'),
      count(*) FILTER (WHERE status = 'WAITLISTED'), count(DISTINCT user_id),
      (SELECT count(*) FROM notifications n WHERE n.event_id = $2),
      (SELECT count(DISTINCT xmin::text) FROM rsvps x WHERE x.event_id = $2),
      (SELECT p.confirmed = count(*) FILTER (WHERE r.status = 'CONFIRMED')
        AND p.waitlisted = count(*) FILTER (WHERE r.status = 'WAITLISTED') FROM event_pools p WHERE p.event_id = $2)
    FROM rsvps r WHERE r.event_id = $2" >>"$RESULTS/surge-$1.txt"
}

log "pgbench (before)"
pgbench_run pgbench-before
log "batched: warm-up, 5,000 and 20,000 members"
surge_run warm-batched 1003 "$WORK/warm.tokens"
surge_run batched-5000 1004 "$WORK/members5k.tokens"
surge_run batched-20000 1005 "$WORK/members.tokens"
stop_app
start_app 0
db_env
log "unbatched: warm-up, 5,000 and 20,000 members"
surge_run warm-unbatched 1008 "$WORK/warm.tokens"
surge_run unbatched-5000 1006 "$WORK/members5k.tokens"
surge_run unbatched-20000 1007 "$WORK/members.tokens"
log "pgbench (after)"
pgbench_run pgbench-after
stop_app

tps() { awk '/^tps/ { print $3; exit }' "$RESULTS/surge-$1.txt"; }
CEILING=$(awk -v a="$(tps pgbench-before)" -v b="$(tps pgbench-after)" 'BEGIN { printf "%.0f", (a > b) ? a : b }')
TABLE=$RESULTS/surge-table.txt
{
  echo "Sign-up surge, one 150-seat event, $CONCURRENCY requests in flight — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
  echo "pgbench ceiling of the unbatched transaction (50 clients): before $(tps pgbench-before), after $(tps pgbench-after) tps -> $CEILING"
  printf '%-16s %8s %8s %8s %8s %8s %7s %9s %6s %6s %8s %6s %s\n' run members 2xx errors rate/s x_pgbench p50_ms p90_ms p99_ms confirmed waitlisted txns 'exact | load before / after'
  for run in batched-5000 batched-20000 unbatched-5000 unbatched-20000; do
    f=$RESULTS/surge-$run.txt
    read -r _ conf wait distinct notes txns counters < <(grep '^db ' "$f")
    n=$(awk '/^requests/ { print $2 }' "$f")
    ok=$(awk '/^http 2/ { s += $3 } END { print s + 0 }' "$f")
    errors=$((n - ok))
    rate=$(awk '/^rate_per_s/ { print $2 }' "$f")
    exact=MISSED
    [ "$conf" = 150 ] && [ "$distinct" = "$n" ] && [ "$wait" = $((n - 150)) ] && [ "$errors" = 0 ] && [ "$notes" = "$n" ] \
      && [ "$counters" = t ] && exact=exact
    printf '%-16s %8s %8s %8s %8s %8s %7s %9s %6s %6s %8s %6s %s | %s / %s\n' "$run" "$n" "$ok" "$errors" "$rate" \
      "$(awk -v r="$rate" -v c="$CEILING" 'BEGIN { printf "%.2f", r / c }')" \
      "$(awk '/^p50/ { print $2 }' "$f")" "$(awk '/^p90/ { print $2 }' "$f")" "$(awk '/^p99/ { print $2 }' "$f")" \
      "$conf" "$wait" "$txns" "$exact" "$(sed -n 's/^load before: //p' "$f")" "$(sed -n 's/^load after: //p' "$f")"
  done
  echo "target (batched, 20,000): exact, 0 errors, p99 <= 2000 ms, rate >= 2 x pgbench ceiling"
} | tee "$TABLE"
