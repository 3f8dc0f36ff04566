#!/usr/bin/env bash
# Where the time goes in one command: runs one bench/run.sh scenario with a JFR recording (settings=profile,
# about 50 Java samples/s per thread) of its measured window, then prints the hottest frames.
#
#   ./mvnw package -DskipTests && bench/profile.sh get        # get | list-first | list-deep | conditional | write
#
# Prints three tables from the jdk.ExecutionSample events (Java code running on a CPU; time in native code,
# e.g. socket I/O, is not sampled):
#   - top frames: the method at the top of the stack (self time)
#   - inclusive: methods on the stack, each counted once per sample (self + callees)
#   - by component: each sample charged to the first frame from the top that is not JDK code, grouped by
#     library (Hibernate, Jackson, Vert.x/Netty, ...), i.e. which library's work the CPU was spent on
#   - by concern: each sample charged to the cross-cutting concern of the first frame from the top that has
#     one (tracing, metrics, authentication, Hibernate ORM, JDBC, JSON writing, request contexts, ...), so that
#     work a library does for a concern counts for it (the Vert.x context lookups of the tracer count as
#     tracing); the rest (HTTP, routing, resources) is "none of these": roughly what a concern costs
# The recording stays in BENCH_PROFILE_DIR (target/profile), e.g. for JDK Mission Control.
# Settings: those of bench/run.sh (BENCH_WARMUP, BENCH_DURATION, JAVA_OPTS, ...); TOP rows per table (25).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCENARIO=${1:?usage: bench/profile.sh get|list-first|list-deep|conditional|write}
PROFILE_DIR=${BENCH_PROFILE_DIR:-$(dirname "$BENCH_DIR")/target/profile}
TOP=${TOP:-25}
mkdir -p "$PROFILE_DIR"
PROFILE_DIR=$(cd "$PROFILE_DIR" && pwd)
rm -f "$PROFILE_DIR/$SCENARIO.jfr"

BENCH_SCENARIOS=$SCENARIO BENCH_STARTS=${BENCH_STARTS:-1} BENCH_JFR_DIR=$PROFILE_DIR "$BENCH_DIR/run.sh"

JFR_FILE=$PROFILE_DIR/$SCENARIO.jfr
[[ -f $JFR_FILE ]] || { echo "no recording at $JFR_FILE" >&2; exit 1; }
# JDK 17's jfr has no "view hot-methods" (JDK 21+): aggregate the printed stacks instead.
jfr print --events jdk.ExecutionSample --stack-depth 128 "$JFR_FILE" | awk -v top="$TOP" '
    function component(frame) {
        if (frame ~ /^org\.hibernate\./) return "Hibernate ORM"
        if (frame ~ /^com\.fasterxml\.jackson\./) return "Jackson"
        if (frame ~ /^io\.micrometer\.|^io\.quarkus\.micrometer\./) return "Micrometer"
        if (frame ~ /^io\.netty\./) return "Netty"
        if (frame ~ /^io\.vertx\./) return "Vert.x"
        if (frame ~ /^org\.postgresql\./) return "PostgreSQL JDBC"
        if (frame ~ /^io\.agroal\./) return "Agroal pool"
        if (frame ~ /^com\.arjuna\.|^io\.narayana\.|^io\.quarkus\.narayana\./) return "Narayana JTA"
        if (frame ~ /^io\.smallrye\.jwt\.|^org\.jose4j\.|^io\.quarkus\.smallrye\.jwt\./) return "JWT"
        if (frame ~ /^org\.jboss\.resteasy\.|^io\.quarkus\.resteasy\.|^io\.quarkus\.rest\./) return "RESTEasy Reactive"
        if (frame ~ /^io\.quarkus\.security\.|^io\.quarkus\.vertx\.http\.runtime\.security\./) return "Quarkus security"
        if (frame ~ /^org\.hibernate\.validator\.|^jakarta\.validation\./) return "Hibernate Validator"
        if (frame ~ /^io\.quarkus\.arc\.|^io\.smallrye\.context\./) return "ArC / context propagation"
        if (frame ~ /^io\.quarkus\./) return "Quarkus other"
        if (frame ~ /^dev\.campus\./) return "Campus"
        if (frame ~ /^org\.jboss\.logmanager\.|^org\.jboss\.logging\./) return "Logging"
        if (frame ~ /^io\.smallrye\./) return "SmallRye other"
        n = split(frame, part, ".")
        return "other: " part[1] "." part[2] (n > 3 ? "." part[3] : "")
    }
    function method(line) {  # "  pkg.Class.method(args) line: 12" -> "pkg.Class.method"
        sub(/^[ \t]+/, "", line); sub(/\(.*$/, "", line); return line
    }
    function concern(frame) {  # the cross-cutting work a frame belongs to, or ""
        if (frame ~ /^io\.opentelemetry\.|^io\.quarkus\.opentelemetry\./) return "tracing (OpenTelemetry)"
        if (frame ~ /^io\.micrometer\.|^io\.quarkus\.micrometer\./) return "metrics (Micrometer)"
        if (frame ~ /^io\.smallrye\.jwt\.|^org\.jose4j\.|^io\.quarkus\.smallrye\.jwt\.|^io\.quarkus\.security\.|^io\.quarkus\.vertx\.http\.runtime\.security\.|^dev\.campus\.system\.(VerifiedTokens|BearerToken)/) return "authentication and authorization"
        if (frame ~ /ObservabilityIntegrationRecorder\.setTemplatePath/) return "URL template per request (Quarkus REST auth-failure handler)"
        if (frame ~ /ForwardedParser\./) return "forwarded-header parsing"
        if (frame ~ /^org\.hibernate\.|^io\.quarkus\.hibernate\./) return "Hibernate ORM (session, load, query)"
        if (frame ~ /^org\.postgresql\.|^io\.agroal\./) return "JDBC driver and pool"
        if (frame ~ /^com\.fasterxml\.jackson\.(databind|core)\.(ser|json\.WriterBased|json\.UTF8JsonGenerator|ObjectWriter)/) return "JSON writing (Jackson)"
        if (frame ~ /^io\.smallrye\.context\.|^io\.quarkus\.arc\.impl\.(RequestContext|CurrentManagedContext)/) return "request context and context propagation"
        return ""
    }
    /^jdk\.ExecutionSample/ { samples++; depth = 0; charged = ""; concerned = ""; delete seen; next }
    /stackTrace = \[/ { in_stack = 1; next }
    in_stack && /^[ \t]*\]/ {
        in_stack = 0
        comp[charged == "" ? "JDK code only" : charged]++
        conc[concerned == "" ? "none of these (HTTP, routing, resources, JDK)" : concerned]++
        next
    }
    in_stack {
        if ($0 ~ /^[ \t]*\.\.\.$/) next
        m = method($0)
        depth++
        if (depth == 1) self[m]++
        if (!(m in seen)) { seen[m] = 1; incl[m]++ }
        if (charged == "" && m !~ /^(java|javax|jdk|sun|com\.sun)\./) charged = component(m)
        if (concerned == "") concerned = concern(m)
    }
    function table(title, arr,    n, keys, i, j, t) {
        n = 0
        for (k in arr) keys[++n] = k
        for (i = 2; i <= n; i++) {  # insertion sort, descending by count
            t = keys[i]; j = i - 1
            while (j > 0 && arr[keys[j]] < arr[t]) { keys[j + 1] = keys[j]; j-- }
            keys[j + 1] = t
        }
        printf "\n== %s (%d samples) ==\n", title, samples
        for (i = 1; i <= n && i <= top; i++) printf "%6.1f%%  %6d  %s\n", 100 * arr[keys[i]] / samples, arr[keys[i]], keys[i]
    }
    END {
        if (samples == 0) { print "no execution samples in the recording"; exit 1 }
        table("top frames (self)", self)
        table("inclusive (on the stack)", incl)
        table("by component (first non-JDK frame from the top)", comp)
        table("by concern (first frame from the top that belongs to one)", conc)
    }'
echo
echo "recording: $JFR_FILE"
