package com.jobswipe.config;

import java.time.Duration;

/**
 * Live-event WebSockets ({@code /v1/ws}).
 *
 * @param maxPerUser open sockets one user may hold across the whole cluster
 * @param leaseTtl how long a socket's slot stays counted without its node renewing it (renewed every third of
 *                 this): how long a node that died keeps its users' slots taken
 * @param messagesPerMinute messages one socket may send a minute (pings, fresh tokens), in bursts of as many: a
 *                          socket that sends more is closed with 1008
 */
public record SocketConfig(int maxPerUser, Duration leaseTtl, int messagesPerMinute) {

  static SocketConfig from(Settings s) {
    return new SocketConfig(
        s.integer("JOBSWIPE_WS_MAX_PER_USER", "sockets.maxPerUser", 1, 1_000),
        s.seconds("JOBSWIPE_WS_LEASE_SECONDS", "sockets.leaseSeconds", 3, 3_600),
        s.integer("JOBSWIPE_WS_MESSAGES_PER_MINUTE", "sockets.messagesPerMinute", 1, 10_000));
  }
}
