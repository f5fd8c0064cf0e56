package com.jobswipe.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** RabbitMQ for the durable backlog; empty means in-process dispatch with the Postgres reconciler. */
public record RabbitConfig(Optional<URI> uri) {

  static RabbitConfig from(Settings s) {
    return new RabbitConfig(s.optionalUri("RABBITMQ_URI", "rabbitmq.uri", Set.of("amqp", "amqps")));
  }
}
