package dev.switchboard.adapters.rabbitmq;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import java.time.Duration;
import java.util.Objects;

/**
 * How the bridge uses RabbitMQ ({@code switchboard.rabbitmq.*}), read only when {@code
 * switchboard.queue=rabbitmq}. The broker itself is {@code rabbitmq.uri} ({@code RABBITMQ_URI}).
 */
@ConfigurationProperties("switchboard.rabbitmq")
@Requires(property = RabbitMqSettings.QUEUE_PROPERTY, value = RabbitMqSettings.RABBITMQ)
public final class RabbitMqSettings {

  /** The property that selects the queue mode. */
  public static final String QUEUE_PROPERTY = "switchboard.queue";

  /** Its value for RabbitMQ. */
  public static final String RABBITMQ = "rabbitmq";

  private int shards = 8;
  private String prefix = "switchboard.";
  private Duration confirmTimeout = Duration.ofSeconds(10);
  private int publishChannels = 16;
  private int maxAttempts = 5;
  private Duration retryPause = Duration.ofSeconds(1);
  private Duration backlogCache = Duration.ofSeconds(1);
  private Duration shutdownGrace = Duration.ofSeconds(30);

  /**
   * How many shard queues the events are spread over ({@code shards}, default 8). Each customer's
   * events go to one shard; change it only while the shard queues are empty.
   */
  public int getShards() {
    return shards;
  }

  public void setShards(int shards) {
    if (shards < 1 || shards > 1024) {
      throw new IllegalArgumentException("switchboard.rabbitmq.shards must be 1 to 1024");
    }
    this.shards = shards;
  }

  /**
   * What the names of the queues and the exchange begin with ({@code prefix}, default {@code
   * switchboard.}): {@code <prefix>ingest}, {@code <prefix>shard.<n>}, {@code <prefix>dead-letters}
   * and the exchange {@code <prefix>dead-letter}.
   */
  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix").strip();
  }

  /**
   * How long a publish waits for the broker's confirm, and for a free publishing channel ({@code
   * confirm-timeout}, default 10 s); then it fails. An inbox append, which does not wait, fails
   * when its confirm has not come by then (checked every second, or more often for a shorter
   * timeout).
   */
  public Duration getConfirmTimeout() {
    return confirmTimeout;
  }

  public void setConfirmTimeout(Duration confirmTimeout) {
    this.confirmTimeout = positive(confirmTimeout, "confirm-timeout");
  }

  /** How many channels publish at once ({@code publish-channels}, default 16). */
  public int getPublishChannels() {
    return publishChannels;
  }

  public void setPublishChannels(int publishChannels) {
    if (publishChannels < 1) {
      throw new IllegalArgumentException("switchboard.rabbitmq.publish-channels must be positive");
    }
    this.publishChannels = publishChannels;
  }

  /**
   * How many times in a row a message may fail for a reason other than an unavailable store or
   * broker before it goes to the dead letters ({@code max-attempts}, default 5).
   */
  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("switchboard.rabbitmq.max-attempts must be positive");
    }
    this.maxAttempts = maxAttempts;
  }

  /**
   * How long a consumer waits after a failure before the message is tried again ({@code
   * retry-pause}, default 1 s); its queue waits meanwhile, which keeps the order.
   */
  public Duration getRetryPause() {
    return retryPause;
  }

  public void setRetryPause(Duration retryPause) {
    this.retryPause = positive(retryPause, "retry-pause");
  }

  /** How long a reading of the backlog is reused ({@code backlog-cache}, default 1 s). */
  public Duration getBacklogCache() {
    return backlogCache;
  }

  public void setBacklogCache(Duration backlogCache) {
    Objects.requireNonNull(backlogCache, "backlogCache");
    if (backlogCache.isNegative()) {
      throw new IllegalArgumentException("switchboard.rabbitmq.backlog-cache must not be negative");
    }
    this.backlogCache = backlogCache;
  }

  /**
   * How long stopping waits for the messages being handled to finish ({@code shutdown-grace},
   * default 30 s); what is unfinished then is delivered again later.
   */
  public Duration getShutdownGrace() {
    return shutdownGrace;
  }

  public void setShutdownGrace(Duration shutdownGrace) {
    this.shutdownGrace = positive(shutdownGrace, "shutdown-grace");
  }

  private static Duration positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("switchboard.rabbitmq." + name + " must be positive");
    }
    return duration;
  }

  @Override
  public String toString() {
    return "RabbitMqSettings[shards="
        + shards
        + ", prefix="
        + prefix
        + ", confirmTimeout="
        + confirmTimeout
        + ", publishChannels="
        + publishChannels
        + ", maxAttempts="
        + maxAttempts
        + ", retryPause="
        + retryPause
        + "]";
  }
}
