#!/usr/bin/env bash
# Helpers to start and stop the loopback Chroma server and PostgreSQL used by the
# integration tests. Sourced by run-tests.sh; exports HDS_TEST_CHROMA_URL and HDS_TEST_PG_URL.
start_test_servers() {
  local base; base=$(mktemp -d /tmp/hds-servers.XXXXXX)
  TEST_SERVERS_BASE=$base
  local cport=$(( 18000 + RANDOM % 1000 )) pport=$(( 15400 + RANDOM % 500 ))
  "$VENV/bin/chroma" run --path "$base/chroma" --host 127.0.0.1 --port "$cport" >>"$HDS_TEST_SERVERS_LOG" 2>&1 &
  CHROMA_PID=$!
  local pgbin; pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -n 1 || true)
  if [ -n "$pgbin" ]; then
    local pguser=postgres
    if [ "$(id -u)" = 0 ]; then
      mkdir -p "$base/pg" && chown postgres "$base/pg"
      su postgres -c "$pgbin/initdb -D $base/pg/data -A trust -U postgres" >>"$HDS_TEST_SERVERS_LOG" 2>&1
      su postgres -c "$pgbin/pg_ctl -D $base/pg/data -o '-k $base/pg -c listen_addresses=127.0.0.1 -p $pport' -l $base/pg/log start -w" >>"$HDS_TEST_SERVERS_LOG" 2>&1
    else
      "$pgbin/initdb" -D "$base/pg/data" -A trust -U postgres >>"$HDS_TEST_SERVERS_LOG" 2>&1
      "$pgbin/pg_ctl" -D "$base/pg/data" -o "-k $base/pg -c listen_addresses=127.0.0.1 -p $pport" -l "$base/pg/log" start -w >>"$HDS_TEST_SERVERS_LOG" 2>&1
    fi
    export HDS_TEST_PG_URL="postgresql://postgres@127.0.0.1:$pport/postgres"
    PG_BIN=$pgbin
  fi
  for _ in $(seq 1 60); do
    if curl -sf "http://127.0.0.1:$cport/api/v2/heartbeat" >/dev/null 2>&1; then break; fi
    sleep 1
  done
  export HDS_TEST_CHROMA_URL="http://127.0.0.1:$cport"
}

stop_test_servers() {
  [ -n "${CHROMA_PID:-}" ] && kill "$CHROMA_PID" 2>/dev/null || true
  if [ -n "${PG_BIN:-}" ]; then
    if [ "$(id -u)" = 0 ]; then
      su postgres -c "$PG_BIN/pg_ctl -D $TEST_SERVERS_BASE/pg/data stop -m fast" >/dev/null 2>&1 || true
    else
      "$PG_BIN/pg_ctl" -D "$TEST_SERVERS_BASE/pg/data" stop -m fast >/dev/null 2>&1 || true
    fi
  fi
  rm -rf "${TEST_SERVERS_BASE:-/nonexistent}"
}
