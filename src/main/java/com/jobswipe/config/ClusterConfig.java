package com.jobswipe.config;

import java.util.List;
import java.util.Optional;

/**
 * Hazelcast membership and the clustered event bus.
 *
 * @param host the address this node binds and advertises (Hazelcast and event bus)
 * @param port Hazelcast's port (fixed: two nodes on one host need different ones)
 * @param eventBusPort the clustered event bus TCP port, 0 for any free one
 * @param members TCP-IP join list (hosts or DNS names); empty means no cluster, a local event bus
 * @param tls mutual TLS for the event bus; empty means plain TCP (refused on Fly when clustered)
 */
public record ClusterConfig(String host, int port, int eventBusPort, List<String> members,
                            Optional<ClusterTls> tls) {

  static ClusterConfig from(Settings s) {
    List<String> members = s.list("JOBSWIPE_CLUSTER_MEMBERS", "cluster.members");
    Optional<ClusterTls> tls = ClusterTls.from(s);
    // The bus carries access tokens and user ids between Machines: on Fly, where every Machine of the organisation
    // shares the private network, a clustered node must only talk to holders of a certificate from our own CA.
    if (!members.isEmpty() && tls.isEmpty() && s.inEnvironment("FLY_APP_NAME")) {
      throw new ConfigException("JOBSWIPE_CLUSTER_TLS_CA", "must be set on Fly when clustered (FLY_APP_NAME and "
          + "JOBSWIPE_CLUSTER_MEMBERS are set), with JOBSWIPE_CLUSTER_TLS_CERT and JOBSWIPE_CLUSTER_TLS_KEY: the "
          + "event bus runs mutual TLS (docs/security.md)");
    }
    return new ClusterConfig(
        s.string("JOBSWIPE_CLUSTER_HOST", "cluster.host"),
        s.integer("JOBSWIPE_CLUSTER_PORT", "cluster.port", 1, 65535),
        s.integer("JOBSWIPE_EVENTBUS_PORT", "cluster.eventBusPort", 0, 65535),
        members,
        tls);
  }

  public boolean enabled() {
    return !members.isEmpty();
  }
}
