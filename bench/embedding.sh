#!/usr/bin/env bash
# Embedding throughput for job-length texts: the raw in-process model vs the same texts through embedding.embed on
# the event bus from concurrent callers. Arguments: [texts] [callers] [texts per request] [rounds]
# (defaults 400 8 8 8; each round embeds the texts once each way). Needs no services.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
java -Xmx1g -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl=error \
  com.jobswipe.bench.EmbeddingBench "$@"
