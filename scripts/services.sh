#!/usr/bin/env bash
# Real services for Connected Places Hub: PostgreSQL 15 and an Elasticsearch 8 node carrying our
# analysis plugin (es-plugin/). Idempotent: `start` twice leaves one of each running.
#
#   scripts/services.sh start  [postgres|elasticsearch]   start (and set up) what is not running
#   scripts/services.sh stop   [postgres|elasticsearch]   stop what this script started
#   scripts/services.sh status [postgres|elasticsearch]   say what is running, and where
#
# Elasticsearch comes through `mvn` as the integ-test-zip distribution, cached outside the repo in
# CPH_SERVICES_DIR. That distribution lacks the analysis-common module (asciifolding, ngram,
# edge_ngram, stemmers, the english analyzer) that Wagtail's backend needs: es-plugin/ provides them.
# See docs/services.md.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IS_ROOT=0
[[ $(id -u) -eq 0 ]] && IS_ROOT=1

# Elasticsearch refuses to run as root, so as root it runs as ES_USER, which cannot read /root.
if [[ $IS_ROOT -eq 1 ]]; then
    SERVICES_DIR="${CPH_SERVICES_DIR:-/var/cache/connected-places-hub}"
else
    SERVICES_DIR="${CPH_SERVICES_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/connected-places-hub}"
fi
ES_VERSION="${ES_VERSION:-8.19.7}"
ES_HOST=127.0.0.1
ES_PORT="${ES_PORT:-9200}"
ES_HEAP="${ES_HEAP:-512m}"
ES_USER="${ES_USER:-cph-es}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-180}"
ES_HOME="$SERVICES_DIR/elasticsearch-$ES_VERSION"
ES_DATA="$SERVICES_DIR/es-data"
ES_LOGS="$SERVICES_DIR/es-logs"
ES_PIDFILE="$SERVICES_DIR/es.pid"
ES_URL="http://$ES_HOST:$ES_PORT"
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"
PLUGIN_NAME=cph-analysis
PLUGIN_SRC="$REPO_DIR/es-plugin"

PG_HOST=127.0.0.1
PG_PORT="${PG_PORT:-5432}"
PG_CLUSTER="${PG_CLUSTER:-main}"
DB_NAME="${CPH_DB_NAME:-cph}"
DB_USER="${CPH_DB_USER:-cph}"
DB_PASSWORD="${CPH_DB_PASSWORD:-cph}"
DATABASE_URL="postgres://$DB_USER:$DB_PASSWORD@$PG_HOST:$PG_PORT/$DB_NAME"

say() { printf '[services] %s\n' "$*"; }
warn() { printf '[services] WARNING: %s\n' "$*" >&2; }
die() {
    printf '[services] ERROR: %s\n' "$*" >&2
    exit 1
}
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed. $2"; }

# --- PostgreSQL ---------------------------------------------------------------------------------

pg_version() {
    # The newest installed cluster named PG_CLUSTER; 15 on these machines (Debian bookworm).
    if [[ -n "${PG_VERSION:-}" ]]; then
        echo "$PG_VERSION"
    else
        pg_lsclusters -h 2>/dev/null | awk -v c="$PG_CLUSTER" '$2 == c {print $1}' | sort -V | tail -1
    fi
}

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }

# psql as the postgres superuser, over the local socket.
# From / so psql does not complain that postgres cannot enter the current directory.
pg_admin() (
    cd /
    if [[ $IS_ROOT -eq 1 ]]; then
        runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"
    elif [[ $(id -un) == postgres ]]; then
        psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"
    else
        sudo -n -u postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"
    fi
)

pg_start() {
    need pg_isready "Install PostgreSQL (Debian: apt-get install postgresql)."
    if pg_ready; then
        say "PostgreSQL is already running on $PG_HOST:$PG_PORT"
    else
        need pg_ctlcluster "Start PostgreSQL yourself, or install Debian's postgresql-common."
        local version
        version="$(pg_version)"
        [[ -n "$version" ]] || die "no PostgreSQL cluster named '$PG_CLUSTER' (pg_lsclusters lists none)."
        say "starting PostgreSQL $version/$PG_CLUSTER"
        pg_ctlcluster "$version" "$PG_CLUSTER" start ||
            die "pg_ctlcluster $version $PG_CLUSTER start failed (run as root or postgres)."
        local i
        for i in $(seq 1 30); do
            pg_ready && break
            sleep 1
        done
        pg_ready || die "PostgreSQL did not accept connections on $PG_HOST:$PG_PORT within 30s."
    fi
    pg_setup
}

# Role cph (may create the test databases) and database cph, created only when missing.
pg_setup() {
    if PGPASSWORD=$DB_PASSWORD psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" \
        -tAc "SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user" 2>/dev/null | grep -qx t; then
        say "role '$DB_USER' and database '$DB_NAME' are ready"
        return
    fi
    say "creating role '$DB_USER' and database '$DB_NAME' where missing"
    pg_admin -d postgres <<SQL || die "could not create the role or database (needs the postgres superuser)."
SELECT 'CREATE ROLE $DB_USER LOGIN CREATEDB' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER')\gexec
ALTER ROLE $DB_USER WITH LOGIN CREATEDB PASSWORD '$DB_PASSWORD';
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME')\gexec
SQL
    PGPASSWORD=$DB_PASSWORD psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" -c 'SELECT 1' \
        >/dev/null || die "role '$DB_USER' cannot log in to '$DB_NAME' over TCP (check pg_hba.conf)."
}

pg_stop() {
    if ! pg_ready; then
        say "PostgreSQL is not running"
        return
    fi
    local version
    version="$(pg_version)"
    [[ -n "$version" ]] || die "PostgreSQL answers on $PG_PORT but no cluster '$PG_CLUSTER' is listed: stop it yourself."
    say "stopping PostgreSQL $version/$PG_CLUSTER"
    pg_ctlcluster "$version" "$PG_CLUSTER" stop
}

pg_status() {
    if pg_ready; then
        say "PostgreSQL: running on $PG_HOST:$PG_PORT ($(pg_version)/$PG_CLUSTER)"
    else
        say "PostgreSQL: not running"
    fi
}

# --- Elasticsearch ------------------------------------------------------------------------------

es_get() { curl -fsS --max-time 5 "$ES_URL$1"; }
es_up() { es_get "/_cluster/health" >/dev/null 2>&1; }
# The integ-test-zip has no rest-root module, so `GET /` answers 405: ask the nodes API instead.
es_version() { es_get "/_nodes/_local?filter_path=nodes.*.version" | grep -o '"version":"[^"]*"' | head -1 | cut -d'"' -f4; }
es_has_plugin() { es_get "/_cat/plugins?h=component" | grep -qx "$PLUGIN_NAME"; }
es_our_pid() {
    [[ -f "$ES_PIDFILE" ]] || return 1
    local pid
    pid="$(cat "$ES_PIDFILE")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Run as ES_USER when we are root (Elasticsearch will not run as root).
as_es_user() {
    if [[ $IS_ROOT -eq 1 ]]; then
        runuser -u "$ES_USER" -- "$@"
    else
        "$@"
    fi
}

es_distribution() {
    if [[ -x "$ES_HOME/bin/elasticsearch" ]]; then
        return
    fi
    need mvn "Install Maven (Debian: apt-get install maven)."
    need unzip "Install unzip (Debian: apt-get install unzip)."
    local downloads="$SERVICES_DIR/downloads" log="$SERVICES_DIR/mvn-distribution.log"
    mkdir -p "$downloads"
    say "fetching Elasticsearch $ES_VERSION ($ES_ARTIFACT) through mvn"
    mvn -q -B dependency:copy -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$downloads" >"$log" 2>&1 ||
        {
            tail -n 30 "$log" >&2
            die "mvn could not fetch $ES_ARTIFACT (log: $log)."
        }
    local zip="$downloads/elasticsearch-$ES_VERSION.zip" tmp="$SERVICES_DIR/.unpack.$$"
    [[ -f "$zip" ]] || die "mvn finished but $zip is missing."
    rm -rf "$tmp"
    mkdir -p "$tmp"
    unzip -q "$zip" -d "$tmp"
    rm -rf "$ES_HOME"
    mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
    rm -rf "$tmp"
    say "unpacked into $ES_HOME"
}

# Build es-plugin/ for this exact Elasticsearch version and put it in plugins/. Rebuilt only when
# its sources change (the fingerprint is kept beside the installed plugin).
es_plugin() {
    local target="$ES_HOME/plugins/$PLUGIN_NAME" fingerprint
    fingerprint="$ES_VERSION $(cd "$PLUGIN_SRC" && find pom.xml src -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
    if [[ -f "$target/.fingerprint" && "$(cat "$target/.fingerprint")" == "$fingerprint" ]]; then
        return
    fi
    need mvn "Install Maven (Debian: apt-get install maven)."
    need javac "Install a JDK 17 (Debian: apt-get install default-jdk-headless)."
    local log="$SERVICES_DIR/mvn-plugin.log"
    say "building the $PLUGIN_NAME analysis plugin (es-plugin/) for Elasticsearch $ES_VERSION"
    mvn -q -B -f "$PLUGIN_SRC/pom.xml" -Des.version="$ES_VERSION" clean package >"$log" 2>&1 ||
        {
            tail -n 40 "$log" >&2
            die "building es-plugin failed (log: $log)."
        }
    rm -rf "$target"
    mkdir -p "$target"
    unzip -q "$PLUGIN_SRC/target/$PLUGIN_NAME-$ES_VERSION.zip" -d "$target"
    echo "$fingerprint" >"$target/.fingerprint"
    say "installed $PLUGIN_NAME into $target"
}

# The integ-test-zip bundles no JDK: point it at the machine's (Java 17 or newer).
java_home() {
    if [[ -n "${ES_JAVA_HOME:-}" ]]; then
        echo "$ES_JAVA_HOME"
    elif [[ -n "${JAVA_HOME:-}" ]]; then
        echo "$JAVA_HOME"
    else
        dirname "$(dirname "$(readlink -f "$(command -v java)")")"
    fi
}

es_user() {
    [[ $IS_ROOT -eq 1 ]] || return 0
    if ! id -u "$ES_USER" >/dev/null 2>&1; then
        say "creating system user '$ES_USER' to run Elasticsearch (it refuses to run as root)"
        useradd --system --no-create-home --home-dir "$SERVICES_DIR" --shell /usr/sbin/nologin "$ES_USER"
    fi
    chown -R "$ES_USER:" "$ES_HOME" "$ES_DATA" "$ES_LOGS"
    chown "$ES_USER:" "$SERVICES_DIR"
}

# Sets ES_PLUGIN_OK: the caller fails after printing the URLs when the plugin is missing.
ES_PLUGIN_OK=1
es_report() {
    say "Elasticsearch $(es_version) is answering at $ES_URL"
    if es_has_plugin; then
        say "the node has the $PLUGIN_NAME analysis plugin"
    else
        ES_PLUGIN_OK=0
        warn "the node at $ES_URL does NOT have the $PLUGIN_NAME plugin: Wagtail's index settings" \
            "(asciifolding, ngram, edge_ngram) will be rejected. Stop that node and run '$0 start'."
    fi
}

es_start() {
    need curl "Install curl (Debian: apt-get install curl)."
    if es_up; then
        if es_our_pid >/dev/null; then
            say "Elasticsearch (pid $(es_our_pid)) is already running"
        else
            say "a node that this script did not start is answering at $ES_URL"
        fi
        es_report
        return
    fi
    need java "Install a Java 17 runtime (Debian: apt-get install default-jdk-headless)."
    mkdir -p "$SERVICES_DIR" "$ES_DATA" "$ES_LOGS"
    es_distribution
    es_plugin
    es_user
    rm -f "$ES_PIDFILE"
    say "starting Elasticsearch $ES_VERSION on $ES_URL (heap $ES_HEAP, data in $ES_DATA)"
    # -d daemonises; security off (else it generates TLS certificates on first start and wants a
    # password); the disk watermarks off so a full-ish laptop disk never turns indexes read-only.
    # Run from ES_HOME: the JVM writes gc.log and crash files relative to its working directory.
    cd "$ES_HOME"
    as_es_user env ES_JAVA_HOME="$(java_home)" ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP ${ES_EXTRA_JAVA_OPTS:-}" \
        "$ES_HOME/bin/elasticsearch" -d -p "$ES_PIDFILE" \
        -E cluster.name=connected-places-hub \
        -E node.name=cph-local \
        -E network.host="$ES_HOST" \
        -E http.port="$ES_PORT" \
        -E discovery.type=single-node \
        -E xpack.security.enabled=false \
        -E cluster.routing.allocation.disk.threshold_enabled=false \
        -E path.data="$ES_DATA" \
        -E path.logs="$ES_LOGS" \
        >"$SERVICES_DIR/es-start.out" 2>&1 </dev/null ||
        {
            tail -n 40 "$SERVICES_DIR/es-start.out" >&2
            es_log_tail
            die "Elasticsearch did not start."
        }
    local waited=0
    until es_get "/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; do
        if ((waited >= ES_START_TIMEOUT)); then
            es_log_tail
            die "Elasticsearch was not healthy within ${ES_START_TIMEOUT}s (log: $ES_LOGS)."
        fi
        if [[ -f "$ES_PIDFILE" ]] && ! es_our_pid >/dev/null && ((waited > 10)); then
            es_log_tail
            die "Elasticsearch exited during start-up (log: $ES_LOGS)."
        fi
        sleep 2
        waited=$((waited + 2))
    done
    say "Elasticsearch is up (health $(es_get '/_cluster/health?filter_path=status' | cut -d'"' -f4)) after ~${waited}s"
    es_report
}

es_log_tail() {
    local log="$ES_LOGS/connected-places-hub.log"
    if [[ -f "$log" ]]; then
        printf '[services] --- last lines of %s ---\n' "$log" >&2
        tail -n 40 "$log" >&2
    fi
}

es_stop() {
    local pid
    if ! pid="$(es_our_pid)"; then
        if es_up 2>/dev/null; then
            say "a node this script did not start is answering at $ES_URL; leaving it alone"
        else
            say "Elasticsearch is not running"
        fi
        rm -f "$ES_PIDFILE"
        return
    fi
    say "stopping Elasticsearch (pid $pid)"
    kill "$pid"
    local i
    for i in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        die "Elasticsearch (pid $pid) is still running after 60s."
    fi
    rm -f "$ES_PIDFILE"
    say "Elasticsearch stopped"
}

es_status() {
    if es_up; then
        local owner="started by this script, pid $(es_our_pid || true)"
        es_our_pid >/dev/null || owner="not started by this script"
        say "Elasticsearch: $(es_version) at $ES_URL ($owner)"
        if es_has_plugin; then
            say "Elasticsearch: $PLUGIN_NAME plugin installed"
        else
            say "Elasticsearch: $PLUGIN_NAME plugin MISSING"
        fi
    else
        say "Elasticsearch: not running at $ES_URL"
    fi
}

print_urls() {
    cat <<EOF

Export these to run the site and the tests against the real services:

    export DATABASE_URL=$DATABASE_URL
    export ELASTICSEARCH_URL=$ES_URL

EOF
}

# --- main ---------------------------------------------------------------------------------------

usage() {
    echo "usage: $0 start|stop|status [postgres|elasticsearch]" >&2
    exit 2
}

action="${1:-}"
which="${2:-all}"
case "$which" in
    all | postgres | elasticsearch) ;;
    *) usage ;;
esac
run_pg() { [[ $which == all || $which == postgres ]]; }
run_es() { [[ $which == all || $which == elasticsearch ]]; }

case "$action" in
    start)
        if run_pg; then pg_start; fi
        if run_es; then es_start; fi
        print_urls
        [[ $ES_PLUGIN_OK -eq 1 ]] || die "Elasticsearch at $ES_URL lacks the $PLUGIN_NAME plugin (see above)."
        ;;
    stop)
        if run_es; then es_stop; fi
        if run_pg; then pg_stop; fi
        ;;
    status)
        if run_pg; then pg_status; fi
        if run_es; then es_status; fi
        ;;
    *) usage ;;
esac
