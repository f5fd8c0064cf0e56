#!/usr/bin/env bash
# Analytics reports over a year of data: generates IMPRESSIONS feed impressions (default 10,000,000), a tenth as
# many swipes and a hundredth as many applications with generate_series, runs the first full rollup, then times
# each report cold and warm as JSON and CSV. Needs what the tests need (PostgreSQL on 127.0.0.1:5432).
# REPORTS_BENCH_KEEP=1 keeps the generated database. Figures: docs/analytics.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
java -Xmx1g -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  com.jobswipe.bench.ReportsBench "${1:-10000000}"
