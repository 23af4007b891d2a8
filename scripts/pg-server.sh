#!/usr/bin/env bash
# Starts/stops a throwaway PostgreSQL server on 127.0.0.1 for tests (Debian's postgresql package).
#   scripts/pg-server.sh start [DIR] [PORT]   → prints the DATABASE_URL to use
#   scripts/pg-server.sh stop  [DIR]
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:-/tmp/lbr-pg}
port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x $bin/initdb ]] || { echo "PostgreSQL server binaries not found: apt-get install -y postgresql" >&2; exit 1; }
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case $cmd in
  start)
    if [[ ! -f $dir/PG_VERSION ]]; then
      mkdir -p "$dir"; [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
      as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
    as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='app_test'" | grep -q 1 \
      || as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres app_test
    echo "postgresql://postgres@127.0.0.1:$port/app_test"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop [DIR] [PORT]" >&2; exit 2 ;;
esac
