package dev.switchboard.adapters.rabbitmq;

import dev.switchboard.application.pipeline.RawWebhook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Publishes accepted webhooks to the ingest queue in batches, the broker's group commit: one thread
 * ({@value #THREAD}) publishes whatever waits as one message ({@link WebhookBatches}) as soon as
 * fewer than {@code maxInFlight} of its messages wait for their confirm; while they do, more
 * webhooks gather for the next. A lone webhook goes out at once; under load one message, one write
 * and one confirm of the broker serve many webhooks, where RabbitMQ's cost is per message. Each
 * webhook's future completes when its message is confirmed, or fails with it; in acceptance order.
 */
final class IngestBatcher implements AutoCloseable {

  static final String THREAD = "switchboard-rabbitmq-batches";

  private final ConfirmedPublisher publisher;
  private final int maxItems;
  private final long maxBytes;
  private final Semaphore inFlight;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean holding; // the writer holds a webhook it has not published yet

  /**
   * @param maxItems the most webhooks in one message
   * @param maxBytes once a batch holds this many bytes it takes no more (a larger webhook goes
   *     alone)
   * @param maxInFlight the most messages waiting for their confirm at once
   */
  IngestBatcher(ConfirmedPublisher publisher, int maxItems, long maxBytes, int maxInFlight) {
    if (maxItems < 1 || maxBytes < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("batches need room for one webhook, one in flight");
    }
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.maxItems = maxItems;
    this.maxBytes = maxBytes;
    this.inFlight = new Semaphore(maxInFlight);
    this.thread = new Thread(this::run, THREAD);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues the webhook; the future completes once the broker confirmed it, or fails. */
  CompletableFuture<Void> submit(RawWebhook webhook) {
    Pending pending = new Pending(Objects.requireNonNull(webhook, "webhook"));
    queue.add(pending);
    if (closed && queue.remove(pending)) {
      pending.done.completeExceptionally(closedFailure());
    }
    return pending.done;
  }

  private void run() {
    while (!closed) {
      Pending first;
      try {
        first = queue.take();
      } catch (InterruptedException stopping) {
        continue; // closed: close() fails what waits
      }
      holding = true;
      try {
        inFlight.acquire(); // while the broker holds maxInFlight unconfirmed, webhooks gather
      } catch (InterruptedException stopping) {
        holding = false;
        first.done.completeExceptionally(closedFailure());
        continue;
      }
      List<Pending> batch = new ArrayList<>();
      batch.add(first);
      long bytes = first.webhook.body().length;
      while (batch.size() < maxItems && bytes < maxBytes) {
        Pending next = queue.peek();
        if (next == null || bytes + next.webhook.body().length > maxBytes) {
          break;
        }
        batch.add(queue.poll());
        bytes += next.webhook.body().length;
      }
      publish(batch);
      holding = false;
    }
  }

  private void publish(List<Pending> batch) {
    CompletableFuture<Void> confirmed;
    try {
      List<RawWebhook> webhooks = batch.stream().map(Pending::webhook).toList();
      confirmed =
          publisher.publish(
              Messages.webhooks(webhooks.size(), Instant.now()), WebhookBatches.encode(webhooks));
    } catch (RuntimeException e) {
      confirmed = CompletableFuture.failedFuture(e);
    }
    confirmed.whenComplete(
        (done, failure) -> {
          inFlight.release();
          for (Pending pending : batch) {
            if (failure == null) {
              pending.done.complete(null);
            } else {
              pending.done.completeExceptionally(failure);
            }
          }
        });
  }

  /** How many webhooks wait to be published. */
  int waiting() {
    return queue.size() + (holding ? 1 : 0);
  }

  /** Fails what waits and every later submission; what was published settles with its confirm. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done.completeExceptionally(closedFailure());
    }
  }

  private static RabbitMqUnavailableException closedFailure() {
    return new RabbitMqUnavailableException("the RabbitMQ inbox is closed");
  }

  private record Pending(RawWebhook webhook, CompletableFuture<Void> done) {
    Pending(RawWebhook webhook) {
      this(webhook, new CompletableFuture<>());
    }
  }
}
