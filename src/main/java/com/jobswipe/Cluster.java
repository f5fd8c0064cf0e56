package com.jobswipe;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.TcpIpConfig;
import com.jobswipe.config.ClusterConfig;
import com.jobswipe.config.ConfigException;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hazelcast configured for TCP-IP join from a member list (never multicast), and the clustered event bus
 * bound to the same address, with mutual TLS when the cluster's certificates are configured. Hazelcast's
 * open-source edition has no TLS: its port must be reachable only on the private network. Member names are
 * resolved here, so a DNS name that answers with every machine's address (Fly's {@code <app>.internal}) joins
 * them all.
 */
final class Cluster {

  private static final Logger log = LoggerFactory.getLogger(Cluster.class);

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
    // A fixed port: auto-increment could land on the event bus port of another node on the same host.
    network.setPort(config.port()).setPortAutoIncrement(false);
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
    EventBusOptions eventBus = options.getEventBusOptions()
        .setHost(host)
        .setPort(config.eventBusPort())
        .setClusterPublicHost(host);
    config.tls().ifPresent(tls -> eventBus
        .setSsl(true)
        // Both ends prove membership: a connecting node must present a certificate from the cluster CA, and
        // the node it connects to must too. Vert.x's bus client never checks host names (Machines come and go
        // with new private addresses); membership is "holds a key certified by our CA", so that CA signs
        // nothing but cluster nodes.
        .setClientAuth(ClientAuth.REQUIRED)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(tls.caPem())))
        .setKeyCertOptions(new PemKeyCertOptions()
            .addCertValue(Buffer.buffer(tls.certificatePem()))
            .addKeyValue(Buffer.buffer(tls.keyPem()))));
    log.info("clustered event bus on {}:{} with {}", host, config.eventBusPort(),
        config.tls().isPresent() ? "mutual TLS" : "plain TCP (no JOBSWIPE_CLUSTER_TLS_*)");
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
      // On Fly, <app>.internal lists only started machines: at first boot it may not answer yet. Start with
      // the members that do resolve (possibly none: this node then founds the cluster the others join).
      log.warn("cluster member '{}' does not resolve now; starting without it", host);
      return List.of();
    }
  }

  private static boolean isIpv6(String address) {
    return address.contains(":");
  }
}
