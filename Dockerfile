# JobSwipe backend image. One image serves every Fly process group; the roles a
# container runs are the arguments appended to the entrypoint, e.g.
#   docker run jobswipe --roles api
#   docker run jobswipe --roles ingestion,embedding,matching,automation,notification
# With no arguments (and no JOBSWIPE_ROLES) the node runs every role.

# ---------------------------------------------------------------- build stage
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# Dependencies first: this layer is reused as long as pom.xml is unchanged, so a
# source-only change does not re-download the (large) dependency set.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline

COPY src ./src
COPY conf ./conf
# Unit tests run in CI (.ci/run) against real services, which a build container
# does not have; the image build only packages.
RUN mvn -B -q package -DskipTests

# -------------------------------------------------------------- runtime stage
# Debian, not Ubuntu: Ubuntu's chromium is a snap stub that cannot run in a
# container, while Debian ships a real chromium .deb.
FROM debian:bookworm-slim

ENV DEBIAN_FRONTEND=noninteractive
# - openjdk-17-jre-headless: the runtime (pulls ca-certificates-java for the truststore).
# - chromium (+ chromium-sandbox, its setuid fallback when user namespaces are
#   unavailable) and fonts-liberation: the automation role drives it via Playwright.
# - ca-certificates: outbound TLS (job boards, SMTP, APNs, FCM).
# - curl: the HEALTHCHECK below.
# - util-linux: `unshare`, which embedded PostgreSQL needs only when run as root.
# - tini: PID 1 that forwards SIGTERM to java and reaps orphaned Chromium processes.
# mkdir man1: some openjdk postinst scripts fail on -slim images without it.
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless \
      chromium chromium-sandbox fonts-liberation \
      ca-certificates curl util-linux tini \
 && rm -rf /var/lib/apt/lists/*

# A fixed non-root user: embedded PostgreSQL's initdb refuses root, and a
# compromised browser session should not own the container.
RUN groupadd --system --gid 10001 jobswipe \
 && useradd --system --uid 10001 --gid jobswipe --home-dir /home/jobswipe --create-home \
      --shell /usr/sbin/nologin jobswipe \
 && mkdir -p /app /data \
 && chown -R jobswipe:jobswipe /app /data

# LANG: Java 17 derives its default charset from the locale; without it the JVM
#   (and initdb of the embedded PostgreSQL) fall back to ASCII / SQL_ASCII.
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: use Debian's chromium, never download one.
# JOBSWIPE_EVENTBUS_PORT: a fixed port (instead of "any") so it can be published.
ENV LANG=C.UTF-8 \
    PORT=8080 \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    JOBSWIPE_CHROMIUM=/usr/bin/chromium \
    JOBSWIPE_DATA_DIR=/data \
    JOBSWIPE_CLUSTER_PORT=5701 \
    JOBSWIPE_EVENTBUS_PORT=5702

COPY --from=build --chown=jobswipe:jobswipe /build/target/jobswipe.jar /app/jobswipe.jar
COPY --chown=jobswipe:jobswipe scripts/docker-entrypoint.sh /app/docker-entrypoint.sh
RUN chmod 0755 /app/docker-entrypoint.sh

# Numeric, so orchestrators (e.g. Kubernetes runAsNonRoot) can verify it.
USER 10001:10001
WORKDIR /app

# 8080 HTTP (API, health; metrics only with JOBSWIPE_OPS_TOKEN); 5701 Hazelcast
# (no TLS: private network only); 5702 clustered event bus (mutual TLS with the
# JOBSWIPE_CLUSTER_TLS_* secrets). Metrics and detailed readiness are on
# JOBSWIPE_OPS_PORT when set (fly.toml: 9091, private network only).
EXPOSE 8080 5701 5702

# Liveness only: readiness depends on PostgreSQL/Redis/cluster, and a container
# should not be restarted because a dependency is down. The start period covers
# first-boot work (embedded PostgreSQL unpack, migrations, model load).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT:-8080}/health/live" || exit 1

# The JVM shutdown hook drains HTTP (JOBSWIPE_SHUTDOWN_GRACE_SECONDS), leaves the
# cluster and stops the embedded database; SIGTERM triggers it.
STOPSIGNAL SIGTERM

# tini -s: works both as PID 1 (docker) and as a child subreaper (Fly, whose own
# init is PID 1). No -g: java must get SIGTERM first and close its browsers itself.
ENTRYPOINT ["/usr/bin/tini", "-s", "--", "/app/docker-entrypoint.sh"]
CMD []
