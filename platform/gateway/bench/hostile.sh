#!/usr/bin/env bash
# The hostile-input suite (HostileRequests: 230 malformed or hostile requests over every endpoint) against a
# packaged gateway. With no arguments it starts one itself on a fresh data folder (as CI does); with a URL and the
# gateway's data folder (for the admin's credentials) it runs against that gateway, for example one that
# `./agora serve --data /tmp/agora-hostile --port 18099` started:
#   platform/gateway/bench/hostile.sh [URL DATA_DIR]
# It fails on any 5xx, any 4xx from /api without problem JSON naming a field, any Java type name or stack trace in
# a body, a baseline market whose state changed, or a gateway no longer healthy.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
props=()
if [ $# -ge 2 ]; then
  props=(-Dagora.hostile.url="$1" -Dagora.hostile.data="$(cd "$2" && pwd)")
fi
./mvnw -B -q -pl platform/gateway -am verify -DskipTests=false -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=HostileInputIT -Dfailsafe.failIfNoSpecifiedTests=false "${props[@]}"
echo "hostile suite: passed (platform/gateway/target/failsafe-reports/io.agora.gateway.HostileInputIT.txt)"
