# shellcheck shell=bash disable=SC2034  # R_WARM is read by the sourcing script
# Shared by bench/run.sh and bench/quickstart.sh (sourced, not run): how a service's CPU is read from /proc
# and how a read scenario is warmed up, so that Campus and the quickstart are measured the same way.
# Also the plumbing both need: ports, tools, a throw-away PostgreSQL 17 from the embedded binaries, stopping
# the service and cleaning up on exit.
# The sourcing script defines log, APP_LABEL (how logs name the service: "the app", "the quickstart"), and
# before calling the functions that use them: APP_PID, WORK, PG_HOME, PG_RUN, PG_DATA, PG_BINARIES_JAR,
# PG_PORT, BASE, BENCH_DIR, BENCH_THREADS, BENCH_CONNECTIONS, BENCH_WARMUP, BENCH_WARMUP_MAX,
# BENCH_SETTLE_JIT_PCT and an associative array R_WARM.

die() { log "ERROR: $*"; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {  # the first free port from $1 on, so that a dev-mode app or another run does not collide
    local port=$1
    while port_busy "$port"; do port=$((port + 1)); done
    echo "$port"
}
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
require_tools() {  # installs what is missing of wrk, curl, unzip and xz from Debian's packages
    local tool pkg
    for tool in wrk curl unzip xz; do
        if ! command -v "$tool" >/dev/null; then
            log "installing $tool"
            pkg=$tool; [[ $tool == xz ]] && pkg=xz-utils
            (apt-get update -qq && apt-get install -y -qq "$pkg") >/dev/null || die "could not install $pkg"
        fi
    done
}

TICKS_PER_S=$(getconf CLK_TCK)
cpu_ticks() { sed 's/^.*) //' "/proc/$APP_PID/stat" | awk '{ print $12 + $13 }'; }  # utime + stime
sys_ticks() { sed 's/^.*) //' "/proc/$APP_PID/stat" | awk '{ print $13 }'; }  # stime: the kernel's share (sockets, futexes)
rss_mib() { awk -v k="$1:" '$1 == k { printf "%d", $2 / 1024 }' "/proc/$APP_PID/status"; }  # VmRSS, VmHWM
loadavg1() { cut -d' ' -f1 /proc/loadavg; }
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }  # the value of key $2 in a wrk "BENCH k=v ..." line $1

seconds() {  # a wrk duration (30, 30s, 2m, 1h) in seconds
    [[ $1 =~ ^([0-9]+)([smh]?)$ ]] || die "cannot read duration '$1' (use e.g. 30s, 2m)"
    case ${BASH_REMATCH[2]} in
        m) echo $(( BASH_REMATCH[1] * 60 )) ;;
        h) echo $(( BASH_REMATCH[1] * 3600 )) ;;
        *) echo "${BASH_REMATCH[1]}" ;;
    esac
}

# Per-thread CPU ticks by kind: "jit" (C1/C2 compiler threads), "gc" (GC and VM threads), "relay" (the Kafka
# relay's thread and its producer's network thread), "app" (the rest: event loops, workers, pool housekeeping). A JIT still compiling inflates CPU/request; the app share shows it.
thread_ticks() {  # -> lines "tid kind ticks"
    local t
    for t in /proc/"$APP_PID"/task/*/stat; do cat "$t" 2>/dev/null; done | awk '{
        comm = $0; sub(/^[0-9]+ \(/, "", comm); sub(/\) .*$/, "", comm)
        rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " ")
        kind = "app"
        if (comm ~ /^C[12] CompilerThre/) kind = "jit"
        else if (comm ~ /^(GC Thread|G1 |VM Thread|VM Periodic)/) kind = "gc"
        else if (comm ~ /^(campus-kafka-re|kafka-producer-)/) kind = "relay"
        print $1, kind, f[12] + f[13]
    }'
}
kind_delta() {  # before-file after-file kind -> ticks of that kind between the two snapshots
    awk -v k="$3" 'NR == FNR { before[$1] = $3; next } $2 == k { d += $3 - before[$1] } END { print d + 0 }' "$1" "$2"
}

# Warm-up until the JIT has settled, not for a fixed time: after BENCH_WARMUP, 10-s chunks follow until, in
# two chunks in a row, the compiler threads used less than BENCH_SETTLE_JIT_PCT % of the app's CPU (at most
# BENCH_WARMUP_MAX in all). CPU/request of each chunk is logged; it is too noisy over 10 s (+-15 % for the
# quickstart's 0.03 ms) to be the criterion itself. Measured 2026-12-07: GET by id still
# fell from 0.84 to 0.13 CPU ms/request between 10 s and 80 s of load, with the compiler threads at 15-24 % of
# the CPU until then and ~1 % after; a fixed 60 s measured a JIT still at work (round 2's 0.76 ms).
warm_up() {  # scenario lua paths-file -> R_WARM[scenario] (seconds of warm-up load); token: TOKEN_FILE if set
    local total max chunk=10 calm=0 settled=0 t0 t1 req cpu jit_pct out
    local args=("$3"); [[ -n ${TOKEN_FILE:-} ]] && args+=("$TOKEN_FILE")
    total=$(seconds "$BENCH_WARMUP"); max=$(seconds "$BENCH_WARMUP_MAX")
    log "warm-up: $BENCH_WARMUP of $1 (discarded), then until the JIT settles (at most $BENCH_WARMUP_MAX), load average $(loadavg1)"
    wrk -t "$BENCH_THREADS" -c "$BENCH_CONNECTIONS" -d "$BENCH_WARMUP" --timeout 10s \
        -s "$BENCH_DIR/$2" "$BASE" -- "${args[@]}" >/dev/null || die "wrk failed for $1 (warm-up)"
    while (( total + chunk <= max )); do
        thread_ticks >"$WORK/warm-before"; t0=$(cpu_ticks)
        out=$(wrk -t "$BENCH_THREADS" -c "$BENCH_CONNECTIONS" -d "${chunk}s" --timeout 10s \
            -s "$BENCH_DIR/$2" "$BASE" -- "${args[@]}") || die "wrk failed for $1 (warm-up)"
        t1=$(cpu_ticks); thread_ticks >"$WORK/warm-after"
        total=$((total + chunk))
        req=$(field "$(grep '^BENCH' <<<"$out")" requests)
        cpu=$(awk -v t=$((t1 - t0)) -v hz="$TICKS_PER_S" -v n="$req" 'BEGIN { printf "%.4f", (n > 0 ? t * 1000 / hz / n : 0) }')
        jit_pct=$(awk -v j="$(kind_delta "$WORK/warm-before" "$WORK/warm-after" jit)" -v t=$((t1 - t0)) \
            'BEGIN { printf "%.1f", (t > 0 ? 100 * j / t : 100) }')
        log "warm-up $1: ${total} s, $cpu CPU ms/request, JIT threads $jit_pct % of the CPU"
        if awk -v j="$jit_pct" -v lim="$BENCH_SETTLE_JIT_PCT" 'BEGIN { exit !(j < lim) }'; then
            calm=$((calm + 1))
        else
            calm=0
        fi
        if (( calm >= 2 )); then settled=1; break; fi
    done
    (( settled )) || log "warm-up $1: the JIT had not settled after $BENCH_WARMUP_MAX (figures may be high)"
    R_WARM[$1]=$total
}


# ---- the service's process and the database: started by the script, stopped here whatever the outcome ----
stop_app() {
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        log "stopping $APP_LABEL (pid $APP_PID)"
        kill -TERM "$APP_PID"
        # quarkus.shutdown.timeout is 30 s; past that it is hung
        for _ in $(seq 350); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$APP_PID" 2>/dev/null || true
    fi
    [[ -n $APP_PID ]] && { wait "$APP_PID" 2>/dev/null || true; }
    APP_PID=
    return 0
}

# initdb refuses to run as root; the server then runs as nobody too, in a directory nobody owns.
if [[ $EUID -eq 0 ]]; then
    as_pg() { (cd "$PG_RUN" && setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"); }
else
    as_pg() { (cd "$PG_RUN" && "$@"); }
fi

cleanup() {  # the EXIT trap: stops the service and PostgreSQL, shows their last log lines on failure, removes WORK
    local rc=$?
    set +e
    stop_app
    stop_kafka
    if [[ $rc -ne 0 ]]; then
        [[ -f $WORK/app.log ]] && { log "last lines of the log of $APP_LABEL:"; tail -n 30 "$WORK/app.log" >&2; }
        [[ -f $PG_RUN/postgres.log ]] && { log "last lines of PostgreSQL's log:"; tail -n 15 "$PG_RUN/postgres.log" >&2; }
    fi
    if [[ -f $PG_DATA/postmaster.pid ]]; then
        log "stopping PostgreSQL"
        as_pg "$PG_HOME/bin/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
    fi
    rm -rf "$WORK"
    exit "$rc"
}
install_cleanup() {
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# ---- Kafka (the relay's scenario): a single-node KRaft broker in its own JVM, the tests' class path ----
KAFKA_PID=
start_kafka() {  # -> KAFKA_PID, KAFKA_SERVERS; needs target/kafka-broker.classpath (written by ./mvnw package)
    local classpath=$ROOT/target/kafka-broker.classpath dir=$WORK/kafka port controller t0
    [[ -f $classpath ]] || die "$classpath is missing: run ./mvnw package -DskipTests first (it resolves the broker's jars)"
    port=$(free_port 22092)
    controller=$(free_port $((port + 1)))
    mkdir -p "$dir"
    cat >"$dir/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
PROPERTIES
    local java_cmd=(java -Xms64m -Xmx384m -XX:+UseSerialGC -cp "$(cat "$classpath")")
    "${java_cmd[@]}" kafka.tools.StorageTool format -t "$(java -cp "$(cat "$classpath")" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)" \
        -c "$dir/server.properties" >"$dir/format.log" 2>&1 || die "formatting the Kafka storage failed: $(tail -n 5 "$dir/format.log")"
    "${java_cmd[@]}" kafka.Kafka "$dir/server.properties" >"$dir/kafka.log" 2>&1 &
    KAFKA_PID=$!
    KAFKA_SERVERS=127.0.0.1:$port
    t0=$(now_ms)
    until grep -q 'Kafka Server started' "$dir/kafka.log" 2>/dev/null; do
        kill -0 "$KAFKA_PID" 2>/dev/null || die "the Kafka broker exited: $(tail -n 5 "$dir/kafka.log")"
        (( $(now_ms) - t0 < 60000 )) || die "the Kafka broker did not start within 60 s"
        sleep 0.2
    done
    log "Kafka broker (pid $KAFKA_PID) listening on $KAFKA_SERVERS"
}
stop_kafka() {
    if [[ -n $KAFKA_PID ]] && kill -0 "$KAFKA_PID" 2>/dev/null; then
        log "stopping the Kafka broker (pid $KAFKA_PID)"
        kill -TERM "$KAFKA_PID"
        for _ in $(seq 300); do kill -0 "$KAFKA_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$KAFKA_PID" 2>/dev/null || true
        wait "$KAFKA_PID" 2>/dev/null || true
    fi
    KAFKA_PID=
    return 0
}
kafka_ticks() { sed 's/^.*) //' "/proc/$KAFKA_PID/stat" | awk '{ print $12 + $13 }'; }

start_postgres() {  # database name -> PG_PORT (the first free one from PG_PORT), JDBC_URL
    PG_PORT=$(free_port "$PG_PORT")
    log "extracting PostgreSQL 17 into $PG_HOME"
    mkdir -p "$PG_HOME" "$PG_RUN"
    unzip -p "$PG_BINARIES_JAR" postgres-linux-x86_64.txz | tar -xJ -C "$PG_HOME"
    if [[ $EUID -eq 0 ]]; then chown nobody:nogroup "$PG_RUN"; fi
    # --no-sync only skips initdb's final flush of the fresh cluster; the server itself keeps fsync on.
    # The builtin C.UTF-8 locale (PG 17) makes text order and lower() independent of the host's locales.
    as_pg "$PG_HOME/bin/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 \
        --locale-provider=builtin --builtin-locale=C.UTF-8 --locale=C.UTF-8 --no-sync >"$WORK/initdb.log" 2>&1 \
        || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
    # Defaults otherwise, for realism (fsync, WAL, autovacuum all on).
    cat >>"$PG_DATA/postgresql.conf" <<EOF2
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_RUN'
shared_buffers = 256MB
max_connections = 100
EOF2
    # No psql in these binaries: single-user mode creates the database before the server starts.
    echo "CREATE DATABASE $1;" | as_pg "$PG_HOME/bin/postgres" --single -D "$PG_DATA" postgres >>"$WORK/initdb.log" 2>&1 \
        || { cat "$WORK/initdb.log" >&2; die "could not create database $1"; }
    as_pg "$PG_HOME/bin/pg_ctl" -D "$PG_DATA" -l "$PG_RUN/postgres.log" -w -t 60 start >/dev/null \
        || die "PostgreSQL did not start"
    log "PostgreSQL 17 on 127.0.0.1:$PG_PORT"
    JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$1
}
