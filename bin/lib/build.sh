# Shared by the bin/ scripts: build what a script needs on first use, and again when a source
# file changed since the last build. Sourced, not executed.

SPAXOS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# ensure_built MODULE: builds MODULE and the modules it needs unless they are up to date.
ensure_built() {
    local module="$1"
    local stamp="$SPAXOS_ROOT/$module/target/.spaxos-built"
    # Several scripts may start at once (three replicas): one builds, the others wait for it.
    mkdir -p "$SPAXOS_ROOT/$module/target"
    exec 9>"$SPAXOS_ROOT/$module/target/.spaxos-build.lock"
    flock 9
    if [ -f "$stamp" ] && [ -z "$(find "$SPAXOS_ROOT" -path '*/target' -prune -o \
            \( -name '*.java' -o -name 'pom.xml' -o -name '*.proto' -o -name '*.xml' \) -newer "$stamp" -print -quit)" ]; then
        flock -u 9
        return 0
    fi
    echo "spaxos: building $module (first run, or sources changed)..." >&2
    if ! (cd "$SPAXOS_ROOT" && ./mvnw -q -DskipTests -pl "$module" -am install >&2); then
        echo "spaxos: build failed; run './mvnw -pl $module -am install' to see why" >&2
        exit 1
    fi
    touch "$stamp"
    flock -u 9
}

# server_classpath: the class path of the servers and the CLI (after ensure_built spaxos-server).
server_classpath() {
    echo "$SPAXOS_ROOT/spaxos-server/target/classes:$SPAXOS_ROOT/spaxos-server/target/lib/*"
}
