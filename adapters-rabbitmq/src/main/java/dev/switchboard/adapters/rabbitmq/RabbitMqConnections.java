package dev.switchboard.adapters.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import dev.switchboard.adapters.persistence.PersistenceInstance;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's two connections to RabbitMQ, as RabbitMQ advises: one publishes, one consumes (so
 * that a broker slowing publishers down never holds up acknowledgements). Each is opened on first
 * use, declares the {@link RabbitMqTopology} on a channel it keeps open, and recovers by itself
 * after a network failure or a broker restart (the client's automatic recovery re-declares the
 * topology, re-opens the channels and resumes the consumers). While a connection cannot be opened,
 * its users get a {@link RabbitMqUnavailableException}; a new attempt is made at most once a
 * second.
 *
 * <p>Publishing goes through a pool of channels in confirm mode ({@link #publish}): a publication
 * returns only once the broker confirmed every message of it, and fails on a nack, on a confirm
 * that does not come within {@code switchboard.rabbitmq.confirm-timeout}, on a message the broker
 * could not route (published as mandatory), and while the broker blocks publishers (a memory or
 * disk alarm). A publisher that must not wait, such as the inbox, takes a confirm channel of its
 * own instead ({@link #confirmChannel}) and tracks the confirms itself.
 *
 * <p>Nothing here waits without a bound: opening a connection gives up after {@value
 * #CONNECT_TIMEOUT_MILLIS} ms to connect and {@value #HANDSHAKE_TIMEOUT_MILLIS} ms for the AMQP
 * handshake (and is tried at most once a second), and every other request to the broker, such as
 * opening a channel, after {@value #RPC_TIMEOUT_MILLIS} ms. While a connection is down or
 * recovering, opening a channel on it fails at once.
 *
 * <p>The broker is {@code rabbitmq.uri} ({@code RABBITMQ_URI}), e.g. {@code
 * amqp://user:password@host:5672/vhost}; {@code amqps://} verifies the broker's certificate and
 * host name with the JVM's trust store. The URI is never logged.
 */
@Singleton
@Requires(property = RabbitMqSettings.QUEUE_PROPERTY, value = RabbitMqSettings.RABBITMQ)
public final class RabbitMqConnections implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RabbitMqConnections.class);
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int NETWORK_RECOVERY_MILLIS = 2000;
  static final int CONNECT_TIMEOUT_MILLIS = 5000;
  static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
  static final int RPC_TIMEOUT_MILLIS = 10_000;

  private final ConnectionFactory factory;
  private final RabbitMqTopology topology;
  private final RabbitMqSettings settings;
  private final String instance;
  private final Semaphore publishPermits;
  private final Deque<PooledChannel> idle = new ArrayDeque<>();
  private final Link publishing = new Link("publish");
  private final Link consuming = new Link("consume");
  private volatile boolean blocked;
  private volatile boolean closed;

  /**
   * @param uri the broker ({@code rabbitmq.uri})
   * @param settings how it is used
   * @param instance names the connections in the broker's management view
   */
  @Inject
  public RabbitMqConnections(
      @Value("${rabbitmq.uri:amqp://localhost:5672}") String uri,
      RabbitMqSettings settings,
      PersistenceInstance instance) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.instance = Objects.requireNonNull(instance, "instance").id();
    this.topology = new RabbitMqTopology(settings.getPrefix(), settings.getShards());
    this.publishPermits = new Semaphore(settings.getPublishChannels(), true);
    this.factory = factory(Objects.requireNonNull(uri, "uri"));
  }

  private static ConnectionFactory factory(String uri) {
    ConnectionFactory factory = new ConnectionFactory();
    String scheme;
    try {
      scheme = new URI(uri.strip()).getScheme();
      factory.setUri(uri.strip());
    } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
      // the cause would quote the URI, password included
      throw new IllegalStateException(
          "rabbitmq.uri is not an amqp:// or amqps:// URI such as amqp://user:password@host:5672");
    }
    if ("amqps".equals(scheme == null ? null : scheme.toLowerCase(Locale.ROOT))) {
      try {
        // setUri trusts every certificate for amqps: verify them with the JVM's trust store instead
        factory.useSslProtocol(SSLContext.getDefault());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("no TLS context for amqps", e);
      }
      factory.enableHostnameVerification();
    }
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setNetworkRecoveryInterval(NETWORK_RECOVERY_MILLIS);
    factory.setRequestedHeartbeat(30);
    factory.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
    factory.setHandshakeTimeout(HANDSHAKE_TIMEOUT_MILLIS);
    // the client's default is 10 minutes: too long for a caller that must not be held up
    factory.setChannelRpcTimeout(RPC_TIMEOUT_MILLIS);
    return factory;
  }

  /** The queues and exchange the connections declare. */
  RabbitMqTopology topology() {
    return topology;
  }

  RabbitMqSettings settings() {
    return settings;
  }

  /**
   * Publishes on a pooled confirm channel and waits for the broker's confirms.
   *
   * @throws RabbitMqUnavailableException when the broker did not take every message
   */
  <T> T publish(Publication<T> publication) {
    PooledChannel pooled = borrow();
    boolean healthy = false;
    try {
      pooled.returned = null;
      T result = publication.publish(pooled.channel);
      pooled.channel.waitForConfirmsOrDie(settings.getConfirmTimeout().toMillis());
      if (pooled.returned != null) {
        redeclareTopology();
        throw new RabbitMqUnavailableException(
            "RabbitMQ could not route a message (" + pooled.returned + ")");
      }
      healthy = true;
      return result;
    } catch (IOException | ShutdownSignalException e) {
      throw new RabbitMqUnavailableException("RabbitMQ did not confirm: " + e.getMessage(), e);
    } catch (TimeoutException e) {
      throw new RabbitMqUnavailableException(
          "RabbitMQ did not confirm within " + settings.getConfirmTimeout(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RabbitMqUnavailableException("interrupted while waiting for RabbitMQ", e);
    } finally {
      release(pooled, healthy);
    }
  }

  private PooledChannel borrow() {
    if (closed) {
      throw new RabbitMqUnavailableException("the RabbitMQ connections are closed");
    }
    if (blocked) {
      throw new RabbitMqUnavailableException("RabbitMQ blocks publishers (a resource alarm)");
    }
    try {
      if (!publishPermits.tryAcquire(
          settings.getConfirmTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new RabbitMqUnavailableException(
            "all " + settings.getPublishChannels() + " publishing channels stayed busy");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RabbitMqUnavailableException("interrupted while waiting for a channel", e);
    }
    try {
      PooledChannel pooled;
      synchronized (idle) {
        pooled = idle.pollFirst();
      }
      if (pooled != null && pooled.channel.isOpen()) {
        return pooled;
      }
      if (pooled != null) {
        closeQuietly(pooled.channel);
      }
      return newPublishingChannel();
    } catch (RuntimeException e) {
      publishPermits.release();
      throw e;
    }
  }

  private PooledChannel newPublishingChannel() {
    Channel channel = confirmChannel();
    PooledChannel pooled = new PooledChannel(channel);
    channel.addReturnListener(
        returned -> pooled.returned = returned.getReplyCode() + " " + returned.getReplyText());
    return pooled;
  }

  /**
   * A new channel in confirm mode on the publishing connection (opened first if need be), owned by
   * the caller: it closes it. The connection's automatic recovery re-opens the channel after a
   * network failure, with its publish sequence numbers starting again at 1.
   *
   * @throws RabbitMqUnavailableException when the connections are closed, the broker cannot be
   *     reached, or the channel cannot be opened; within the bounds of the class comment
   */
  Channel confirmChannel() {
    Connection connection = publishing.connection();
    Channel channel = null;
    try {
      channel = connection.createChannel();
      if (channel == null) {
        throw new RabbitMqUnavailableException("RabbitMQ allows no more channels");
      }
      channel.confirmSelect();
      return channel;
    } catch (IOException | ShutdownSignalException e) {
      if (channel != null) {
        abortQuietly(channel);
      }
      throw new RabbitMqUnavailableException(
          "cannot open a RabbitMQ channel: " + Failures.describe(e), e);
    }
  }

  /** Whether the broker blocks the publishing connection (a memory or disk alarm). */
  boolean publishersBlocked() {
    return blocked;
  }

  private void release(PooledChannel pooled, boolean healthy) {
    try {
      if (healthy && !closed && pooled.channel.isOpen()) {
        synchronized (idle) {
          idle.offerFirst(pooled);
        }
      } else {
        closeQuietly(pooled.channel);
      }
    } finally {
      publishPermits.release();
    }
  }

  /** Declares the topology again, after the broker could not route a message; logs a failure. */
  void redeclareTopology() {
    try {
      publishing.redeclare();
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot declare the RabbitMQ queues again: {}", e.toString());
    }
  }

  /**
   * The consuming connection, opened (and the topology declared) when it is not open yet; its
   * consumers run on threads of their own, one per queue.
   *
   * @throws RabbitMqUnavailableException when it cannot be opened
   */
  Connection consuming() {
    return consuming.connection();
  }

  /** Whether the publishing connection is open and publishers are not blocked. */
  public boolean isPublishingHealthy() {
    return publishing.isOpen() && !blocked;
  }

  /**
   * Whether publishing works now: opens the publishing connection when it is not open yet (at most
   * one attempt a second), then {@link #isPublishingHealthy}. For readiness.
   */
  public boolean checkPublishing() {
    try {
      publishing.connection();
    } catch (RabbitMqUnavailableException e) {
      return false;
    }
    return isPublishingHealthy();
  }

  /** Closes both connections (their channels with them); publishing fails from then on. */
  @PreDestroy
  @Override
  public void close() {
    closed = true;
    synchronized (idle) {
      idle.clear();
    }
    publishing.close();
    consuming.close();
  }

  /** Publishes messages on a channel. */
  @FunctionalInterface
  interface Publication<T> {
    T publish(Channel channel) throws IOException;
  }

  /**
   * Closes a channel, ignoring any failure; one closed already is released at once, an open one
   * after the broker's answer or, from a hung broker, after the client's 10 s.
   */
  static void abortQuietly(Channel channel) {
    try {
      channel.abort();
    } catch (IOException | RuntimeException e) {
      LOG.debug("aborting a RabbitMQ channel: {}", e.toString());
    }
  }

  private static void closeQuietly(Channel channel) {
    try {
      if (channel.isOpen()) {
        channel.close();
      }
    } catch (IOException | TimeoutException | RuntimeException e) {
      LOG.debug("closing a RabbitMQ channel: {}", e.toString());
    }
  }

  /** A publishing channel in confirm mode, with the last message the broker returned. */
  private static final class PooledChannel {
    final Channel channel;
    volatile String returned;

    PooledChannel(Channel channel) {
      this.channel = channel;
    }
  }

  /** One connection, opened on first use, with the channel the topology was declared on. */
  private final class Link {
    private final String role;
    private Connection connection;
    private Channel topologyChannel;
    private ExecutorService threads;
    private long nextAttempt = System.nanoTime();

    Link(String role) {
      this.role = role;
    }

    synchronized Connection connection() {
      if (closed) {
        throw new RabbitMqUnavailableException("the RabbitMQ connections are closed");
      }
      if (connection != null) {
        return connection;
      }
      long now = System.nanoTime();
      if (now - nextAttempt < 0) {
        throw new RabbitMqUnavailableException("RabbitMQ cannot be reached (retrying)");
      }
      nextAttempt = now + RETRY_NANOS;
      String name = "switchboard-" + role + " " + instance;
      ExecutorService executor = "consume".equals(role) ? consumerThreads() : null;
      Connection opened = null;
      try {
        opened =
            executor == null ? factory.newConnection(name) : factory.newConnection(executor, name);
        Channel channel = opened.createChannel();
        topology.declare(channel);
        opened.addBlockedListener(
            new BlockedListener() {
              @Override
              public void handleBlocked(String reason) {
                if ("publish".equals(role)) {
                  blocked = true;
                }
                LOG.warn("RabbitMQ blocks the {} connection: {}", role, reason);
              }

              @Override
              public void handleUnblocked() {
                if ("publish".equals(role)) {
                  blocked = false;
                }
                LOG.info("RabbitMQ unblocked the {} connection", role);
              }
            });
        connection = opened;
        topologyChannel = channel;
        threads = executor;
        LOG.info("connected to RabbitMQ ({} connection)", role);
        return opened;
      } catch (IOException | TimeoutException | RuntimeException e) {
        if (opened != null) {
          opened.abort();
        }
        if (executor != null) {
          executor.shutdownNow();
        }
        String why = Failures.describe(e);
        LOG.warn("cannot connect to RabbitMQ and declare the queues ({}): {}", role, why);
        throw new RabbitMqUnavailableException(
            "cannot connect to RabbitMQ and declare the queues: " + why, e);
      }
    }

    private ExecutorService consumerThreads() {
      AtomicInteger count = new AtomicInteger();
      ThreadFactory threadFactory =
          runnable -> {
            Thread thread = new Thread(runnable, "switchboard-rabbitmq-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          };
      // one thread per consumer (ingest and shards) and one spare: a consumer waiting out a
      // failure never holds up another
      return Executors.newFixedThreadPool(topology.shards() + 2, threadFactory);
    }

    synchronized void redeclare() throws IOException {
      if (topologyChannel != null && topologyChannel.isOpen()) {
        topology.declare(topologyChannel);
      }
    }

    synchronized boolean isOpen() {
      return connection != null && connection.isOpen();
    }

    synchronized void close() {
      if (connection != null) {
        try {
          connection.close(AMQP.REPLY_SUCCESS, "switchboard stops", 5000);
        } catch (IOException | RuntimeException e) {
          connection.abort();
        }
        connection = null;
        topologyChannel = null;
      }
      if (threads != null) {
        threads.shutdown();
        threads = null;
      }
    }
  }
}
