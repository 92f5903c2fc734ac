#!/usr/bin/env bash
# Every figure in docs/benchmarks.md, in one run (about 7 minutes on 2 cores):
#   bash src/bench/run.sh        (from any directory)
# Builds the jar, starts the app on a fresh DATA_DIR (embedded PostgreSQL) and the bare baseline
# (src/bench/bare/BareServer.java) against the same database, seeds the small data set, measures, seeds
# the large one, measures again, then the sign-up surge and pgbench. Raw output goes to
# docs/benchmarks/results/*.txt and *.cpu, the summary to docs/benchmarks/results/summary.txt.
# Traffic goes to 127.0.0.1 only.
# Knobs (environment): BENCH_DURATION (seconds per wrk run, default 8), BENCH_SKIP_BUILD=1,
# DB_POOL_SIZE and HTTP_INSTANCES (passed to the app), JAVA_OPTS (for the app's JVM).
set -euo pipefail
# The repository root is two levels up; every path below is relative to it (so the raw output names
# files as src/bench/...) or absolute.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
BENCH=src/bench
RESULTS=$ROOT/docs/benchmarks/results
DURATION=${BENCH_DURATION:-8}
APP_PORT=18080
BARE_PORT=18081
BARE_POOL_PORT=18082
SECRET=bench-jwt-secret-0123456789-abcdefghijklmnop
CSRF=benchcsrftokenbenchcsrftokenbenchcsrftoken0
export HTTP_INSTANCES=${HTTP_INSTANCES:-2}
export DB_POOL_SIZE=${DB_POOL_SIZE:-16}
# The JVM's default heap is a quarter of the machine's memory (6 GB here): resident memory grew to
# ~1 GB under load without a cap; 256 MB of heap is ample for this app (see docs/benchmarks.md).
JAVA_OPTS=${JAVA_OPTS:--Xmx256m}
STARTED=$(date +%s)

log() { printf '[%3ds] %s\n' $(($(date +%s) - STARTED)) "$*"; }

# --- tools --------------------------------------------------------------------------------------
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
if ! command -v wrk >/dev/null || [ -z "$PGBENCH" ] || ! command -v psql >/dev/null; then
  log "installing wrk and PostgreSQL's client tools (pgbench ships in Debian's postgresql-<version>)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk postgresql-client-15 postgresql-15 >/dev/null
  PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench | tail -1)
fi
if [ "$(ulimit -n)" -lt 4096 ]; then ulimit -n 65536 2>/dev/null || ulimit -n 4096; fi

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building the jar"
  mvn -q -DskipTests package
fi
CLASSES=$ROOT/target/bench-classes
mkdir -p "$CLASSES" "$RESULTS"
rm -f "$RESULTS"/*.txt "$RESULTS"/*.cpu
javac -d "$CLASSES" -cp target/queqiao.jar "$BENCH"/bare/*.java "$BENCH"/tools/*.java
CP=target/queqiao.jar:$CLASSES

# --- processes ----------------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/queqiao-bench.XXXXXX)
APP_PID= BARE_PID= BARE_POOL_PID= SAMPLER_PID=
cleanup() {
  for pid in $SAMPLER_PID $BARE_POOL_PID $BARE_PID $APP_PID; do kill "$pid" 2>/dev/null || true; done
  for pid in $BARE_POOL_PID $BARE_PID $APP_PID; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

log "starting the app (HTTP_INSTANCES=$HTTP_INSTANCES DB_POOL_SIZE=$DB_POOL_SIZE JAVA_OPTS='$JAVA_OPTS')"
# shellcheck disable=SC2086
DATA_DIR=$WORK/data DEMO_DATA=false JWT_SECRET=$SECRET HTTP_PORT=$APP_PORT HTTP_HOST=127.0.0.1 \
  java $JAVA_OPTS -jar target/queqiao.jar >"$RESULTS/app-log.txt" 2>&1 &
APP_PID=$!
up() { # up NAME URL TRIES: wait until URL answers 2xx, or stop the run
  local _
  for _ in $(seq "$3"); do curl -sf -o /dev/null "$2" && return 0; sleep 0.5; done
  log "$1 did not start (is the port taken?); see $RESULTS"; exit 1
}
up "the app" "http://127.0.0.1:$APP_PORT/health" 120
PGPORT=$(sed -n 4p "$WORK/data/pg/postmaster.pid")
# The embedded server asks everyone for a password; seeding and pgbench use the superuser's.
export PGPASSWORD=$(cat "$WORK/data/db-superuser-password")
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres)

java -cp "$CP" BareServer $BARE_PORT "$PGPORT" "$HTTP_INSTANCES" "$DB_POOL_SIZE" >"$RESULTS/bare-log.txt" 2>&1 &
BARE_PID=$!
up "the bare server" "http://127.0.0.1:$BARE_PORT/api/events" 60
# The same bare server reading through the pool only (no pipelined read client), for the read
# client's share of the difference.
java -cp "$CP" BareServer $BARE_POOL_PORT "$PGPORT" "$HTTP_INSTANCES" "$DB_POOL_SIZE" pool-only >"$RESULTS/bare-pool-log.txt" 2>&1 &
BARE_POOL_PID=$!
up "the pool-only bare server" "http://127.0.0.1:$BARE_POOL_PORT/api/events" 60

# The app's resident memory, every half second, for the whole run.
(while kill -0 "$APP_PID" 2>/dev/null; do
   echo "$(date +%s) $(ps -o rss= -p "$APP_PID" | tr -d ' ')"; sleep 0.5
 done) >"$RESULTS/app-rss.txt" &
SAMPLER_PID=$!

# --- helpers ------------------------------------------------------------------------------------
to_ms() { # wrk's 812.00us / 1.20ms / 1.02s → milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
rps_of() { awk '/^Requests\/sec/ { print $2 }' "$1"; }
pct_of() { to_ms "$(awk -v p="$2%" '$1 == p { print $2 }' "$1")"; }
errors_of() { # non-2xx/3xx responses plus socket errors
  awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$1"
}
# wrk_run NAME CONNECTIONS URL [COOKIE]: a closed-loop run at full speed.
wrk_run() {
  local name=$1 conns=$2 url=$3 cookie=${4:-}
  local threads=2; [ "$conns" -lt 2 ] && threads=1
  if [ -n "$cookie" ]; then
    wrk -t$threads -c"$conns" -d"${DURATION}s" --latency -H "Cookie: $cookie" "$url" >"$RESULTS/$name.txt"
  else
    wrk -t$threads -c"$conns" -d"${DURATION}s" --latency "$url" >"$RESULTS/$name.txt"
  fi
}
# paced_run NAME RATE URL [COOKIE]: 16 connections, each pausing between requests, so that about
# RATE requests a second are offered (a 3 s calibration run measures the latency the pause must
# allow for); the latency percentiles are at that rate.
paced_run() {
  local name=$1 rate=$2 url=$3 cookie=${4:-} conns=16 delay header=() got
  [ -n "$cookie" ] && header=(-H "Cookie: $cookie")
  delay=$(awk -v c=$conns -v r="$rate" 'BEGIN { printf "%d", c * 1000 / r }')
  got=$(WRK_DELAY_MS=$delay wrk -t2 -c$conns -d3s -s "$BENCH/paced.lua" "${header[@]}" "$url" | awk '/^Requests\/sec/ { print $2 }')
  delay=$(awk -v c=$conns -v r="$rate" -v d="$delay" -v g="$got" 'BEGIN { l = c * 1000 / g - d; d = c * 1000 / r - l; if (d < 0) d = 0; printf "%d", d + 0.5 }')
  WRK_DELAY_MS=$delay wrk -t2 -c$conns -d10s --latency -s "$BENCH/paced.lua" "${header[@]}" "$url" >"$RESULTS/$name.txt"
}
# cpu_run NAME PID URL [COOKIE]: wrk at 32 connections while counting the CPU time the server's JVM
# (PID) and all PostgreSQL processes use; NAME.cpu gets "jvm_us pg_us" per request. CPU time per
# request is steadier than requests/s on a shared two-core machine and says where the time goes.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
pg_ticks() { local p s=0; for p in $(pgrep -x postgres); do s=$((s + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $s; }
cpu_run() {
  local name=$1 pid=$2 url=$3 cookie=${4:-} j0 p0 j1 p1 n
  j0=$(cpu_ticks "$pid"); p0=$(pg_ticks)
  wrk_run "$name" 32 "$url" "$cookie"
  j1=$(cpu_ticks "$pid"); p1=$(pg_ticks)
  n=$(awk '/requests in/ { print $1 }' "$RESULTS/$name.txt")
  awk -v j=$((j1 - j0)) -v p=$((p1 - p0)) -v n="$n" -v t="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.0f %.0f\n", j * 1e6 / t / n, p * 1e6 / t / n }' >"$RESULTS/$name.cpu"
}
max_of() { local best=0 f r; for f in "$@"; do r=$(rps_of "$RESULTS/$f.txt"); best=$(awk -v a="$best" -v b="$r" 'BEGIN { print (b > a) ? b : a }'); done; echo "$best"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }

SUMMARY=$RESULTS/summary.txt
say() { echo "$*" | tee -a "$SUMMARY"; }

# --- small data set -----------------------------------------------------------------------------
log "seeding the small data set"
( time "${PSQL[@]}" -f "$BENCH/seed-small.sql" ) >"$RESULTS/seed-small.txt" 2>&1
java -cp "$CP" MintTokens "$SECRET" 2 1 "$WORK/member.token"
MEMBER="qq_session=$(cat "$WORK/member.token"); qq_csrf=$CSRF"
APP=http://127.0.0.1:$APP_PORT
BARE=http://127.0.0.1:$BARE_PORT

log "warming up the servers"
for url in "$APP/" "$APP/api/events" "$APP/me/events" "$APP/events/950"; do
  wrk -t2 -c16 -d4s -H "Cookie: $MEMBER" "$url" >/dev/null
done
for url in "$BARE/" "$BARE/api/events" "http://127.0.0.1:$BARE_POOL_PORT/"; do wrk -t2 -c16 -d4s "$url" >/dev/null; done

CONNS="8 32 128"
log "maximum throughput at $CONNS connections (${DURATION}s each)"
for c in $CONNS; do
  wrk_run "home-app-c$c" "$c" "$APP/" "$MEMBER"
  wrk_run "home-bare-c$c" "$c" "$BARE/" "$MEMBER"
  wrk_run "api-app-c$c" "$c" "$APP/api/events"
  wrk_run "api-bare-c$c" "$c" "$BARE/api/events"
done
declare -A MAX R
for k in home-app home-bare api-app api-bare; do
  MAX[$k]=$(max_of $(for c in $CONNS; do echo "$k-c$c"; done))
done

log "where the time goes: signed-in, anonymous, bare and pool-only bare home page, CPU per request (3 rounds)"
for round in 1 2 3; do
  cpu_run "cpu-member-r$round" "$APP_PID" "$APP/" "$MEMBER"
  cpu_run "cpu-anon-r$round" "$APP_PID" "$APP/"
  cpu_run "cpu-bare-r$round" "$BARE_PID" "$BARE/" "$MEMBER"
  cpu_run "cpu-barepool-r$round" "$BARE_POOL_PID" "http://127.0.0.1:$BARE_POOL_PORT/" "$MEMBER"
done

log "latency at half of each maximum"
paced_run home-app-half "$(awk -v m="${MAX[home-app]}" 'BEGIN { print m / 2 }')" "$APP/" "$MEMBER"
paced_run home-bare-half "$(awk -v m="${MAX[home-bare]}" 'BEGIN { print m / 2 }')" "$BARE/" "$MEMBER"
paced_run api-app-half "$(awk -v m="${MAX[api-app]}" 'BEGIN { print m / 2 }')" "$APP/api/events" ""
paced_run api-bare-half "$(awk -v m="${MAX[api-bare]}" 'BEGIN { print m / 2 }')" "$BARE/api/events" ""

log "event page and my-events page, small data set"
# Member 1 (user 2) has three sign-ups in both data sets; 950 and 99000 are upcoming events with ~30 sign-ups.
wrk_run event-small 16 "$APP/events/950" "$MEMBER"
wrk_run mine-small 16 "$APP/me/events" "$MEMBER"
wrk_run home-small-c16 16 "$APP/" "$MEMBER"

# --- large data set -----------------------------------------------------------------------------
log "seeding the large data set"
( time "${PSQL[@]}" -f "$BENCH/seed-large.sql" ) >"$RESULTS/seed-large.txt" 2>&1
SEED_LARGE_S=$(awk '/^real/ { split($2, t, "m"); sub("s", "", t[2]); printf "%.0f", t[1] * 60 + t[2] }' "$RESULTS/seed-large.txt")
for url in "$APP/events/99000" "$APP/me/events" "$APP/"; do wrk -t2 -c16 -d2s -H "Cookie: $MEMBER" "$url" >/dev/null; done

# The home page's two queries as the app runs them (prepared, generic plan after five runs), and
# the count with a covering index that was tried (built inside a transaction that is rolled back).
"${PSQL[@]}" -f "$BENCH/home-plans.sql" >"$RESULTS/home-plans-large.txt" 2>&1

log "event page and my-events page, large data set"
wrk_run event-large 16 "$APP/events/99000" "$MEMBER"
wrk_run mine-large 16 "$APP/me/events" "$MEMBER"
wrk_run home-large-c16 16 "$APP/" "$MEMBER"

log "sign-up surge: 5,000 members, 150 seats, 500 connections"
SURGE_EVENT=100001 PGBENCH_EVENT=100002 WARM_EVENT=100003
java -cp "$CP" MintTokens "$SECRET" 2 5000 "$WORK/surge.tokens"
java -cp "$CP" MintTokens "$SECRET" 5002 1000 "$WORK/warm.tokens"
java -cp "$CP" Surge "$APP/api/events/$WARM_EVENT/rsvp" "$WORK/warm.tokens" 500 >"$RESULTS/surge-warmup.txt"
java -cp "$CP" Surge "$APP/api/events/$SURGE_EVENT/rsvp" "$WORK/surge.tokens" 500 >"$RESULTS/surge.txt"
"${PSQL[@]}" -At -F '|' -c "SELECT
    (SELECT count(*) FROM rsvps WHERE event_id = $SURGE_EVENT AND status = 'CONFIRMED'),
    (SELECT count(*) FROM rsvps WHERE event_id = $SURGE_EVENT AND status = 'WAITLISTED'),
    (SELECT count(DISTINCT user_id) FROM rsvps WHERE event_id = $SURGE_EVENT),
    (SELECT confirmed || '/' || capacity || ' waitlisted ' || waitlisted FROM event_pools WHERE event_id = $SURGE_EVENT),
    (SELECT count(*) FROM notifications WHERE event_id = $SURGE_EVENT)" >"$RESULTS/surge-db.txt"

log "pgbench: the same transaction, 50 clients, 5,000 transactions"
"$PGBENCH" -n -h 127.0.0.1 -p "$PGPORT" -U postgres -M prepared -c 50 -j 2 -t 100 \
  -D event=$PGBENCH_EVENT -D first=10002 -D last=1000001 -f "$BENCH/signup.pgbench" postgres >"$RESULTS/pgbench.txt" 2>&1
"${PSQL[@]}" -At -c "SELECT confirmed || '/' || capacity || ' waitlisted ' || waitlisted FROM event_pools
  WHERE event_id = $PGBENCH_EVENT" >"$RESULTS/pgbench-db.txt"

kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=
RSS_MB=$(awk '{ if ($2 > m) m = $2 } END { printf "%.0f", m / 1024 }' "$RESULTS/app-rss.txt")

# --- summary ------------------------------------------------------------------------------------
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == ">=") ? (v >= t) : (v <= t); print ok ? "met" : "MISSED" }'; }
: >"$SUMMARY"
say "Queqiao benchmarks — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ { print $2 }') GB"
say "HTTP_INSTANCES=$HTTP_INSTANCES DB_POOL_SIZE=$DB_POOL_SIZE JAVA_OPTS='$JAVA_OPTS' wrk runs of ${DURATION}s"
say ""
say "Maximum throughput (requests/s) at $CONNS connections, small data set"
for k in home-app home-bare api-app api-bare; do
  line="  $(printf '%-10s' "$k")"
  for c in $CONNS; do line+="  c$c: $(printf '%8s' "$(rps_of "$RESULTS/$k-c$c.txt")") (err $(errors_of "$RESULTS/$k-c$c.txt"))"; done
  say "$line   max ${MAX[$k]}"
done
HOME_RATIO=$(ratio "${MAX[home-app]}" "${MAX[home-bare]}")
API_RATIO=$(ratio "${MAX[api-app]}" "${MAX[api-bare]}")
say "  home page app/bare: $HOME_RATIO (target >= 0.8: $(verdict "$HOME_RATIO" '>=' 0.8))"
say "  GET /api/events app/bare: $API_RATIO (target >= 0.8: $(verdict "$API_RATIO" '>=' 0.8))"
say ""
say "Home page at 32 connections, three interleaved rounds (median): requests/s and CPU per request (JVM + PostgreSQL)"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for k in member anon bare barepool; do
  R[$k]=$(for r in 1 2 3; do rps_of "$RESULTS/cpu-$k-r$r.txt"; done | median)
  J=$(for r in 1 2 3; do cut -d' ' -f1 "$RESULTS/cpu-$k-r$r.cpu"; done | median)
  P=$(for r in 1 2 3; do cut -d' ' -f2 "$RESULTS/cpu-$k-r$r.cpu"; done | median)
  E=$(for r in 1 2 3; do errors_of "$RESULTS/cpu-$k-r$r.txt"; done | awk '{ n += $1 } END { print n + 0 }')
  say "  $(printf '%-8s' "$k") $(printf '%8s' "${R[$k]}") req/s  JVM $J us + PostgreSQL $P us = $((J + P)) us per request (errors $E)"
done
say "  signed-in/bare: $(ratio "${R[member]}" "${R[bare]}"), anonymous/bare: $(ratio "${R[anon]}" "${R[bare]}"), bare with the pipelined read client/bare reading through the pool only: $(ratio "${R[bare]}" "${R[barepool]}")"
say ""
say "Latency at half of the maximum (16 paced connections, 10s): achieved rate, p50 / p90 / p99 ms"
for k in home-app home-bare api-app api-bare; do
  f=$RESULTS/$k-half.txt; p99=$(pct_of "$f" 99)
  say "  $(printf '%-10s' "$k") $(rps_of "$f")/s of $(awk -v m="${MAX[$k]}" 'BEGIN { printf "%.0f", m / 2 }') wanted: $(pct_of "$f" 50) / $(pct_of "$f" 90) / $p99 (p99 <= 25 ms: $(verdict "$p99" '<=' 25)) errors $(errors_of "$f")"
done
say ""
say "Large (1M members, 100k events, 3M sign-ups) vs small (10k members, 1k events, 30k sign-ups), 16 connections, requests/s"
for k in event mine home; do
  [ "$k" = home ] && s=$(rps_of "$RESULTS/home-small-c16.txt") && l=$(rps_of "$RESULTS/home-large-c16.txt")
  [ "$k" != home ] && s=$(rps_of "$RESULTS/$k-small.txt") && l=$(rps_of "$RESULTS/$k-large.txt")
  slow=$(ratio "$s" "$l")
  note=""; [ "$k" != home ] && note="(target <= 1.5: $(verdict "$slow" '<=' 1.5))"
  say "  $(printf '%-6s' "$k") small $s, large $l: time per request large/small $slow $note"
done
say "  large seed took ${SEED_LARGE_S}s"
say "  home page queries on the large set (EXPLAIN ANALYZE, generic plans): $(awk '/^-- / { name = $2 } /Execution Time/ { printf "%s %s ms; ", name, $3 }' "$RESULTS/home-plans-large.txt")"
say ""
SURGE_RATE=$(awk '/^rate_per_s/ { print $2 }' "$RESULTS/surge.txt")
PGB_TPS=$(awk '/^tps/ { print $3; exit }' "$RESULTS/pgbench.txt")
IFS='|' read -r CONF WAIT DISTINCT POOL NOTES <"$RESULTS/surge-db.txt"
SURGE_ERRORS=$(awk '/^http / && $2 !~ /^2/ { n += $3 } /^error/ { n += $NF } END { print n + 0 }' "$RESULTS/surge.txt")
say "Sign-up surge: 5,000 members, one 150-seat event, 500 connections"
say "  responses: $(grep -E '^(http|error)' "$RESULTS/surge.txt" | tr '\n' ',' | sed 's/,$//'); errors $SURGE_ERRORS"
say "  database: $CONF confirmed, $WAIT waitlisted, $DISTINCT members, $NOTES notifications, pool $POOL (exactly 150 and zero errors: $([ "$CONF" = 150 ] && [ "$SURGE_ERRORS" = 0 ] && [ "$DISTINCT" = 5000 ] && echo met || echo MISSED))"
say "  rate $SURGE_RATE sign-ups/s; p50 $(awk '/^p50/ { print $2 }' "$RESULTS/surge.txt") ms, p90 $(awk '/^p90/ { print $2 }' "$RESULTS/surge.txt") ms, p99 $(awk '/^p99/ { print $2 }' "$RESULTS/surge.txt") ms"
say "  pgbench, same transaction, 50 clients: $PGB_TPS tps (pool $(cat "$RESULTS/pgbench-db.txt"))"
SURGE_RATIO=$(ratio "$SURGE_RATE" "$PGB_TPS")
say "  app/pgbench: $SURGE_RATIO (target >= 0.5: $(verdict "$SURGE_RATIO" '>=' 0.5))"
say ""
say "App resident memory, peak over the whole run: ${RSS_MB} MB (target <= 512: $(verdict "$RSS_MB" '<=' 512))"
say "Total run time: $(($(date +%s) - STARTED))s"

# The surge table, batched and unbatched, beside pgbench (its own app and data; see docs/benchmarks.md),
# with this run's servers stopped first so they do not share the two cores.
cleanup; trap - EXIT
BENCH_SKIP_BUILD=1 bash "$BENCH/surge.sh"
