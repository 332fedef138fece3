package dev.switchboard.adapters.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Outbox claims held in memory, for a database only this process can open (H2 in this process:
 * {@link EmbeddedDatabase#inProcess}): every dispatcher that can see its outbox runs here, so a
 * claim needs no write, no row lock and no commit of its own, where H2 would write a chunk of
 * B-tree pages for each. One set of claims per database, shared by everything in this process that
 * opens it, as the database itself is. A claim is held until its lease runs out or it is released;
 * releases of completed or postponed entries take effect once their transaction committed.
 *
 * <p>Selecting and claiming run {@link #exclusively}, and a release waits for them: a selection
 * whose snapshot was taken before a completion committed still sees the completed entry, which must
 * then still be claimed, or it would be handed out a second time.
 */
final class LocalClaims {

  private static final Map<String, LocalClaims> BY_DATABASE = new ConcurrentHashMap<>();

  private final Map<Long, Instant> until = new ConcurrentHashMap<>();

  /** The claims of the database named {@code database} (see {@link EmbeddedDatabase#inProcess}). */
  static LocalClaims of(String database) {
    return BY_DATABASE.computeIfAbsent(database, name -> new LocalClaims());
  }

  /** How many claims are held or not yet found expired. */
  int size() {
    return until.size();
  }

  /** Whether entry {@code id} is claimed and its lease has not run out at {@code now}. */
  boolean held(long id, Instant now) {
    Instant lease = until.get(id);
    return lease != null && !lease.isBefore(now);
  }

  /** Whether entry {@code id} is claimed, whether or not its lease ran out. */
  boolean claimed(long id) {
    return until.containsKey(id);
  }

  /**
   * Claims entry {@code id} until {@code leaseEnd} unless another claim holds it at {@code now}.
   */
  boolean claim(long id, Instant now, Instant leaseEnd) {
    boolean[] won = new boolean[1];
    until.compute(
        id,
        (key, lease) -> {
          if (lease != null && !lease.isBefore(now)) {
            return lease;
          }
          won[0] = true;
          return leaseEnd;
        });
    return won[0];
  }

  /** Runs {@code selection} with no other selection and no release running meanwhile. */
  synchronized <T> T exclusively(Supplier<T> selection) {
    return selection.get();
  }

  synchronized void release(long id) {
    until.remove(id);
  }

  synchronized void releaseAll() {
    until.clear();
  }

  /** Releases the claims whose lease ended before {@code now}; returns how many. */
  synchronized int releaseExpired(Instant now) {
    int[] released = new int[1];
    until
        .entrySet()
        .removeIf(
            claim -> {
              boolean expired = claim.getValue().isBefore(now);
              released[0] += expired ? 1 : 0;
              return expired;
            });
    return released[0];
  }
}
