#!/usr/bin/env bash
# Notification delivery: N users (default 10,000) with one Android phone each, one application event each
# (email + push), through two clustered notification nodes to a real SMTP server (GreenMail) and the local FCM
# replica. Prints deliveries per second per node and p50/p99 event-to-delivery latency per channel.
# Needs what the tests need (PostgreSQL on 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
# Hazelcast (the two nodes are clustered) wants these on Java 17.
opens="--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
# shellcheck disable=SC2086
java -Xmx2g $opens -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  com.jobswipe.bench.NotificationBench "${1:-10000}"
