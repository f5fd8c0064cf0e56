package com.jobswipe.config;

import java.nio.file.Path;

/** EmptyRequest the process reads at start, validated once. Each feature takes only its own record. */
public record AppConfig(
    Path dataDir,
    HttpConfig http,
    DatabaseConfig database,
    ClusterConfig cluster,
    RedisConfig redis,
    RabbitConfig rabbit,
    EmbeddingConfig embedding,
    AutomationConfig automation,
    AutomationQueueConfig automationQueue,
    AccountsConfig accounts,
    FetchConfig fetch,
    AuthConfig auth,
    DataKeysConfig dataKeys,
    RateLimitConfig rateLimit,
    OAuthConfig oauth,
    IngestionConfig ingestion,
    MatchingConfig matching,
    PushConfig push,
    MailConfig mail,
    SocketConfig sockets,
    AuditConfig audit,
    ParsingConfig parsing) {

  public static AppConfig from(Settings s) {
    return new AppConfig(
        Path.of(s.string("JOBSWIPE_DATA_DIR", "dataDir")).toAbsolutePath().normalize(),
        HttpConfig.from(s),
        DatabaseConfig.from(s),
        ClusterConfig.from(s),
        RedisConfig.from(s),
        RabbitConfig.from(s),
        EmbeddingConfig.from(s),
        AutomationConfig.from(s),
        AutomationQueueConfig.from(s),
        AccountsConfig.from(s),
        FetchConfig.from(s),
        AuthConfig.from(s),
        DataKeysConfig.from(s),
        RateLimitConfig.from(s),
        OAuthConfig.from(s),
        IngestionConfig.from(s),
        MatchingConfig.from(s),
        PushConfig.from(s),
        MailConfig.from(s),
        SocketConfig.from(s),
        AuditConfig.from(s),
        ParsingConfig.from(s));
  }
}
