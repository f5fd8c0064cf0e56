package com.jobswipe.config;

import com.jobswipe.bus.Role;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.db.ConnectionSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What the launcher knows about this process and hands to every role: who we are in the cluster,
 * which roles run here, where the database is, the keys that seal data at rest, and whether we are draining
 * for shutdown. Every role verticle is built from this and one record of its own
 * ({@code new IngestionVerticle(node, config.ingestion())}, {@code new ApiVerticle(node, setup)}).
 *
 * @param clusterMembers the node ids currently in the cluster; empty when the event bus is local
 * @param dataKeys the data-encryption keys; every node of a cluster holds the same ones
 * @param draining set once SIGTERM arrives, so readiness turns red before the listener stops
 */
public record NodeContext(
    String nodeId,
    Set<Role> roles,
    boolean clustered,
    Supplier<List<String>> clusterMembers,
    PrometheusMeterRegistry metrics,
    ConnectionSettings database,
    AppConfig config,
    DataKeyRing dataKeys,
    AtomicBoolean draining) {
}
