#!/bin/sh
# Container entrypoint: fills in Fly.io cluster defaults, then replaces itself
# with the JVM so java receives SIGTERM directly. Arguments (e.g. `--roles api`)
# go to the application. Extra JVM flags can be passed in JAVA_OPTS.
set -eu

# On Fly (FLY_APP_NAME is set on every Machine) the nodes find each other over
# the private IPv6 network: bind/advertise this Machine's 6PN address and join
# every started Machine of the app (`<app>.internal` answers with all of them,
# both process groups). Only applied when the variable is unset, so an explicit
# value (including an empty JOBSWIPE_CLUSTER_MEMBERS = run alone) always wins.
if [ -n "${FLY_APP_NAME:-}" ]; then
  if [ -z "${JOBSWIPE_CLUSTER_HOST+set}" ]; then
    JOBSWIPE_CLUSTER_HOST=fly-local-6pn
    export JOBSWIPE_CLUSTER_HOST
  fi
  if [ -z "${JOBSWIPE_CLUSTER_MEMBERS+set}" ]; then
    JOBSWIPE_CLUSTER_MEMBERS="${FLY_APP_NAME}.internal"
    export JOBSWIPE_CLUSTER_MEMBERS
  fi
  echo "entrypoint: Fly app ${FLY_APP_NAME}: cluster host '${JOBSWIPE_CLUSTER_HOST}', members '${JOBSWIPE_CLUSTER_MEMBERS}'" >&2
fi

# Hazelcast on Java 17 reaches JDK internals; the jar manifest carries
# Add-Opens too, but explicit flags also cover the --add-modules/--add-exports.
# MaxRAMPercentage: heap sized from the container/VM memory limit, leaving the
#   rest for metaspace, Netty direct buffers, the ONNX model and Chromium.
# ExitOnOutOfMemoryError: a JVM in an unknown state is worse than a restart.
set -f # JAVA_OPTS is split on spaces on purpose, but never glob-expanded
# shellcheck disable=SC2086
exec java \
  --add-modules java.se \
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens java.base/java.lang=ALL-UNNAMED \
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens java.management/sun.management=ALL-UNNAMED \
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
  -XX:MaxRAMPercentage=75 \
  -XX:+ExitOnOutOfMemoryError \
  -Dfile.encoding=UTF-8 \
  ${JAVA_OPTS:-} \
  -jar /app/jobswipe.jar "$@"
