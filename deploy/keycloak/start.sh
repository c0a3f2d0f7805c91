#!/usr/bin/env bash
# Starts the real Keycloak distribution on loopback with the Agora realm, for `agora serve --keycloak` and the
# Keycloak integration test. Keycloak comes from Maven Central (org.keycloak:keycloak-quarkus-dist) through the
# project's Maven wrapper and is unpacked once. Prints the realm URL on stdout when Keycloak is ready; a Keycloak
# already started by this script is reused.
#   deploy/keycloak/start.sh          start (or reuse) and print the realm URL
#   deploy/keycloak/start.sh stop     stop it
# Settings: AGORA_KEYCLOAK_HOME (default: <repo>/.keycloak), AGORA_KEYCLOAK_PORT (default 8180).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version=26.7.3
home="${AGORA_KEYCLOAK_HOME:-$root/.keycloak}"
port="${AGORA_KEYCLOAK_PORT:-8180}"
dist="$home/keycloak-$version"
pidfile="$home/keycloak.pid"
realm_url="http://127.0.0.1:$port/realms/agora"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

if [ "${1:-}" = "stop" ]; then
  if running; then
    pid="$(cat "$pidfile")"
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -f "$pidfile"
  exit 0
fi

mkdir -p "$home"
if [ ! -x "$dist/bin/kc.sh" ]; then
  echo "keycloak: fetching keycloak-quarkus-dist $version through Maven (once)..." >&2
  (cd "$root" && ./mvnw -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" \
      -DoutputDirectory="$home" -Dmdep.overWriteIfNewer=true >&2)
  (cd "$home" && unzip -q -o "keycloak-quarkus-dist-$version.zip" && rm -f "keycloak-quarkus-dist-$version.zip")
fi
mkdir -p "$dist/data/import"
# Keycloak imports a realm only when it does not have it yet: when the realm file changed since the last import, the
# development database goes (a Keycloak started here is stopped first), so the new realm is what runs.
sum="$(sha256sum "$here/realm-agora.json" | cut -d' ' -f1)"
if [ "$(cat "$home/realm.sha256" 2>/dev/null)" != "$sum" ]; then
  if running; then "$0" stop; fi
  rm -rf "$dist/data/h2"
fi
cp "$here/realm-agora.json" "$dist/data/import/realm-agora.json"

if ! running; then
  echo "keycloak: starting on 127.0.0.1:$port (about a minute the first time)..." >&2
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="${AGORA_KEYCLOAK_ADMIN_PASSWORD:-admin}" \
    setsid "$dist/bin/kc.sh" start-dev --http-port="$port" --http-host=127.0.0.1 --import-realm \
    > "$home/keycloak.log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
fi
for _ in $(seq 1 300); do
  if curl -fsS "$realm_url/.well-known/openid-configuration" > /dev/null 2>&1; then
    echo "$sum" > "$home/realm.sha256"   # imported: the next start keeps this database
    echo "$realm_url"
    exit 0
  fi
  running || { echo "keycloak: it stopped; see $home/keycloak.log" >&2; exit 1; }
  sleep 1
done
echo "keycloak: not ready after 300 s; see $home/keycloak.log" >&2
exit 1
