#!/usr/bin/env bash
# The deployment of docs/deploy.md, brought up on this one machine and exercised (about 4 minutes):
#   sudo bash src/deploy/one-machine.sh        (from any directory; Debian 12, as root)
# nginx (TLS with a self-signed certificate, X-Forwarded-For, live streams unbuffered) in front of
# two app instances; a PostgreSQL primary with WAL archiving and a streaming replica (the app reads
# lists from it: DATABASE_READ_URL); a base backup checked with pg_verifybackup and restored; the keys
# backed up. Then the sign-up surge through nginx (src/bench/tools/Surge.java), and a rolling
# restart of both instances under a steady stream of sign-ups (src/deploy/tools/SignUpStream.java):
# every acknowledged sign-up must be in the database. Summary: $DEPLOY_DIR/summary.txt.
# Everything runs from $DEPLOY_DIR (default /tmp/queqiao-deploy, replaced on each run) with Debian's
# packages (installed when missing: nginx, postgresql, openssl); the system's own nginx and
# PostgreSQL services are not touched. Traffic stays on 127.0.0.1.
# Knobs: DEPLOY_DIR, DEPLOY_SKIP_BUILD=1, SURGE_MEMBERS (5000), SURGE_CONNECTIONS (500),
# STREAM_WORKERS (16), KEEP_RUNNING=1
# (leave everything up at the end; stop it with "$DEPLOY_DIR/stop.sh").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
DEPLOY=${DEPLOY_DIR:-/tmp/queqiao-deploy}
SURGE_MEMBERS=${SURGE_MEMBERS:-5000}
SURGE_CONNECTIONS=${SURGE_CONNECTIONS:-500}
STREAM_WORKERS=${STREAM_WORKERS:-16}
# Below Linux's ephemeral range (32768-60999): a surge's thousands of outgoing connections can
# hold a port there as their local end, and a server started later could not listen on it.
PRIMARY_PORT=25432 REPLICA_PORT=25433 RESTORE_PORT=25434
APP_PORTS=(18181 18182)
HTTPS_PORT=18443 HTTP_PORT=18480
BASE=https://localhost:$HTTPS_PORT
STARTED=$(date +%s)
log() { printf '[%3ds] %s\n' $(($(date +%s) - STARTED)) "$*"; }
say() { echo "$*" | tee -a "$DEPLOY/summary.txt"; }
fail() { log "FAILED: $*"; exit 1; }

[ "$(id -u)" = 0 ] || { echo "one-machine.sh: run as root (it installs packages and runs PostgreSQL as postgres)" >&2; exit 1; }

# --- packages -----------------------------------------------------------------------------------
missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && id postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" </dev/null >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { runuser -u postgres -- "$@"; }
if [ "$(ulimit -n)" -lt 8192 ]; then ulimit -n 65536 2>/dev/null || ulimit -n 8192; fi

# --- the jar and the tools ----------------------------------------------------------------------
if [ "${DEPLOY_SKIP_BUILD:-0}" != 1 ]; then
  log "building the jar"
  mvn -q -DskipTests package
fi
[ -f target/queqiao.jar ] || fail "target/queqiao.jar is missing (build with mvn -DskipTests package)"

# --- a clean directory; everything started here is stopped on exit -------------------------------
if [ -x "$DEPLOY/stop.sh" ]; then "$DEPLOY/stop.sh" >/dev/null 2>&1 || true; fi
rm -rf "$DEPLOY"
mkdir -p "$DEPLOY"/{secrets,run,nginx/logs,tools,app1,app2,backups} "$DEPLOY/pg"/{archive,basebackups}
chmod 700 "$DEPLOY/secrets"
chown -R postgres:postgres "$DEPLOY/pg" "$DEPLOY/run"
javac -d "$DEPLOY/tools" -cp target/queqiao.jar src/bench/tools/*.java src/deploy/tools/*.java
CP=target/queqiao.jar:$DEPLOY/tools

cat >"$DEPLOY/stop.sh" <<EOF
#!/usr/bin/env bash
# Stops what one-machine.sh started in $DEPLOY.
for f in "$DEPLOY"/run/app*.pid; do [ -f "\$f" ] && kill "\$(cat "\$f")" 2>/dev/null; done
[ -f "$DEPLOY/nginx/nginx.pid" ] && kill "\$(cat "$DEPLOY/nginx/nginx.pid")" 2>/dev/null
for d in restore replica primary; do
  [ -f "$DEPLOY/pg/\$d/postmaster.pid" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DEPLOY/pg/\$d" -m fast -w stop >/dev/null 2>&1
done
exit 0
EOF
chmod +x "$DEPLOY/stop.sh"
if [ "${KEEP_RUNNING:-0}" != 1 ]; then trap '"$DEPLOY/stop.sh"' EXIT; fi
: >"$DEPLOY/summary.txt"

# --- secrets: generated once, kept 0600, backed up below -----------------------------------------
secret() { openssl rand -base64 "$1" | tr -d '\n'; }
APP_DB_PASSWORD=$(secret 24 | tr '+/' '-_')
REPLICATOR_PASSWORD=$(secret 24 | tr '+/' '-_')
umask 077
cat >"$DEPLOY/secrets/queqiao.env" <<EOF
DATABASE_URL=postgresql://queqiao:$APP_DB_PASSWORD@127.0.0.1:$PRIMARY_PORT/queqiao
DATABASE_READ_URL=postgresql://queqiao:$APP_DB_PASSWORD@127.0.0.1:$REPLICA_PORT/queqiao
JWT_SECRET=$(secret 48)
CONTACT_KEY=$(secret 32)
PUBLIC_BASE_URL=$BASE
TRUST_FORWARDED_FOR=true
DEMO_DATA=false
HTTP_HOST=127.0.0.1
HTTP_INSTANCES=2
DB_POOL_SIZE=16
EOF
echo "$REPLICATOR_PASSWORD" >"$DEPLOY/secrets/replicator-password"
umask 022

# --- PostgreSQL primary: WAL archiving on, a replication role -----------------------------------
log "PostgreSQL primary on $PRIMARY_PORT ($PGBIN)"
as_pg "$PGBIN/initdb" -D "$DEPLOY/pg/primary" -U postgres -E UTF8 --locale=C.UTF-8 \
  --auth-local=peer --auth-host=scram-sha-256 >"$DEPLOY/pg/initdb.log"
cat >>"$DEPLOY/pg/primary/postgresql.conf" <<EOF
port = $PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DEPLOY/run'
max_connections = 120
shared_buffers = 256MB
wal_level = replica
max_wal_senders = 5
hot_standby = on
archive_mode = on
archive_command = 'test ! -f $DEPLOY/pg/archive/%f && cp %p $DEPLOY/pg/archive/%f'
archive_timeout = 60
EOF
cat >"$DEPLOY/pg/primary/pg_hba.conf" <<EOF
local all         postgres                 peer
host  queqiao     queqiao    127.0.0.1/32  scram-sha-256
host  replication replicator 127.0.0.1/32  scram-sha-256
EOF
as_pg "$PGBIN/pg_ctl" -D "$DEPLOY/pg/primary" -l "$DEPLOY/pg/primary.log" -w start >/dev/null
PSQL=(as_pg psql -X -q -v ON_ERROR_STOP=1 -h "$DEPLOY/run" -p "$PRIMARY_PORT" -U postgres)
"${PSQL[@]}" -d postgres <<EOF
CREATE ROLE queqiao LOGIN PASSWORD '$APP_DB_PASSWORD';
CREATE DATABASE queqiao OWNER queqiao;
CREATE ROLE replicator LOGIN REPLICATION PASSWORD '$REPLICATOR_PASSWORD';
EOF

# --- the streaming replica ----------------------------------------------------------------------
log "streaming replica on $REPLICA_PORT (pg_basebackup -R)"
as_pg env PGPASSWORD="$REPLICATOR_PASSWORD" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U replicator \
  -D "$DEPLOY/pg/replica" -R -X stream -c fast
echo "port = $REPLICA_PORT" >>"$DEPLOY/pg/replica/postgresql.conf"
as_pg "$PGBIN/pg_ctl" -D "$DEPLOY/pg/replica" -l "$DEPLOY/pg/replica.log" -w start >/dev/null

# --- two app instances (the first migrates the schema) -------------------------------------------
start_app() { # start_app N: instance N on APP_PORTS[N-1], its pid in run/appN.pid
  local n=$1
  ( set -a; . "$DEPLOY/secrets/queqiao.env"; set +a
    HTTP_PORT=${APP_PORTS[$((n - 1))]} DATA_DIR=$DEPLOY/app$n exec java -Xmx384m -jar "$ROOT/target/queqiao.jar" \
      >>"$DEPLOY/app$n.log" 2>&1 ) &
  echo $! >"$DEPLOY/run/app$n.pid"
}
await_app() { # await_app N: until its /health answers 200 (60 s)
  local _
  for _ in $(seq 240); do
    curl -sf -o /dev/null "http://127.0.0.1:${APP_PORTS[$(($1 - 1))]}/health" && return 0
    sleep 0.25
  done
  fail "instance $1 did not start; see $DEPLOY/app$1.log"
}
log "app instance 1 on ${APP_PORTS[0]}"
start_app 1; await_app 1
log "app instance 2 on ${APP_PORTS[1]}"
start_app 2; await_app 2

# --- nginx: TLS, X-Forwarded-For, live streams unbuffered ----------------------------------------
log "nginx on $HTTPS_PORT (TLS, self-signed) and $HTTP_PORT (redirect)"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$DEPLOY/secrets/tls.key" -out "$DEPLOY/nginx/tls.crt" 2>/dev/null
sed -e "s|@DEPLOY@|$DEPLOY|g" -e "s|@HTTPS_PORT@|$HTTPS_PORT|g" -e "s|@HTTP_PORT@|$HTTP_PORT|g" \
  -e "s|@APP1@|${APP_PORTS[0]}|g" -e "s|@APP2@|${APP_PORTS[1]}|g" \
  src/deploy/nginx.conf >"$DEPLOY/nginx/nginx.conf"
"$NGINX" -t -q -p "$DEPLOY/nginx" -c "$DEPLOY/nginx/nginx.conf"
"$NGINX" -p "$DEPLOY/nginx" -c "$DEPLOY/nginx/nginx.conf"
# The tools trust the self-signed certificate through a trust store of their own.
keytool -importcert -noprompt -alias queqiao -file "$DEPLOY/nginx/tls.crt" \
  -keystore "$DEPLOY/tools/trust.p12" -storetype PKCS12 -storepass changeit >/dev/null 2>&1
JAVA_TLS=(-Djavax.net.ssl.trustStore="$DEPLOY/tools/trust.p12" -Djavax.net.ssl.trustStorePassword=changeit)
CURL=(curl -s --cacert "$DEPLOY/nginx/tls.crt")

say "One-machine deployment ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the start, $("$NGINX" -v 2>&1 | sed 's/.*: //'), PostgreSQL $("$PGBIN/postgres" -V | awk '{ print $3 }'))"
[ "$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$BASE/health")" = 200 ] || fail "/health through nginx"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/")" = 301 ] || fail "http does not redirect"
say "  https through nginx: /health 200; http redirects to https"

# --- data: the benchmark's small data set, loaded on the primary --------------------------------
log "seeding the small data set (10,000 members, 1,000 events) on the primary"
# Copied where the postgres user can read them (\ir includes seed.sql beside seed-small.sql).
mkdir -p "$DEPLOY/seed" && cp src/bench/seed.sql src/bench/seed-small.sql "$DEPLOY/seed/"
"${PSQL[@]}" -d queqiao -v ON_ERROR_STOP=1 -f "$DEPLOY/seed/seed-small.sql" >"$DEPLOY/seed.log" 2>&1 \
  || fail "seeding; see $DEPLOY/seed.log"
SECRET=$(grep '^JWT_SECRET=' "$DEPLOY/secrets/queqiao.env" | cut -d= -f2-)
SURGE_EVENT=1001 STREAM_EVENTS=(1002 1003)
primary_sql() { "${PSQL[@]}" -d queqiao -At -c "$1"; }
replica_sql() { as_pg psql -X -q -At -h "$DEPLOY/run" -p "$REPLICA_PORT" -U postgres -d queqiao -c "$1"; }
for _ in $(seq 100); do
  [ "$(replica_sql "SELECT count(*) FROM events")" = "$(primary_sql "SELECT count(*) FROM events")" ] && break
  sleep 0.2
done
say "  replica: $(replica_sql "SELECT count(*) FROM events") events, in recovery $(replica_sql "SELECT pg_is_in_recovery()"), $(primary_sql "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") streaming connection(s)"

# Proof that the list is read from the replica: pause its replay, publish, look, resume.
replica_sql "SELECT pg_wal_replay_pause()" >/dev/null
primary_sql "UPDATE events SET title = '复制延迟探针' WHERE id = 1000" >/dev/null
sleep 0.5
PROBE="$BASE/api/events?q=%E5%A4%8D%E5%88%B6%E5%BB%B6%E8%BF%9F%E6%8E%A2%E9%92%88"
listed() { "${CURL[@]}" "$PROBE" | { grep -o '复制延迟探针' || true; } | wc -l; }
SEEN=$(listed)
replica_sql "SELECT pg_wal_replay_resume()" >/dev/null
sleep 1
SEEN_AFTER=$(listed)
say "  list read from the replica: an event renamed on the primary is listed $SEEN time(s) while the replica's replay is paused, $SEEN_AFTER after it resumes"
[ "$SEEN" = 0 ] && [ "$SEEN_AFTER" = 1 ] || fail "the list does not follow the replica"

# --- the surge through nginx --------------------------------------------------------------------
log "sign-up surge through nginx: $SURGE_MEMBERS members, one 150-seat event, $SURGE_CONNECTIONS connections"
java -cp "$CP" MintTokens "$SECRET" 2 "$SURGE_MEMBERS" "$DEPLOY/surge.tokens"
java "${JAVA_TLS[@]}" -cp "$CP" Surge "$BASE/api/events/$SURGE_EVENT/rsvp" "$DEPLOY/surge.tokens" "$SURGE_CONNECTIONS" >"$DEPLOY/surge.txt"
IFS='|' read -r CONF WAIT DISTINCT POOL <<<"$(primary_sql "SELECT
  (SELECT count(*) FROM rsvps WHERE event_id = $SURGE_EVENT AND status = 'CONFIRMED'),
  (SELECT count(*) FROM rsvps WHERE event_id = $SURGE_EVENT AND status = 'WAITLISTED'),
  (SELECT count(DISTINCT user_id) FROM rsvps WHERE event_id = $SURGE_EVENT),
  (SELECT confirmed || '/' || capacity FROM event_pools WHERE event_id = $SURGE_EVENT)")"
SURGE_ACKED=$(awk '/^http 2/ { n += $3 } END { print n + 0 }' "$DEPLOY/surge.txt")
say "Surge through nginx (TLS), $SURGE_MEMBERS members, $SURGE_CONNECTIONS connections, 2 instances:"
say "  responses: $(grep -E '^(http|error)' "$DEPLOY/surge.txt" | tr '\n' ',' | sed 's/,$//')"
say "  $(awk '/^rate_per_s/ { r = $2 } /^p50/ { a = $2 } /^p90/ { b = $2 } /^p99/ { c = $2 } END { printf "rate %s sign-ups/s; p50 %s ms, p90 %s ms, p99 %s ms", r, a, b, c }' "$DEPLOY/surge.txt")"
say "  database: $CONF confirmed, $WAIT waitlisted, $DISTINCT members signed up, pool $POOL; acknowledged $SURGE_ACKED ($([ "$CONF" = 150 ] && [ "$DISTINCT" -ge "$SURGE_ACKED" ] && echo "capacity held, none lost" || echo "NOT EXACT"))"
[ "$CONF" = 150 ] && [ "$DISTINCT" -ge "$SURGE_ACKED" ] || fail "the surge broke the capacity or lost a sign-up"

# --- rolling restart under a steady stream of sign-ups ------------------------------------------
log "rolling restart: instance 1, then 2, under a stream of sign-ups ($STREAM_WORKERS workers)"
STREAM_FIRST=$((SURGE_MEMBERS + 2)) STREAM_COUNT=$((10000 - SURGE_MEMBERS))
java -cp "$CP" MintTokens "$SECRET" "$STREAM_FIRST" "$STREAM_COUNT" "$DEPLOY/stream.tokens"
rm -f "$DEPLOY/stream.stop"
# Each worker sends at most 10 sign-ups a second; the members sign up for one event, then the next.
java "${JAVA_TLS[@]}" -cp "$CP" SignUpStream \
  "$BASE/api/events/${STREAM_EVENTS[0]}/rsvp,$BASE/api/events/${STREAM_EVENTS[1]}/rsvp" "$DEPLOY/stream.tokens" \
  "$STREAM_FIRST" "$STREAM_WORKERS" 100 "$DEPLOY/stream.stop" "$DEPLOY/stream.outcomes" >"$DEPLOY/stream.txt" &
STREAM_PID=$!
sleep 3
nginx_upstream() { # nginx_upstream N down|up: take instance N out of nginx's rotation or put it back
  local port=${APP_PORTS[$(($1 - 1))]} flag=
  [ "$2" = down ] && flag=" down"
  sed -i -E "s|server 127.0.0.1:$port max_fails=0( down)?;|server 127.0.0.1:$port max_fails=0$flag;|" "$DEPLOY/nginx/nginx.conf"
  "$NGINX" -s reload -p "$DEPLOY/nginx" -c "$DEPLOY/nginx/nginx.conf" 2>/dev/null
  sleep 1 # the old workers finish what they had; new requests go by the new rotation
}
restart() { # restart N: out of nginx's rotation, SIGTERM (it drains), wait for its exit, start, /health, back in
  local n=$1 pid t0 t1
  pid=$(cat "$DEPLOY/run/app$n.pid")
  nginx_upstream "$n" down
  t0=$(date +%s%N)
  kill -TERM "$pid"
  wait "$pid" || true
  t1=$(date +%s%N)
  start_app "$n"; await_app "$n"
  nginx_upstream "$n" up
  say "  instance $n: stopped $(( (t1 - t0) / 1000000 )) ms after SIGTERM, serving again $(( ($(date +%s%N) - t1) / 1000000 )) ms later"
}
say "Rolling restart under a stream of sign-ups ($STREAM_WORKERS workers, through nginx):"
restart 1
sleep 3
restart 2
sleep 3
kill -0 "$STREAM_PID" 2>/dev/null || say "  (the stream ran out of members before the restarts ended)"
touch "$DEPLOY/stream.stop"
wait "$STREAM_PID"
# Every acknowledged (2xx) sign-up, as (event, member), looked up in the database.
ACKED_N=$(awk '$3 ~ /^2/' "$DEPLOY/stream.outcomes" | wc -l)
STORED=$( { echo "CREATE TEMP TABLE acked (event_id bigint, user_id bigint);"
            echo "COPY acked FROM STDIN;"
            awk -v e1="${STREAM_EVENTS[0]}" -v e2="${STREAM_EVENTS[1]}" \
              '$3 ~ /^2/ { printf "%s\t%s\n", ($1 == 0 ? e1 : e2), $2 }' "$DEPLOY/stream.outcomes"
            echo '\.'
            echo "SELECT count(*) FROM acked a WHERE EXISTS"
            echo "  (SELECT 1 FROM rsvps r WHERE r.event_id = a.event_id AND r.user_id = a.user_id);"
          } | "${PSQL[@]}" -d queqiao -At)
NON2XX=$(awk '$3 !~ /^2/ { n[$3]++ } END { for (s in n) printf "%s %s; ", s, n[s] }' "$DEPLOY/stream.outcomes")
say "  $(awk '/^requests/ { r = $2 } /^rate_per_s/ { s = $2 } /^elapsed_s/ { e = $2 } END { printf "%s sign-ups in %s s (%s/s)", r, e, s }' "$DEPLOY/stream.txt"); acknowledged (2xx) $ACKED_N, of which in the database $STORED; non-2xx: ${NON2XX:-none}"
[ "$STORED" = "$ACKED_N" ] || fail "an acknowledged sign-up is missing from the database"
say "  every acknowledged sign-up is in the database: yes"

# --- backups: base backup + WAL archive, verified and restored; the keys -------------------------
log "backups: pg_basebackup, WAL archive, restore drill, keys"
BACKUP=$DEPLOY/pg/basebackups/base-$(date -u +%Y%m%dT%H%M%SZ)
as_pg env PGPASSWORD="$REPLICATOR_PASSWORD" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U replicator \
  -D "$BACKUP" -X stream -c fast
as_pg "$PGBIN/pg_verifybackup" -q "$BACKUP" || fail "pg_verifybackup"
# Written after the base backup: only the WAL archive can bring it back.
primary_sql "UPDATE events SET title = '备份演练' WHERE id = 999" >/dev/null
EXPECTED=$(primary_sql "SELECT count(*) || '/' || (SELECT title FROM events WHERE id = 999) FROM rsvps")
primary_sql "SELECT pg_switch_wal()" >/dev/null
for _ in $(seq 100); do
  [ "$(primary_sql "SELECT last_archived_wal >= (SELECT pg_walfile_name(pg_current_wal_lsn() - 1)) FROM pg_stat_archiver")" = t ] && break
  sleep 0.2
done
ARCHIVED=$(ls "$DEPLOY/pg/archive" | wc -l)
FAILED=$(primary_sql "SELECT failed_count FROM pg_stat_archiver")
as_pg cp -a "$BACKUP" "$DEPLOY/pg/restore"
as_pg bash -c "cat >>'$DEPLOY/pg/restore/postgresql.conf' <<EOF
port = $RESTORE_PORT
archive_mode = off
restore_command = 'cp $DEPLOY/pg/archive/%f %p'
recovery_target_action = 'promote'
EOF
touch '$DEPLOY/pg/restore/recovery.signal'"
as_pg "$PGBIN/pg_ctl" -D "$DEPLOY/pg/restore" -l "$DEPLOY/pg/restore.log" -w -t 120 start >/dev/null
for _ in $(seq 150); do
  [ "$(as_pg psql -X -At -h "$DEPLOY/run" -p "$RESTORE_PORT" -U postgres -d postgres -c "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ] && break
  sleep 0.2
done
RESTORED=$(as_pg psql -X -At -h "$DEPLOY/run" -p "$RESTORE_PORT" -U postgres -d queqiao \
  -c "SELECT count(*) || '/' || (SELECT title FROM events WHERE id = 999) FROM rsvps")
say "Backups: base backup $(du -sh "$BACKUP" | cut -f1) verified (pg_verifybackup); $ARCHIVED WAL files archived, $FAILED failures"
say "  restore drill (base backup + archived WAL): rsvps/title $RESTORED, primary $EXPECTED ($([ "$RESTORED" = "$EXPECTED" ] && echo identical || echo DIFFERENT))"
[ "$RESTORED" = "$EXPECTED" ] || fail "the restored copy differs from the primary"
tar -C "$DEPLOY" -cf "$DEPLOY/backups/keys-$(date -u +%Y%m%dT%H%M%SZ).tar" secrets/queqiao.env secrets/tls.key nginx/tls.crt
chmod 600 "$DEPLOY"/backups/keys-*.tar
say "  keys (JWT_SECRET, CONTACT_KEY, TLS key) backed up to $(ls "$DEPLOY"/backups/keys-*.tar | xargs -n1 basename), mode 0600"
log "done in $(($(date +%s) - STARTED)) s; summary in $DEPLOY/summary.txt"
