#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster:
#   scripts/with-postgres.sh CMD...
# CMD sees SAMMEN_TEST_PG_URL (postgresql+psycopg://postgres@127.0.0.1:PORT/postgres, a
# superuser); the cluster is stopped and removed however CMD ends, and CMD's status is ours.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 CMD..." >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Tests clone a template database per test, i.e. create ~1,000 small files each time. On this
# kind of VM that takes 50-200 ms on the ext4 disk and ~10 ms on tmpfs, so prefer /dev/shm
# when it has room (>= 1 GiB). SAMMEN_PG_TMPDIR overrides the choice.
base=${SAMMEN_PG_TMPDIR:-}
if [ -z "$base" ]; then
    base=${TMPDIR:-/tmp}
    if [ -d /dev/shm ] && [ -w /dev/shm ] &&
        [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -ge 1048576 ] 2>/dev/null; then
        base=/dev/shm
    fi
fi
dir=$(mktemp -d "$base/sammen-test-pg.XXXXXX")

cleanup() { "$here/pg-cluster.sh" stop "$dir" || echo "with-postgres: could not stop the cluster in $dir" >&2; }
trap cleanup EXIT
# A signal must still run the EXIT trap (bash skips it on an untrapped signal).
trap 'exit 130' INT
trap 'exit 143' TERM

SAMMEN_TEST_PG_URL=$("$here/pg-cluster.sh" start "$dir")
export SAMMEN_TEST_PG_URL

set +e
"$@"
status=$?
set -e
exit "$status"
