package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.RawWebhook;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one writer of an inbox: appends share writes ({@link GroupCommit}), up to {@value #MAX_BATCH}
 * webhooks or about {@value #MAX_BATCH_BYTES} bytes at a time, in acceptance order.
 */
final class InboxWriter {

  static final int MAX_BATCH = 512;
  static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;

  private InboxWriter() {}

  /** Starts the writer thread; {@code writeAll} stores a batch, in order, or throws. */
  static GroupCommit<RawWebhook> start(Consumer<List<RawWebhook>> writeAll) {
    return new GroupCommit<>(
        "inbox-writer", MAX_BATCH, MAX_BATCH_BYTES, webhook -> webhook.body().length, writeAll);
  }
}
