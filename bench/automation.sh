#!/usr/bin/env bash
# Applications per minute through the browser side (open, captcha check, fill with uploads, screenshot, submit,
# thank-you page) on local replicas of Greenhouse, Lever, Ashby and a generic careers form, with 1, 2 and 4
# browsers at once; and Chromium's memory per browser and per busy context, from /proc.
# Needs Debian's Chromium (JOBSWIPE_CHROMIUM, default /usr/bin/chromium). Nothing leaves the machine.
# Usage: bench/automation.sh [applications per level] [levels…]   (default: 40 applications at 1 2 4)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 java -Xmx1g -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  com.jobswipe.bench.AutomationBench "$@"
