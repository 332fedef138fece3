package dev.switchboard.adapters.persistence;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.UUID;

/**
 * This process among the instances sharing the database: the id it claims outbox entries under
 * ({@code outbox_entry.claimed_by}). The id is new at every start ({@code host/pid/random}), so the
 * claims in the table tell an operator which process, and which life of it, holds them.
 *
 * <p>Public because {@code adapters-rabbitmq} names this process's broker connections by it.
 */
@Singleton
public final class PersistenceInstance {

  private static final int MAX_LENGTH = 200;

  private final String id;

  @Inject
  public PersistenceInstance() {
    this(
        host()
            + "/"
            + ProcessHandle.current().pid()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8));
  }

  /** An instance with a given id (tests, or a deployment that names its instances). */
  public PersistenceInstance(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank() || id.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("an instance id has 1 to " + MAX_LENGTH + " characters");
    }
    this.id = id;
  }

  public String id() {
    return id;
  }

  private static String host() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      return "host";
    }
    return host.length() > 100 ? host.substring(0, 100) : host;
  }

  @Override
  public String toString() {
    return "PersistenceInstance[" + id + "]";
  }
}
