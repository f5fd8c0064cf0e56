package com.jobswipe.config;

import java.util.List;

/**
 * Hazelcast membership and the clustered event bus.
 *
 * @param host the address this node binds and advertises (Hazelcast and event bus)
 * @param port Hazelcast's port (fixed: two nodes on one host need different ones)
 * @param eventBusPort the clustered event bus TCP port, 0 for any free one
 * @param members TCP-IP join list (hosts or DNS names); empty means no cluster, a local event bus
 */
public record ClusterConfig(String host, int port, int eventBusPort, List<String> members) {

  static ClusterConfig from(Settings s) {
    return new ClusterConfig(
        s.string("JOBSWIPE_CLUSTER_HOST", "cluster.host"),
        s.integer("JOBSWIPE_CLUSTER_PORT", "cluster.port", 1, 65535),
        s.integer("JOBSWIPE_EVENTBUS_PORT", "cluster.eventBusPort", 0, 65535),
        s.list("JOBSWIPE_CLUSTER_MEMBERS", "cluster.members"));
  }

  public boolean enabled() {
    return !members.isEmpty();
  }
}
