#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the storage tests.
#
#   .ci/postgres.sh start   start it (initialising it first) and print the SQLAlchemy URL to use,
#                           e.g. export CLINIC_TEST_POSTGRES_URL=$(.ci/postgres.sh start)
#   .ci/postgres.sh stop    stop it by the pid in postmaster.pid and remove its folder
#
# PGTEST_DIR (default /tmp/pgtest) holds the data folder, the log and the socket; PGTEST_PORT (default
# 54329) is the TCP port on 127.0.0.1. Trust authentication, no fsync: never keep real data in it.
set -euo pipefail

dir=${PGTEST_DIR:-/tmp/pgtest}
port=${PGTEST_PORT:-54329}
data=$dir/data
log=$dir/postgres.log
url="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"

server_bin() {
    # Debian keeps initdb and pg_ctl in a versioned folder that is not on PATH; prefer 15, the tested version.
    local initdb
    initdb=$(dpkg -L postgresql-15 2>/dev/null | grep 'bin/initdb$' || true)
    [ -n "$initdb" ] || initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$initdb" ] || initdb=$(command -v initdb || true)
    [ -n "$initdb" ] || { echo "postgres.sh: PostgreSQL server programs not found (apt-get install postgresql-15)" >&2; exit 1; }
    dirname "$initdb"
}

# pg_ctl refuses to run as root: run the server programs as the postgres user then.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running_pid() {
    [ -f "$data/postmaster.pid" ] || return 1
    local pid
    pid=$(head -n 1 "$data/postmaster.pid")
    kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
    if running_pid >/dev/null; then echo "$url"; return; fi
    local bin
    bin=$(server_bin)
    mkdir -p "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    if [ ! -f "$data/PG_VERSION" ]; then
        as_owner "$bin/initdb" -D "$data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
        -o "-c fsync=off -c full_page_writes=off -p $port -k $dir -c listen_addresses=127.0.0.1" start >&2 \
        || { cat "$log" >&2; exit 1; }
    echo "$url"
}

stop() {
    local pid
    if pid=$(running_pid); then
        kill -INT "$pid"  # SIGINT: fast shutdown, disconnecting any clients left over
        for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then echo "postgres.sh: server $pid did not stop" >&2; exit 1; fi
    fi
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
