#!/usr/bin/env bash
# Ingestion throughput and peak memory for N locally served postings (default: 10,000 and 100,000).
# Needs what the tests need (PostgreSQL on 127.0.0.1:5432); run scripts/test once first on a fresh machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
for n in "${@:-10000 100000}"; do
  for count in $n; do
    java -Xmx2g -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn com.jobswipe.bench.IngestionBench "$count"
  done
done
