package com.jobswipe;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.TcpIpConfig;
import com.jobswipe.config.ClusterConfig;
import com.jobswipe.config.ConfigException;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hazelcast configured for TCP-IP join from a member list (never multicast), and the clustered event bus
 * bound to the same address. Member names are resolved here, so a DNS name that answers with every
 * machine's address (Fly's {@code <app>.internal}) joins them all.
 */
final class Cluster {

  private static final String CLUSTER_NAME = "jobswipe";

  private Cluster() {
  }

  static HazelcastClusterManager clusterManager(ClusterConfig config) {
    String host = resolveOne(config.host());
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(CLUSTER_NAME);
    // The launcher leaves the cluster itself, after undeploying; Hazelcast's own hook would race it.
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    // Members are listed explicitly, so there is nothing to wait for before joining.
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.max.wait.seconds.before.join", "0");

    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(config.port()).setPortAutoIncrement(true);
    network.setPublicAddress(host);
    if (isIpv6(host)) {
      hz.setProperty("hazelcast.prefer.ipv4.stack", "false");
    } else {
      hz.setProperty("hazelcast.socket.bind.any", "false");
      network.getInterfaces().setEnabled(true).addInterface(host);
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    TcpIpConfig tcpIp = join.getTcpIpConfig().setEnabled(true);
    for (String member : config.members()) {
      resolveAll(member).forEach(tcpIp::addMember);
    }
    return new HazelcastClusterManager(hz);
  }

  static void configureEventBus(VertxOptions options, ClusterConfig config) {
    String host = resolveOne(config.host());
    options.getEventBusOptions()
        .setHost(host)
        .setPort(config.eventBusPort())
        .setClusterPublicHost(host);
  }

  private static String resolveOne(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new ConfigException("JOBSWIPE_CLUSTER_HOST", "cannot resolve '" + host + "'");
    }
  }

  private static List<String> resolveAll(String member) {
    String host = member;
    String port = "";
    int colon = member.lastIndexOf(':');
    if (colon > 0 && member.indexOf(':') == colon) {
      host = member.substring(0, colon);
      port = member.substring(colon);
    }
    try {
      List<String> members = new ArrayList<>();
      for (InetAddress address : InetAddress.getAllByName(host)) {
        String ip = address.getHostAddress();
        members.add(address instanceof Inet6Address ? "[" + ip + "]" + port : ip + port);
      }
      return members;
    } catch (UnknownHostException e) {
      throw new ConfigException("JOBSWIPE_CLUSTER_MEMBERS", "cannot resolve '" + host + "'");
    }
  }

  private static boolean isIpv6(String address) {
    return address.contains(":");
  }
}
