#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests.
#
#   scripts/pg-cluster.sh start DIR   init + start; writes the admin URL to DIR/url and prints it
#   scripts/pg-cluster.sh stop DIR    stop it and remove its data (no error if it is not running)
#
# DIR holds: url, log, datadir (path of the data directory, which may live outside DIR),
# and the data itself when the server user can reach DIR.
# The cluster trusts every local connection and skips fsync: never use it for real data.
set -euo pipefail

die() { echo "pg-cluster: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: $0 start|stop DIR"
cmd=$1
dir=$2

pg_bin() {
    local bin
    # Highest major version first; `sort -V` copes with 9.6 < 15.
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$bin" ] && [ -x "$bin/initdb" ] ||
        die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
    echo "$bin"
}

# initdb and postgres refuse to run as root, so root hands them to the postgres user.
run_as() {  # run_as USER CMD...
    local user=$1; shift
    if [ "$(id -un)" = "$user" ]; then
        "$@"
    else
        # cd / so the server user is not left in a directory it cannot read (e.g. /root).
        (cd / && runuser -u "$user" -- "$@")
    fi
}

start() {
    local bin user base data log sock port locale url attempt
    bin=$(pg_bin)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)

    if [ -f "$dir/datadir" ] && [ -f "$dir/url" ]; then
        data=$(cat "$dir/datadir")
        if run_as "$(stat -c %U "$data")" "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; then
            cat "$dir/url"
            return 0
        fi
        die "$dir holds a stopped cluster; run '$0 stop $dir' first"
    fi

    user=$(id -un)
    base=$dir
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (apt-get install postgresql)"
        user=postgres
        chown postgres: "$dir"
        # The server must reach its data and log; a repo under /root (mode 700) is out of reach.
        if ! run_as postgres test -w "$dir" -a -x "$dir"; then
            base=$(mktemp -d /tmp/sammen-pg.XXXXXX)
            chown postgres: "$base"
        fi
    fi
    data=$base/data
    log=$base/log
    # Unix socket paths are limited to ~107 bytes; a deep checkout would overflow it.
    sock=$base/sock
    if [ ${#sock} -gt 90 ]; then
        sock=$(mktemp -d /tmp/sammen-pgsock.XXXXXX)
        chown "$user": "$sock"
        echo "$sock" >"$dir/sockdir"
    else
        run_as "$user" mkdir -p "$sock"
    fi
    echo "$data" >"$dir/datadir"
    [ "$base" = "$dir" ] || ln -sfn "$log" "$dir/log"

    # C.UTF-8 gives lower()/ILIKE real Unicode case folding (æ/ø/å); plain C does not.
    if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then locale=C.UTF-8; else locale=C; fi
    run_as "$user" "$bin/initdb" -D "$data" -A trust -U postgres --encoding=UTF8 --locale="$locale" \
        >/dev/null || die "initdb failed"

    # Another process may grab the free port before the server binds it: try a few.
    for attempt in 1 2 3; do
        port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        if run_as "$user" "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
            -o "-h 127.0.0.1 -p $port -k $sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=128MB" \
            start >/dev/null; then
            url="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
            echo "$url" >"$dir/url"
            echo "$url"
            return 0
        fi
        echo "pg-cluster: start on port $port failed (attempt $attempt); log:" >&2
        tail -n 5 "$log" >&2 || true
    done
    die "could not start PostgreSQL; see $log"
}

stop() {
    local bin data base owner
    [ -d "$dir" ] || return 0
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/datadir" ]; then
        data=$(cat "$dir/datadir")
        base=$(dirname "$data")
        if [ -d "$data" ]; then
            bin=$(pg_bin)
            owner=$(stat -c %U "$data")
            # Status 3 means not running (also when a stale postmaster.pid is left behind).
            if run_as "$owner" "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; then
                run_as "$owner" "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
            fi
        fi
        if [ "$base" = "$dir" ]; then
            rm -rf "$data" "$base/sock" "$base/log"
        else
            # Only ever the /tmp directory that start made (see start), never a path read blindly.
            case $base in /tmp/sammen-pg.*) rm -rf "$base" ;; esac
        fi
    fi
    if [ -f "$dir/sockdir" ]; then
        case $(cat "$dir/sockdir") in /tmp/sammen-pgsock.*) rm -rf "$(cat "$dir/sockdir")" ;; esac
    fi
    rm -f "$dir/url" "$dir/datadir" "$dir/sockdir" "$dir/log"
    rmdir "$dir" 2>/dev/null || true
}

case $cmd in
    start) start ;;
    stop) stop ;;
    *) die "usage: $0 start|stop DIR" ;;
esac
