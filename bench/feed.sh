#!/usr/bin/env bash
# Feed latency (p50/p99) and HTTP throughput next to a bare Vert.x JSON endpoint, at N open jobs
# (default: 10,000 and 100,000). Needs what the tests need (PostgreSQL on 127.0.0.1:5432).
# Optional: FEED_BENCH_SECONDS (load phase length, default 15), FEED_BENCH_CONNECTIONS (default 32).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
for n in ${@:-10000 100000}; do
  java -Xmx4g -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dorg.slf4j.simpleLogger.log.com.jobswipe.matching=info \
    com.jobswipe.bench.FeedBench "$n" "${FEED_BENCH_SECONDS:-15}" "${FEED_BENCH_CONNECTIONS:-32}"
done
