package dev.switchboard.adapters.persistence;

import static dev.switchboard.adapters.persistence.Samples.DEFAULT;
import static dev.switchboard.adapters.persistence.Samples.OPAQUE;
import static dev.switchboard.adapters.persistence.Samples.PHONE;
import static dev.switchboard.adapters.persistence.Samples.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.application.fakes.CustomerLinksContract;
import dev.switchboard.application.pipeline.DeadLetter;
import dev.switchboard.application.pipeline.DeadLetterFilter;
import dev.switchboard.application.pipeline.InboxEvent;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.MessageKeys;
import dev.switchboard.application.pipeline.MessageTrace;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.Traced;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.out.ContactDirectory;
import dev.switchboard.application.port.out.Conversations;
import dev.switchboard.application.port.out.CustomerLinks;
import dev.switchboard.application.port.out.CustomerRecords;
import dev.switchboard.application.port.out.DeadLetters;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.ForwardedMessages;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.application.port.out.PolledInbox;
import dev.switchboard.application.port.out.ProcessedMessages;
import dev.switchboard.application.port.out.Transactions;
import dev.switchboard.domain.channel.ChannelId;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.Conversation;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.conversation.HeldMessage;
import dev.switchboard.domain.conversation.MessageWindow;
import dev.switchboard.domain.conversation.NumberedOffer;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.MessageOutcome;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every database behind the ports must do, run on each database the bridge supports: the
 * subclasses name the database, this class states the contract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PersistenceContractTest {

  private static final Duration LEASE = Duration.ofSeconds(45);
  private static final WebhookSource WHATSAPP = WebhookSource.of("whatsapp");
  private static final WebhookSource GENESYS = WebhookSource.of("genesys", DEFAULT);
  private static final List<String> TABLES =
      List.of(
          "inbox_event",
          "outbox_entry",
          "outbox_lane",
          "conversation",
          "delivery",
          "message_outcome",
          "held_message",
          "held_status_report",
          "processed_message",
          "contact",
          "customer_link",
          "dead_letter_webhook",
          "dead_letter_outbox",
          "message_trace",
          "forwarded_message");

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private Map<String, Object> properties;
  private ApplicationContext context;
  Jdbc jdbc;
  Transactions transactions;
  PolledInbox inbox;
  Outbox outbox;
  Conversations conversations;
  Deliveries deliveries;
  ProcessedMessages processed;
  DeadLetters deadLetters;
  ContactDirectory contacts;
  OutboxCodec codec;
  CustomerRecords customers;
  ForwardedMessages forwarded;

  /** The configuration of a fresh, empty database (datasource and Flyway properties). */
  abstract Map<String, Object> databaseProperties() throws Exception;

  /** Removes what {@link #databaseProperties()} created. */
  void dropDatabase() throws Exception {}

  @BeforeAll
  void start() throws Exception {
    properties = new HashMap<>(databaseProperties());
    properties.put("switchboard.outbox.claim-lease", LEASE.toSeconds() + "s");
    context = TestDatabases.start(properties, clock);
    jdbc = context.getBean(Jdbc.class);
    transactions = context.getBean(Transactions.class);
    inbox = context.getBean(PolledInbox.class);
    outbox = context.getBean(Outbox.class);
    conversations = context.getBean(Conversations.class);
    deliveries = context.getBean(Deliveries.class);
    processed = context.getBean(ProcessedMessages.class);
    deadLetters = context.getBean(DeadLetters.class);
    contacts = context.getBean(ContactDirectory.class);
    codec = context.getBean(OutboxCodec.class);
    customers = context.getBean(CustomerRecords.class);
    forwarded = context.getBean(ForwardedMessages.class);
  }

  /** The customers' links keep the contract the in-memory fake keeps. */
  @Nested
  class Links extends CustomerLinksContract {
    @Override
    protected CustomerLinks links() {
      return context.getBean(CustomerLinks.class);
    }
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (context != null) {
        context.close();
      }
    } finally {
      dropDatabase();
    }
  }

  @BeforeEach
  void emptyTables() {
    jdbc.inTransaction(
        connection -> {
          for (String table : TABLES) {
            Jdbc.update(connection, "DELETE FROM " + table, statement -> {});
          }
          return null;
        });
    outbox.releaseAllClaims(); // claims held in memory belonged to rows now gone
    // an inbox that is not a table (the journal) forgets what it holds once it is processed
    List<InboxEvent> left = inbox.oldest(Integer.MAX_VALUE);
    if (!left.isEmpty()) {
      transactions.run(() -> inbox.remove(left.get(left.size() - 1).id()));
    }
    assertThat(inbox.backlog()).isZero();
  }

  // ---------------------------------------------------------------- transactions

  @Test
  void an_exception_rolls_back_every_write_of_the_transaction_and_is_rethrown() {
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                transactions.run(
                    () -> {
                      processed.firstTime("whatsapp:wamid.1");
                      contacts.remember(DEFAULT, new Customer(PHONE, "Ana"));
                      outbox.enqueue("lane", Samples.items().get(0));
                      throw boom;
                    }))
        .isSameAs(boom);

    assertThat(processed.firstTime("whatsapp:wamid.1")).isTrue();
    assertThat(contacts.find(DEFAULT, PHONE)).isEmpty();
    assertThat(outbox.pending()).isZero();
  }

  @Test
  void a_transaction_begun_inside_another_joins_it() {
    assertThatThrownBy(
            () ->
                transactions.run(
                    () -> {
                      transactions.run(() -> processed.firstTime("inner"));
                      throw new IllegalStateException("the outer one fails");
                    }))
        .hasMessage("the outer one fails");

    assertThat(processed.firstTime("inner")).as("the inner write was rolled back").isTrue();
  }

  @Test
  void a_transaction_returns_what_its_work_returns() {
    assertThat(transactions.inTransaction(() -> processed.firstTime("k"))).isTrue();
  }

  // ---------------------------------------------------------------- inbox

  private void appendNow(RawWebhook webhook) {
    inbox.append(webhook).toCompletableFuture().join();
  }

  @Test
  void concurrent_appends_are_all_stored_each_callers_in_its_order() throws Exception {
    int threads = 8;
    int each = 250;
    ExecutorService callers = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<CompletableFuture<Void>>>> calls = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int caller = t;
        calls.add(
            callers.submit(
                () -> {
                  List<CompletableFuture<Void>> stages = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    stages.add(
                        inbox
                            .append(webhook(WHATSAPP, caller + ":" + i, clock.instant()))
                            .toCompletableFuture());
                  }
                  return stages;
                }));
      }
      for (Future<List<CompletableFuture<Void>>> call : calls) {
        for (CompletableFuture<Void> stage : call.get(60, TimeUnit.SECONDS)) {
          stage.get(60, TimeUnit.SECONDS);
        }
      }
    } finally {
      callers.shutdownNow();
    }

    List<InboxEvent> stored = inbox.oldest(Integer.MAX_VALUE);
    assertThat(stored).hasSize(threads * each);
    assertThat(inbox.backlog()).isEqualTo(threads * each);
    Map<String, List<Integer>> byCaller = new HashMap<>();
    for (InboxEvent event : stored) {
      String[] parts = body(event.webhook()).split(":");
      byCaller.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
    }
    assertThat(byCaller).hasSize(threads);
    List<Integer> inOrder = IntStream.range(0, each).boxed().toList();
    byCaller.values().forEach(sequence -> assertThat(sequence).isEqualTo(inOrder));
  }

  @Test
  void the_inbox_hands_out_the_oldest_events_first_and_forgets_removed_ones() {
    Instant at = Instant.parse("2026-03-01T09:00:00.123456Z");
    appendNow(webhook(WHATSAPP, "one", at));
    appendNow(webhook(GENESYS, "two", at.plusSeconds(1)));
    appendNow(webhook(WHATSAPP, "three", at.plusSeconds(2)));

    List<InboxEvent> oldest = inbox.oldest(2);

    assertThat(oldest).extracting(event -> body(event.webhook())).containsExactly("one", "two");
    assertThat(oldest)
        .extracting(event -> event.webhook().source())
        .containsExactly(WHATSAPP, GENESYS);
    assertThat(oldest)
        .extracting(event -> event.webhook().receivedAt())
        .containsExactly(at, at.plusSeconds(1));
    assertThat(oldest).extracting(InboxEvent::failedAttempts).containsOnly(0);
    assertThat(oldest.get(0).id()).isLessThan(oldest.get(1).id());
    assertThat(inbox.backlog()).isEqualTo(3);

    inbox.remove(oldest.get(0).id());

    assertThat(inbox.oldest(10))
        .extracting(event -> body(event.webhook()))
        .containsExactly("two", "three");
    assertThat(inbox.backlog()).isEqualTo(2);
  }

  @Test
  void failed_attempts_are_counted_per_event() {
    appendNow(webhook(WHATSAPP, "one", clock.instant()));
    appendNow(webhook(WHATSAPP, "two", clock.instant()));
    long first = inbox.oldest(1).get(0).id();

    inbox.recordFailedAttempt(first);
    inbox.recordFailedAttempt(first);

    assertThat(inbox.oldest(2)).extracting(InboxEvent::failedAttempts).containsExactly(2, 0);
  }

  @Test
  void an_eight_mebibyte_webhook_is_kept_byte_for_byte() {
    byte[] body = new byte[8 * 1024 * 1024 + 1];
    new Random(42).nextBytes(body);

    appendNow(new RawWebhook(WHATSAPP, body, clock.instant()));

    assertThat(inbox.oldest(1).get(0).webhook().body()).isEqualTo(body);
  }

  @Test
  void an_append_is_committed_even_when_the_callers_transaction_rolls_back() {
    assertThatThrownBy(
            () ->
                transactions.run(
                    () -> {
                      appendNow(webhook(WHATSAPP, "kept", clock.instant()));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(inbox.oldest(10)).extracting(event -> body(event.webhook())).containsExactly("kept");
  }

  @Test
  void a_removal_is_part_of_the_callers_transaction() {
    appendNow(webhook(WHATSAPP, "one", clock.instant()));
    long id = inbox.oldest(1).get(0).id();

    assertThatThrownBy(
            () ->
                transactions.run(
                    () -> {
                      inbox.remove(id);
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(inbox.backlog()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- outbox

  @Test
  void only_the_head_of_each_lane_is_claimed() {
    List<OutboxItem> items = Samples.items();
    outbox.enqueue("lane-a", items.get(0));
    outbox.enqueue("lane-a", items.get(1));
    outbox.enqueue("lane-b", items.get(2));

    List<OutboxEntry> claimed = outbox.claimDue(clock.instant(), 10);

    assertThat(claimed).extracting(OutboxEntry::item).containsExactly(items.get(0), items.get(2));
    assertThat(claimed).extracting(OutboxEntry::lane).containsExactly("lane-a", "lane-b");
    assertThat(claimed).extracting(OutboxEntry::failedAttempts).containsOnly(0);
    assertThat(claimed).extracting(OutboxEntry::enqueuedAt).containsOnly(clock.instant());
    assertThat(outbox.claimDue(clock.instant(), 10)).as("claimed, or not a head").isEmpty();
    assertThat(outbox.pending()).isEqualTo(3);
  }

  @Test
  void completing_the_head_lets_the_next_entry_of_its_lane_go() {
    List<OutboxItem> items = Samples.items();
    outbox.enqueue("lane-a", items.get(0));
    outbox.enqueue("lane-a", items.get(1));
    OutboxEntry head = outbox.claimDue(clock.instant(), 10).get(0);

    outbox.complete(head.id());

    assertThat(outbox.claimDue(clock.instant(), 10))
        .extracting(OutboxEntry::item)
        .containsExactly(items.get(1));
    assertThat(outbox.pending()).isEqualTo(1);
  }

  @Test
  void no_more_entries_are_claimed_than_asked_for_oldest_first() {
    List<OutboxItem> items = Samples.items();
    outbox.enqueue("lane-a", items.get(0));
    outbox.enqueue("lane-b", items.get(1));
    outbox.enqueue("lane-c", items.get(2));

    assertThat(outbox.claimDue(clock.instant(), 2))
        .extracting(OutboxEntry::lane)
        .containsExactly("lane-a", "lane-b");
    assertThat(outbox.claimDue(clock.instant(), 2))
        .extracting(OutboxEntry::lane)
        .containsExactly("lane-c");
  }

  @Test
  void a_postponed_entry_waits_until_due_with_its_failure_counted_and_holds_up_its_lane() {
    List<OutboxItem> items = Samples.items();
    outbox.enqueue("lane-a", items.get(0));
    outbox.enqueue("lane-a", items.get(1));
    Instant now = clock.instant();
    OutboxEntry head = outbox.claimDue(now, 10).get(0);

    outbox.postpone(head.id(), now.plusSeconds(30), "HTTP 503 from Genesys");

    assertThat(outbox.claimDue(now.plusSeconds(29), 10)).isEmpty();
    List<OutboxEntry> retried = outbox.claimDue(now.plusSeconds(30), 10);
    assertThat(retried).extracting(OutboxEntry::id).containsExactly(head.id());
    assertThat(retried).extracting(OutboxEntry::failedAttempts).containsExactly(1);
    assertThat(retried).extracting(OutboxEntry::enqueuedAt).containsExactly(now);
    assertThat(column("SELECT last_error FROM outbox_entry WHERE id = " + head.id()))
        .isEqualTo("HTTP 503 from Genesys");
  }

  @Test
  void a_claim_lasts_for_the_configured_lease_then_the_entry_may_be_claimed_again() {
    outbox.enqueue("lane-a", Samples.items().get(0));
    Instant now = clock.instant();
    OutboxEntry claimed = outbox.claimDue(now, 10).get(0);

    if (claimsAreStored()) {
      assertThat(column("SELECT claimed_by FROM outbox_entry WHERE id = " + claimed.id()))
          .isEqualTo(context.getBean(PersistenceInstance.class).id());
    }
    assertThat(outbox.claimDue(now.plus(LEASE), 10)).isEmpty();
    assertThat(outbox.claimDue(now.plus(LEASE).plusSeconds(1), 10))
        .extracting(OutboxEntry::id)
        .containsExactly(claimed.id());
  }

  @Test
  void a_completion_that_rolls_back_leaves_the_entry_claimed() {
    outbox.enqueue("lane-a", Samples.items().get(0));
    Instant now = clock.instant();
    OutboxEntry claimed = outbox.claimDue(now, 10).get(0);

    assertThatThrownBy(
            () ->
                transactions.run(
                    () -> {
                      outbox.complete(claimed.id());
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(outbox.pending()).isEqualTo(1);
    assertThat(outbox.claimDue(now, 10)).as("still claimed").isEmpty();
    transactions.run(() -> outbox.complete(claimed.id()));
    assertThat(outbox.pending()).isZero();
  }

  @Test
  void releasing_all_claims_makes_claimed_entries_due_again() {
    outbox.enqueue("lane-a", Samples.items().get(0));
    outbox.enqueue("lane-b", Samples.items().get(1));
    List<OutboxEntry> claimed = outbox.claimDue(clock.instant(), 10);

    outbox.releaseAllClaims();

    assertThat(outbox.claimDue(clock.instant(), 10))
        .extracting(OutboxEntry::id)
        .containsExactlyElementsOf(claimed.stream().map(OutboxEntry::id).toList());
  }

  @Test
  void releasing_expired_claims_frees_only_the_entries_whose_lease_ran_out() {
    outbox.enqueue("lane-a", Samples.items().get(0));
    Instant first = clock.instant();
    OutboxEntry early = outbox.claimDue(first, 10).get(0);
    outbox.enqueue("lane-b", Samples.items().get(1));
    OutboxEntry late = outbox.claimDue(first.plusSeconds(10), 10).get(0);
    outbox.enqueue("lane-c", Samples.items().get(2));

    assertThat(outbox.releaseExpiredClaims(first.plus(LEASE))).as("no lease ran out yet").isZero();
    assertThat(outbox.releaseExpiredClaims(first.plus(LEASE).plusSeconds(1))).isEqualTo(1);

    if (claimsAreStored()) {
      assertThat(column("SELECT claimed_by FROM outbox_entry WHERE id = " + early.id())).isNull();
      assertThat(column("SELECT claimed_by FROM outbox_entry WHERE id = " + late.id())).isNotNull();
    }
    assertThat(outbox.claimDue(first.plusSeconds(11), 10))
        .as(
            "the released entry is due again; the one still claimed and the unclaimed are not mixed up")
        .extracting(OutboxEntry::id)
        .contains(early.id())
        .doesNotContain(late.id());
    assertThat(outbox.releaseExpiredClaims(first.plus(LEASE).plusSeconds(1))).isZero();
  }

  @Test
  void the_unclaimed_heads_due_before_a_time_are_what_the_reconciliation_finds_left_behind() {
    List<OutboxItem> items = Samples.items();
    Instant enqueued = clock.instant();
    outbox.enqueue("lane-a", items.get(0));
    outbox.enqueue("lane-a", items.get(1));
    outbox.enqueue("lane-b", items.get(2));
    outbox.enqueue("lane-c", items.get(0));
    Instant later = enqueued.plusSeconds(600);
    OutboxEntry claimedC =
        outbox.claimDue(enqueued, 10).stream()
            .filter(entry -> entry.lane().equals("lane-c"))
            .findFirst()
            .orElseThrow();
    outbox.releaseAllClaims();
    List<OutboxEntry> heads = outbox.claimDue(enqueued, 10);
    heads.stream()
        .filter(entry -> !entry.lane().equals("lane-c"))
        .forEach(entry -> outbox.postpone(entry.id(), enqueued, "passing"));

    assertThat(outbox.unclaimedHeadsDueBefore(enqueued, 10))
        .as("due at the time itself is not before it")
        .isEmpty();
    List<Long> overdue = outbox.unclaimedHeadsDueBefore(later, 10);
    assertThat(overdue)
        .as("heads of lanes a and b; the second entry of lane a and the claimed head of c are not")
        .containsExactly(heads.get(0).id(), heads.get(1).id())
        .doesNotContain(claimedC.id());
    assertThat(outbox.unclaimedHeadsDueBefore(later, 1)).containsExactly(heads.get(0).id());
    assertThat(outbox.unclaimedHeadsDueBefore(later.plus(LEASE).plusSeconds(1), 10))
        .as("a claim whose lease ran out still counts as taken until it is released")
        .doesNotContain(claimedC.id());
  }

  // ---------------------------------------------------------------- forwarded messages

  private static OutboxItem.ForwardToContactCenter forwarding(String wamid, String text) {
    return new OutboxItem.ForwardToContactCenter(
        Samples.DEFAULT,
        new InboundMessage(
            wamid,
            new Customer(Samples.PHONE, "Jane"),
            null,
            Samples.AT,
            new InboundContent.Text(text)));
  }

  @Test
  void a_kept_forwarding_is_taken_once_under_any_id_the_report_names() {
    OutboxItem.ForwardToContactCenter hello = forwarding("wamid.kept", "hello");
    transactions.run(() -> forwarded.keep("lane-a", hello));

    Optional<OutboxEntry> taken =
        transactions.inTransaction(
            () -> forwarded.take(Samples.DEFAULT, List.of("genesys-id", "wamid.kept")));

    assertThat(taken).isPresent();
    assertThat(taken.get().item()).isEqualTo(hello);
    assertThat(taken.get().lane()).isEqualTo("lane-a");
    assertThat(taken.get().enqueuedAt()).isEqualTo(clock.instant());
    assertThat(forwarded.take(Samples.DEFAULT, List.of("wamid.kept"))).isEmpty();
    assertThat(forwarded.take(new ConnectionId("sales"), List.of("wamid.kept"))).isEmpty();
  }

  @Test
  void a_forwarding_kept_again_under_its_id_replaces_the_first() {
    forwarded.keep("lane-a", forwarding("wamid.again", "first"));
    forwarded.keep("lane-b", forwarding("wamid.again", "second"));

    assertThat(count("forwarded_message")).isEqualTo(1);
    OutboxEntry taken = forwarded.take(Samples.DEFAULT, List.of("wamid.again")).orElseThrow();
    assertThat(taken.item()).isEqualTo(forwarding("wamid.again", "second"));
    assertThat(taken.lane()).isEqualTo("lane-b");
  }

  @Test
  void kept_forwardings_go_with_the_retention_and_with_their_customers_erasure() {
    forwarded.keep("old-lane", forwarding("wamid.old", "old"));
    clock.advance(Duration.ofDays(31));
    forwarded.keep("new-lane", forwarding("wamid.new", "new"));

    assertThat(customers.deleteForwardedMessagesBefore(clock.instant().minusSeconds(1), 10))
        .isEqualTo(1);
    assertThat(forwarded.take(Samples.DEFAULT, List.of("wamid.old"))).isEmpty();

    forwarded.keep(Lanes.toContactCenter(onDefault(PHONE)), forwarding("wamid.erased", "personal"));
    transactions.run(() -> conversations.save(conversations.lock(onDefault(PHONE))));
    customers.erase(DEFAULT, PHONE);

    assertThat(forwarded.take(Samples.DEFAULT, List.of("wamid.erased"))).isEmpty();
    assertThat(forwarded.take(Samples.DEFAULT, List.of("wamid.new"))).isPresent();
  }

  @Test
  void an_enqueue_is_part_of_the_callers_transaction() {
    assertThatThrownBy(
            () ->
                transactions.run(
                    () -> {
                      outbox.enqueue("lane-a", Samples.items().get(0));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(outbox.pending()).isZero();

    transactions.run(() -> outbox.enqueue("lane-a", Samples.items().get(0)));
    assertThat(outbox.pending()).isEqualTo(1);
  }

  @Test
  void every_kind_of_item_comes_back_from_the_outbox_as_it_went_in() {
    List<OutboxItem> items = Samples.items();
    for (int i = 0; i < items.size(); i++) {
      outbox.enqueue("lane-" + i, items.get(i));
    }

    assertThat(outbox.claimDue(clock.instant(), 100))
        .extracting(OutboxEntry::item)
        .containsExactlyElementsOf(items);
  }

  @Test
  void an_item_that_cannot_be_read_goes_to_the_dead_letters_instead_of_holding_up_its_lane() {
    List<OutboxItem> items = Samples.items();
    outbox.enqueue("lane-a", items.get(0));
    outbox.enqueue("lane-a", items.get(1));
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "UPDATE outbox_entry SET item = '{\"@type\":\"OutboxItem.Gone\"}'"
                    + " WHERE id = (SELECT MIN(id) FROM outbox_entry)",
                statement -> {}));

    assertThat(outbox.claimDue(clock.instant(), 10)).isEmpty();
    assertThat(column("SELECT reason FROM dead_letter_outbox")).startsWith("unreadable item");
    assertThat(outbox.claimDue(clock.instant(), 10))
        .extracting(OutboxEntry::item)
        .containsExactly(items.get(1));
  }

  @Test
  void dispatchers_of_two_instances_racing_never_share_an_entry_nor_run_two_of_a_lane()
      throws Exception {
    int lanes = 8;
    int perLane = 12;
    for (int i = 0; i < perLane; i++) {
      for (int lane = 0; lane < lanes; lane++) {
        outbox.enqueue("lane-" + lane, Samples.items().get((i + lane) % 6));
      }
    }
    Map<String, List<Long>> expected = idsByLane();
    int total = lanes * perLane;
    Map<String, Long> busyLanes = new ConcurrentHashMap<>();
    Map<String, List<Long>> sent = new ConcurrentHashMap<>();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger completed = new AtomicInteger();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);

    try (ApplicationContext other = TestDatabases.start(properties, clock)) {
      Outbox second = other.getBean(Outbox.class);
      assertThat(other.getBean(PersistenceInstance.class).id())
          .isNotEqualTo(context.getBean(PersistenceInstance.class).id());
      ExecutorService workers = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> running = new ArrayList<>();
        for (Outbox dispatcher : List.of(outbox, outbox, second, second)) {
          running.add(
              workers.submit(
                  () -> {
                    while (completed.get() < total && System.nanoTime() < deadline) {
                      for (OutboxEntry entry : dispatcher.claimDue(clock.instant(), 3)) {
                        Long other1 = busyLanes.putIfAbsent(entry.lane(), entry.id());
                        if (other1 != null) {
                          problems.add(entry.id() + " claimed while " + other1 + " was out");
                        }
                        sent.computeIfAbsent(
                                entry.lane(),
                                lane -> Collections.synchronizedList(new ArrayList<>()))
                            .add(entry.id());
                        Thread.yield();
                        busyLanes.remove(entry.lane(), entry.id());
                        dispatcher.complete(entry.id());
                        completed.incrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> worker : running) {
          worker.get(90, TimeUnit.SECONDS);
        }
      } finally {
        workers.shutdownNow();
      }
    }

    assertThat(problems).isEmpty();
    assertThat(completed.get()).isEqualTo(total);
    assertThat(sent).isEqualTo(expected);
    assertThat(outbox.pending()).isZero();
  }

  private Map<String, List<Long>> idsByLane() {
    Map<String, List<Long>> ids = new LinkedHashMap<>();
    jdbc.inTransaction(
        connection ->
            Jdbc.query(
                connection,
                "SELECT lane, id FROM outbox_entry ORDER BY id",
                statement -> {},
                results ->
                    ids.computeIfAbsent(results.getString(1), lane -> new ArrayList<>())
                        .add(results.getLong(2))));
    return ids;
  }

  // ---------------------------------------------------------------- conversations

  @Test
  void a_new_customers_conversation_begins_and_what_is_saved_comes_back() {
    for (CustomerId customer : List.of(PHONE, OPAQUE)) {
      Instant sentAt = Instant.parse("2026-03-01T09:59:58Z");
      transactions.run(
          () -> {
            Conversation conversation = conversations.lock(onDefault(customer));
            assertThat(conversation.key()).isEqualTo(onDefault(customer));
            assertThat(conversation.window()).isEqualTo(MessageWindow.neverOpened());
            assertThat(conversation.route()).isEmpty();
            assertThat(conversation.lastCustomerMessageId()).isEmpty();
            conversation.customerWrote(
                Samples.inbound("wamid.X", customer, "Ana", sentAt, Samples.ROUTE));
            conversations.save(conversation);
          });

      Conversation restored =
          transactions.inTransaction(() -> conversations.lock(onDefault(customer)));

      assertThat(restored.key()).isEqualTo(onDefault(customer));
      assertThat(restored.window()).isEqualTo(new MessageWindow(sentAt));
      assertThat(restored.route()).contains(Samples.ROUTE);
      assertThat(restored.lastCustomerMessageId()).contains("wamid.X");
    }
  }

  @Test
  void what_a_conversation_awaits_from_the_customer_is_saved_and_comes_back() {
    Instant heldAt = Instant.parse("2026-03-01T09:00:00Z");
    NumberedOffer offer = new NumberedOffer("gen-stores", Samples.REPLIES);
    transactions.run(
        () -> {
          Conversation conversation = conversations.lock(onDefault(PHONE));
          conversation.offerNumbered(offer);
          assertThat(conversation.holdForReengagement(heldAt)).isTrue();
          conversations.save(conversation);
        });

    Conversation restored = transactions.inTransaction(() -> conversations.lock(onDefault(PHONE)));

    assertThat(restored.awaiting())
        .isEqualTo(new Conversation.Awaiting(offer, heldAt, heldAt))
        .isNotEqualTo(Conversation.Awaiting.NOTHING);
    assertThat(restored.holding()).isTrue();
    transactions.run(
        () -> {
          Conversation conversation = conversations.lock(onDefault(PHONE));
          assertThat(conversation.takeNumberedOffer()).contains(offer);
          conversation.releaseHeld();
          conversations.save(conversation);
        });
    assertThat(transactions.inTransaction(() -> conversations.lock(onDefault(PHONE))).awaiting())
        .isEqualTo(new Conversation.Awaiting(null, heldAt, null));
  }

  /** Counts the rows of every table that name {@code value} in any text column. */
  /** The tables (of the database, and of the traces' own file if apart) with rows naming value. */
  private Map<String, Integer> rowsNaming(String value) {
    Map<String, Integer> found =
        jdbc.inTransaction(connection -> rowsNaming(connection, TABLES, value));
    TraceStore traces = context.getBean(TraceStore.class);
    if (traces.apart()) {
      traces
          .inTransaction(connection -> rowsNaming(connection, List.of("message_trace"), value))
          .forEach((table, count) -> found.put(table + " (own file)", count));
    }
    return found;
  }

  private static Map<String, Integer> rowsNaming(
      java.sql.Connection connection, List<String> tables, String value)
      throws java.sql.SQLException {
    Map<String, Integer> found = new java.util.TreeMap<>();
    for (String table : tables) {
      List<String> columns = new ArrayList<>();
      try (java.sql.ResultSet results =
          connection.createStatement().executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
        java.sql.ResultSetMetaData meta = results.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          int type = meta.getColumnType(i);
          if (type == java.sql.Types.VARCHAR || type == java.sql.Types.LONGVARCHAR) {
            columns.add(meta.getColumnName(i));
          }
        }
      }
      if (columns.isEmpty()) {
        continue;
      }
      String where = String.join(" OR ", columns.stream().map(c -> c + " LIKE ?").toList());
      int count =
          Jdbc.query(
                  connection,
                  "SELECT COUNT(*) FROM " + table + " WHERE " + where,
                  statement -> {
                    for (int i = 1; i <= columns.size(); i++) {
                      statement.setString(i, "%" + value + "%");
                    }
                  },
                  results -> results.getInt(1))
              .get(0);
      if (count > 0) {
        found.put(table, count);
      }
    }
    return found;
  }

  @Test
  void erasing_a_customer_leaves_no_row_naming_them_or_the_ids_linked_with_them() {
    ConversationKey key = onDefault(PHONE);
    transactions.run(
        () -> {
          Conversation conversation = conversations.lock(key);
          conversations.save(conversation);
        });
    conversations.hold(
        key, new HeldMessage(Samples.outbound("gen-9", PHONE, "held"), clock.instant()));
    contacts.remember(DEFAULT, new Customer(PHONE, "Ana"));
    contacts.remember(DEFAULT, new Customer(OPAQUE, "Ana again"));
    context.getBean(CustomerLinks.class).participant(DEFAULT, OPAQUE, List.of(PHONE));
    deliveries.save(
        DEFAULT, Delivery.accepted("gen-1", "wamid.out1", PHONE, Samples.REPLIES, true));
    outbox.enqueue(
        Lanes.toCustomer(key),
        new OutboxItem.SendToCustomer(DEFAULT, Samples.outbound("gen-2", PHONE), null, true));
    contacts.remember(SALES, new Customer(PHONE, "Ana on sales"));
    String opaque = OPAQUE.value();
    assertThat(rowsNaming(PHONE.value().substring(1))).isNotEmpty();
    assertThat(rowsNaming(opaque)).isNotEmpty();

    List<CustomerId> erased = customers.erase(DEFAULT, OPAQUE);

    assertThat(erased).containsExactlyInAnyOrder(OPAQUE, PHONE);
    assertThat(rowsNaming(opaque)).isEmpty();
    assertThat(rowsNaming(PHONE.value().substring(1)))
        .as("only the other connection's contact")
        .containsOnlyKeys("contact");
    assertThat(contacts.find(SALES, PHONE)).isPresent();
    assertThat(customers.erase(DEFAULT, PHONE)).isEmpty();
  }

  // ---------------------------------------------------------------- observability

  @Test
  void an_outbox_entry_keeps_when_its_message_was_accepted_and_one_without_reads_as_unknown() {
    ConversationKey key = onDefault(PHONE);
    Instant accepted = clock.instant().minusMillis(1500);
    outbox.enqueue(
        Lanes.toCustomer(key),
        new OutboxItem.SendToCustomer(DEFAULT, Samples.outbound("gen-a", PHONE), null, true),
        accepted);
    outbox.enqueue(
        Lanes.toContactCenter(key),
        new OutboxItem.ForwardToContactCenter(
            DEFAULT, Samples.inbound("wamid.t", PHONE, null, clock.instant())));

    List<OutboxEntry> due = outbox.claimDue(clock.instant(), 10);

    assertThat(due).extracting(OutboxEntry::acceptedAt).containsExactly(accepted, null);
  }

  @Test
  void dead_letters_are_counted_across_both_kinds() {
    assertThat(deadLetters.count()).isZero();
    deadLetters.addWebhook(
        new RawWebhook(WHATSAPP, "{}".getBytes(StandardCharsets.UTF_8), clock.instant()), "bad");
    outbox.enqueue(
        "lane",
        new OutboxItem.SendToCustomer(DEFAULT, Samples.outbound("gen-d", PHONE), null, true));
    deadLetters.addOutboxEntry(outbox.claimDue(clock.instant(), 1).get(0), "refused");

    assertThat(deadLetters.count()).isEqualTo(2);
  }

  @Test
  void a_message_trace_is_kept_in_order_without_naming_the_customer_and_erased_with_them() {
    JdbcMessageTraces traces = context.getBean(JdbcMessageTraces.class);
    Traced message = new Traced("wamid.trace", DEFAULT, Traced.Direction.TO_AGENT, PHONE);
    Traced other = new Traced("wamid.other", DEFAULT, Traced.Direction.TO_AGENT, OPAQUE);
    Instant accepted = clock.instant().minusSeconds(1);
    traces.processed(message, accepted);
    traces.queued(message);
    traces.flush(); // the rest in a later write: a trace is its rows in order
    traces.attempt(
        message, "genesys", PipelineObserver.CallOutcome.RETRYABLE, "503", Duration.ofMillis(7));
    traces.attempt(
        message, "genesys", PipelineObserver.CallOutcome.OK, "2xx", Duration.ofMillis(5));
    traces.delivered(message, Duration.ofSeconds(1));
    traces.processed(other, null);

    MessageTrace trace = traces.find("wamid.trace").orElseThrow();

    assertThat(trace.connection()).isEqualTo(DEFAULT);
    assertThat(trace.direction()).isEqualTo(Traced.Direction.TO_AGENT);
    assertThat(trace.events())
        .extracting(MessageTrace.Event::stage, MessageTrace.Event::detail)
        .containsExactly(
            tuple("accepted", null),
            tuple("processed", null),
            tuple("queued", null),
            tuple("attempt", "genesys 503 in 7 ms"),
            tuple("attempt", "genesys 2xx in 5 ms"),
            tuple("sent", null));
    assertThat(trace.events().get(0).at()).isEqualTo(accepted);
    assertThat(traces.find("wamid.nosuch")).isEmpty();
    assertThat(rowsNaming(PHONE.value().substring(1)))
        .doesNotContainKeys("message_trace", "message_trace (own file)");
    assertThat(context.getBean(TraceStore.class).apart()).isEqualTo(tracesApart());
    assertThat(tracesIn(context.getBean(TraceStore.class))).as("rows of the traces").isEqualTo(3);
    assertThat(count("message_trace"))
        .as("rows in the pipeline's database")
        .isEqualTo(tracesApart() ? 0 : 3);

    customers.erase(DEFAULT, PHONE);

    assertThat(traces.find("wamid.trace")).isEmpty();
    assertThat(traces.find("wamid.other")).as("another customer's trace").isPresent();
  }

  /** The trace rows a store holds. */
  private static long tracesIn(TraceStore store) {
    return store.inTransaction(c -> Jdbc.count(c, "SELECT COUNT(*) FROM message_trace"));
  }

  @Test
  void message_traces_are_purged_after_the_retention_oldest_first_in_batches() {
    JdbcMessageTraces traces = context.getBean(JdbcMessageTraces.class);
    for (String id : List.of("wamid.old1", "wamid.old2", "wamid.old3")) {
      Traced old = new Traced(id, DEFAULT, Traced.Direction.TO_AGENT, PHONE);
      traces.processed(old, clock.instant());
      traces.queued(old);
    }
    traces.flush(); // one row per message
    clock.advance(Duration.ofDays(31));
    Traced fresh = new Traced("gen-fresh", DEFAULT, Traced.Direction.TO_CUSTOMER, PHONE);
    traces.processed(fresh, null);
    traces.flush();

    Instant cutoff = clock.instant().minus(Duration.ofDays(30));
    assertThat(customers.deleteTracesBefore(cutoff, 2)).isEqualTo(2);
    assertThat(customers.deleteTracesBefore(cutoff, 2)).as("one left of the old").isEqualTo(1);
    assertThat(customers.deleteTracesBefore(cutoff, 2)).isZero();

    assertThat(traces.find("wamid.old1")).isEmpty();
    assertThat(traces.find("wamid.old3")).isEmpty();
    assertThat(traces.find("gen-fresh")).isPresent();
  }

  @Test
  void personal_data_is_purged_after_the_retention_but_a_conversation_keeps_its_held_messages() {
    ConversationKey stale = onDefault(PHONE);
    ConversationKey holding = onDefault(OPAQUE);
    transactions.run(() -> conversations.save(conversations.lock(stale)));
    transactions.run(() -> conversations.save(conversations.lock(holding)));
    conversations.hold(
        holding, new HeldMessage(Samples.outbound("gen-1", OPAQUE, "x"), clock.instant()));
    contacts.remember(DEFAULT, new Customer(PHONE, "Ana"));
    context.getBean(CustomerLinks.class).participant(DEFAULT, PHONE, List.of(OPAQUE));
    clock.advance(Duration.ofDays(31));
    ConversationKey fresh = new ConversationKey(SALES, PHONE);
    transactions.run(() -> conversations.save(conversations.lock(fresh)));
    contacts.remember(SALES, new Customer(PHONE, "Ana on sales"));
    Instant cutoff = clock.instant().minus(Duration.ofDays(30));

    assertThat(customers.deleteConversationsUnchangedBefore(cutoff, 100))
        .as("the one without held messages")
        .isEqualTo(1);
    assertThat(customers.deleteLinksBefore(cutoff, 100))
        .as("a link one of whose ids still has a conversation stays")
        .isZero();
    assertThat(customers.deleteContactsUnchangedBefore(cutoff, 100)).isEqualTo(1);
    assertThat(contacts.find(DEFAULT, PHONE)).isEmpty();
    assertThat(contacts.find(SALES, PHONE)).isPresent();
    assertThat(conversations.holdingSince(DEFAULT, clock.instant(), 10)).containsExactly(holding);

    assertThat(customers.deleteHeldMessagesBefore(cutoff, 100)).isEqualTo(1);
    assertThat(customers.deleteConversationsUnchangedBefore(cutoff, 100)).isEqualTo(1);
    assertThat(customers.deleteLinksBefore(cutoff, 100)).isEqualTo(2);
    assertThat(rowsNaming(OPAQUE.value())).isEmpty();
    assertThat(rowsNaming(PHONE.value().substring(1)))
        .as("the fresh conversation and contact on sales")
        .containsOnlyKeys("conversation", "contact");
  }

  @Test
  void held_messages_come_back_in_the_order_they_were_held_and_are_taken_once() {
    ConversationKey key = onDefault(PHONE);
    Instant t0 = Instant.parse("2026-03-01T09:00:00Z");
    List<HeldMessage> held =
        List.of(
            new HeldMessage(Samples.outbound("gen-2", PHONE, "second"), t0.plusSeconds(5)),
            new HeldMessage(Samples.outbound("gen-1", PHONE, "first"), t0),
            new HeldMessage(Samples.outbound("gen-3", PHONE, "third"), t0.plusSeconds(9)));
    transactions.run(() -> held.forEach(message -> conversations.hold(key, message)));
    conversations.hold(onDefault(OPAQUE), held.get(0));
    conversations.hold(new ConversationKey(SALES, PHONE), held.get(0));

    assertThat(conversations.takeHeld(key, t0.plusSeconds(6)))
        .as("held before the cutoff, in the order held")
        .containsExactly(held.get(0), held.get(1));
    assertThat(conversations.takeHeld(key, null)).containsExactly(held.get(2));
    assertThat(conversations.takeHeld(key, null)).isEmpty();
    assertThat(conversations.takeHeld(new ConversationKey(SALES, PHONE), null))
        .containsExactly(held.get(0));
  }

  @Test
  void the_conversations_holding_a_message_since_before_a_time_are_found_per_connection() {
    Instant t0 = Instant.parse("2026-03-01T09:00:00Z");
    conversations.hold(
        onDefault(PHONE),
        new HeldMessage(Samples.outbound("gen-1", PHONE, "a"), t0.plusSeconds(10)));
    conversations.hold(
        onDefault(OPAQUE), new HeldMessage(Samples.outbound("gen-2", OPAQUE, "b"), t0));
    conversations.hold(
        onDefault(OPAQUE), new HeldMessage(Samples.outbound("gen-3", OPAQUE, "c"), t0));
    conversations.hold(
        new ConversationKey(SALES, PHONE),
        new HeldMessage(Samples.outbound("gen-4", PHONE, "d"), t0));

    assertThat(conversations.holdingSince(DEFAULT, t0.plusSeconds(11), 10))
        .as("each conversation once, the longest held first")
        .containsExactly(onDefault(OPAQUE), onDefault(PHONE));
    assertThat(conversations.holdingSince(DEFAULT, t0.plusSeconds(5), 10))
        .containsExactly(onDefault(OPAQUE));
    assertThat(conversations.holdingSince(DEFAULT, t0.plusSeconds(11), 1)).hasSize(1);
    assertThat(conversations.holdingSince(DEFAULT, t0, 10)).isEmpty();
  }

  @Test
  void a_new_customers_conversation_is_locked_until_the_first_transaction_ends() throws Exception {
    assertLockWaitsForHolder(CustomerId.phone("+447700900123"));
  }

  @Test
  void a_known_customers_conversation_is_locked_until_the_first_transaction_ends()
      throws Exception {
    CustomerId customer = CustomerId.opaque("US.known");
    transactions.run(() -> conversations.lock(onDefault(customer)));

    assertLockWaitsForHolder(customer);
  }

  private void assertLockWaitsForHolder(CustomerId customer) throws Exception {
    CountDownLatch locked = new CountDownLatch(1);
    AtomicBoolean holderDone = new AtomicBoolean();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> holder =
          threads.submit(
              () ->
                  transactions.run(
                      () -> {
                        conversations.lock(onDefault(customer));
                        locked.countDown();
                        sleep(Duration.ofMillis(400));
                        holderDone.set(true);
                      }));
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Boolean> waiter =
          threads.submit(
              () ->
                  transactions.inTransaction(
                      () -> {
                        conversations.lock(onDefault(customer));
                        return holderDone.get();
                      }));

      assertThat(waiter.get(20, TimeUnit.SECONDS))
          .as("the second lock returned only after the holder's transaction ended")
          .isTrue();
      holder.get(20, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- deliveries

  @Test
  void a_delivery_is_found_by_its_channel_message_id_and_replaced_when_saved_again() {
    Delivery delivery = Delivery.accepted("gen-1", "wamid.A", PHONE);
    deliveries.save(DEFAULT, delivery);

    assertThat(deliveries.byChannelMessageId(DEFAULT, "wamid.A"))
        .hasValueSatisfying(
            found -> {
              assertThat(found.contactCenterMessageId()).isEqualTo("gen-1");
              assertThat(found.channelMessageId()).isEqualTo("wamid.A");
              assertThat(found.customer()).isEqualTo(PHONE);
              assertThat(found.status()).isEqualTo(DeliveryStatus.ACCEPTED);
            });

    delivery.apply(Samples.report("wamid.A", DeliveryStatus.DELIVERED, clock.instant()));
    deliveries.save(DEFAULT, delivery);

    assertThat(deliveries.byChannelMessageId(DEFAULT, "wamid.A"))
        .hasValueSatisfying(
            found -> assertThat(found.status()).isEqualTo(DeliveryStatus.DELIVERED));
    assertThat(deliveries.byChannelMessageId(DEFAULT, "wamid.B")).isEmpty();
  }

  @Test
  void a_delivery_keeps_the_quick_replies_it_offered_in_order_and_whether_it_is_the_final_part() {
    Delivery offer = Delivery.accepted("gen-1", "wamid.A", PHONE, Samples.REPLIES, false);
    deliveries.save(DEFAULT, offer);
    deliveries.save(DEFAULT, Delivery.accepted("gen-1", "wamid.B", PHONE, List.of(), true));

    Delivery found = deliveries.byChannelMessageId(DEFAULT, "wamid.A").orElseThrow();
    assertThat(found.offeredReplies()).containsExactlyElementsOf(Samples.REPLIES);
    assertThat(found.offeredReply("qr-1")).contains(Samples.REPLIES.get(1));
    assertThat(found.finalPart()).isFalse();
    Delivery last = deliveries.byChannelMessageId(DEFAULT, "wamid.B").orElseThrow();
    assertThat(last.offeredReplies()).isEmpty();
    assertThat(last.finalPart()).isTrue();

    found.apply(Samples.report("wamid.A", DeliveryStatus.READ, clock.instant()));
    deliveries.save(DEFAULT, found);

    Delivery updated = deliveries.byChannelMessageId(DEFAULT, "wamid.A").orElseThrow();
    assertThat(updated.status()).isEqualTo(DeliveryStatus.READ);
    assertThat(updated.offeredReplies()).containsExactlyElementsOf(Samples.REPLIES);
    assertThat(updated.finalPart()).isFalse();
  }

  @Test
  void a_delivery_row_written_before_the_rich_messages_migration_reads_as_a_single_send() {
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "INSERT INTO delivery (connection, channel_message_id, contact_center_message_id,"
                    + " customer_kind, customer_value, status, updated_at)"
                    + " VALUES ('default', 'wamid.OLD', 'gen-0', 'phone', '+16505551234', 'SENT',"
                    + " ?)",
                statement -> Jdbc.setInstant(statement, 1, clock.instant())));

    Delivery old = deliveries.byChannelMessageId(DEFAULT, "wamid.OLD").orElseThrow();

    assertThat(old.offeredReplies()).isEmpty();
    assertThat(old.finalPart()).isTrue();
    assertThat(old.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(old.customer()).isEqualTo(PHONE);
  }

  @Test
  void deliveries_and_held_reports_last_changed_before_the_cutoff_are_deleted_in_batches() {
    Instant start = clock.instant();
    deliveries.save(DEFAULT, Delivery.accepted("gen-1", "wamid.OLD1", PHONE));
    deliveries.hold(DEFAULT, Samples.report("wamid.HELD1", DeliveryStatus.READ, start));
    clock.advance(Duration.ofSeconds(1));
    deliveries.save(DEFAULT, Delivery.accepted("gen-2", "wamid.OLD2", PHONE));
    deliveries.hold(DEFAULT, Samples.report("wamid.HELD2", DeliveryStatus.READ, start));
    clock.advance(Duration.ofSeconds(1));
    Instant cutoff = clock.instant();
    deliveries.save(DEFAULT, Delivery.accepted("gen-3", "wamid.NEW", PHONE));
    deliveries.hold(DEFAULT, Samples.report("wamid.HELD3", DeliveryStatus.READ, start));
    // saved again after the cutoff: changed recently, so kept
    clock.advance(Duration.ofSeconds(1));
    Delivery touched = deliveries.byChannelMessageId(DEFAULT, "wamid.OLD2").orElseThrow();
    touched.apply(Samples.report("wamid.OLD2", DeliveryStatus.DELIVERED, start));
    deliveries.save(DEFAULT, touched);

    assertThat(deliveries.deleteChangedBefore(cutoff, 1)).isEqualTo(1);
    assertThat(deliveries.byChannelMessageId(DEFAULT, "wamid.OLD1")).isEmpty();
    assertThat(deliveries.deleteChangedBefore(cutoff, 10)).as("two held reports").isEqualTo(2);
    assertThat(deliveries.deleteChangedBefore(cutoff, 10)).isZero();

    assertThat(deliveries.byChannelMessageId(DEFAULT, "wamid.OLD2")).isPresent();
    assertThat(deliveries.byChannelMessageId(DEFAULT, "wamid.NEW")).isPresent();
    assertThat(deliveries.releaseHeld(DEFAULT, "wamid.HELD1")).isEmpty();
    assertThat(deliveries.releaseHeld(DEFAULT, "wamid.HELD2")).isEmpty();
    assertThat(deliveries.releaseHeld(DEFAULT, "wamid.HELD3")).hasSize(1);
  }

  @Test
  void a_message_outcome_is_found_by_its_connection_and_id_and_replaced_when_saved_again() {
    MessageOutcome outcome = MessageOutcome.queued("gen-1", OPAQUE);
    deliveries.saveOutcome(DEFAULT, outcome);
    assertThat(deliveries.outcome(DEFAULT, "gen-1"))
        .hasValueSatisfying(
            found -> {
              assertThat(found.customer()).isEqualTo(OPAQUE);
              assertThat(found.state()).isEqualTo(MessageOutcome.State.PENDING);
              assertThat(found.sends()).isZero();
            });

    outcome.accepted(false);
    outcome.accepted(true);
    outcome.sendDelivered(clock.instant());
    deliveries.saveOutcome(DEFAULT, outcome);
    MessageOutcome found = deliveries.outcome(DEFAULT, "gen-1").orElseThrow();
    assertThat(found.sends()).isEqualTo(2);
    assertThat(found.delivered()).isEqualTo(1);
    assertThat(found.lastSent()).isTrue();
    assertThat(found.sendDelivered(clock.instant())).isPresent();
    deliveries.saveOutcome(DEFAULT, found);
    assertThat(deliveries.outcome(DEFAULT, "gen-1").orElseThrow().state())
        .isEqualTo(MessageOutcome.State.DELIVERED);
    assertThat(deliveries.outcome(SALES, "gen-1")).as("another connection's").isEmpty();
    assertThat(deliveries.outcome(DEFAULT, "gen-2")).isEmpty();
  }

  @Test
  void message_outcomes_last_changed_before_the_cutoff_are_deleted_after_the_deliveries() {
    deliveries.save(DEFAULT, Delivery.accepted("gen-1", "wamid.1", PHONE));
    deliveries.saveOutcome(DEFAULT, MessageOutcome.queued("gen-1", PHONE));
    clock.advance(Duration.ofSeconds(1));
    deliveries.saveOutcome(DEFAULT, MessageOutcome.queued("gen-2", PHONE));
    Instant cutoff = clock.instant();
    clock.advance(Duration.ofSeconds(1));

    assertThat(deliveries.deleteChangedBefore(cutoff, 1)).isEqualTo(1);
    assertThat(deliveries.outcome(DEFAULT, "gen-1")).isPresent();
    assertThat(deliveries.deleteChangedBefore(cutoff, 10)).isEqualTo(1);
    assertThat(deliveries.outcome(DEFAULT, "gen-1")).isEmpty();
    assertThat(deliveries.outcome(DEFAULT, "gen-2")).isPresent();
  }

  @Test
  void a_batch_of_deliveries_and_held_reports_counts_both_and_stops_at_its_size() {
    for (int i = 0; i < 3; i++) {
      deliveries.save(DEFAULT, Delivery.accepted("gen-" + i, "wamid." + i, PHONE));
      deliveries.hold(DEFAULT, Samples.report("wamid.H" + i, DeliveryStatus.SENT, clock.instant()));
    }
    clock.advance(Duration.ofSeconds(1));

    assertThat(deliveries.deleteChangedBefore(clock.instant(), 4)).isEqualTo(4);
    assertThat(count("delivery")).isZero();
    assertThat(count("held_status_report")).isEqualTo(2);
    assertThat(deliveries.deleteChangedBefore(clock.instant(), 4)).isEqualTo(2);
  }

  /**
   * Whether outbox claims are rows of the database ({@code claimed_by}, {@code claimed_until}), as
   * several instances need; on a database only this process opens they are held in memory.
   */
  abstract boolean claimsAreStored();

  /** Whether the traces have a file of their own (H2 file database) or share the database. */
  abstract boolean tracesApart();

  /** The cache size of the sequence of a table's identity column, read from the catalogue. */
  abstract String idCacheSql(String table, String column);

  /**
   * H2 caches 1,000 ids of every sequence (V4, V14); PostgreSQL must not cache (per-session caches
   * reorder ids).
   */
  abstract String expectedIdCache();

  @Test
  void id_sequences_cache_only_where_ids_stay_in_order() {
    List<String> identities =
        List.of(
            "inbox_event.id",
            "outbox_entry.id",
            "dead_letter_outbox.id",
            "dead_letter_webhook.id",
            "held_status_report.id",
            "held_message.id",
            "forwarded_message.id",
            "message_trace.seq");
    for (String identity : identities) {
      String[] parts = identity.split("\\.");
      assertThat(column(idCacheSql(parts[0], parts[1]))).as(identity).isEqualTo(expectedIdCache());
    }
  }

  @Test
  void the_schema_is_at_the_latest_migration() {
    assertThat(
            column(
                "SELECT MAX(CAST(\"version\" AS INTEGER)) FROM \"flyway_schema_history\""
                    + " WHERE \"success\""))
        .isEqualTo("16");
  }

  @Test
  void held_reports_are_released_once_in_the_order_they_happened() {
    Instant at = clock.instant();
    StatusReport read = Samples.report("wamid.A", DeliveryStatus.READ, at.plusSeconds(2));
    StatusReport delivered = Samples.report("wamid.A", DeliveryStatus.DELIVERED, at.plusSeconds(1));
    StatusReport failed = Samples.report("wamid.A", DeliveryStatus.FAILED, at.plusSeconds(3));
    StatusReport other = Samples.report("wamid.B", DeliveryStatus.SENT, at);
    deliveries.hold(DEFAULT, read);
    deliveries.hold(DEFAULT, delivered);
    deliveries.hold(DEFAULT, other);
    deliveries.hold(DEFAULT, failed);

    assertThat(deliveries.releaseHeld(DEFAULT, "wamid.A")).containsExactly(delivered, read, failed);
    assertThat(deliveries.releaseHeld(DEFAULT, "wamid.A")).isEmpty();
    assertThat(deliveries.releaseHeld(DEFAULT, "wamid.B")).containsExactly(other);
  }

  // ---------------------------------------------------------------- processed messages

  @Test
  void a_message_id_counts_the_first_time_only() {
    assertThat(processed.firstTime("whatsapp:wamid.1")).isTrue();
    assertThat(processed.firstTime("whatsapp:wamid.1")).isFalse();
    assertThat(processed.firstTime("genesys:wamid.1")).isTrue();
  }

  @Test
  void a_rolled_back_transaction_forgets_the_ids_it_recorded() {
    assertThatThrownBy(
            () ->
                transactions.run(
                    () -> {
                      assertThat(processed.firstTime("whatsapp:wamid.1")).isTrue();
                      assertThat(processed.firstTime("whatsapp:wamid.1")).isFalse();
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(processed.firstTime("whatsapp:wamid.1")).isTrue();
  }

  @Test
  void a_repeated_id_leaves_the_transaction_usable() {
    processed.firstTime("whatsapp:wamid.1");

    transactions.run(
        () -> {
          assertThat(processed.firstTime("whatsapp:wamid.1")).isFalse();
          contacts.remember(DEFAULT, new Customer(PHONE, "Ana"));
        });

    assertThat(contacts.find(DEFAULT, PHONE)).isPresent();
  }

  @Test
  void ids_recorded_before_the_cutoff_are_forgotten_oldest_first_in_batches() {
    for (int i = 0; i < 250; i++) {
      processed.firstTime("whatsapp:old-" + i);
    }
    clock.advance(Duration.ofSeconds(1));
    Instant cutoff = clock.instant();
    processed.firstTime("whatsapp:new");

    assertThat(processed.deleteRecordedBefore(cutoff, 100)).isEqualTo(100);
    assertThat(processed.deleteRecordedBefore(cutoff, 100)).isEqualTo(100);
    assertThat(processed.deleteRecordedBefore(cutoff, 100)).isEqualTo(50);
    assertThat(processed.deleteRecordedBefore(cutoff, 100)).isZero();

    assertThat(processed.firstTime("whatsapp:old-7")).as("forgotten").isTrue();
    assertThat(processed.firstTime("whatsapp:new")).as("still remembered").isFalse();
  }

  @Test
  void a_batch_of_forgotten_ids_takes_the_oldest() {
    processed.firstTime("first");
    clock.advance(Duration.ofSeconds(1));
    processed.firstTime("second");
    clock.advance(Duration.ofSeconds(1));

    assertThat(processed.deleteRecordedBefore(clock.instant(), 1)).isEqualTo(1);

    assertThat(processed.firstTime("second")).isFalse();
    assertThat(processed.firstTime("first")).isTrue();
  }

  // ---------------------------------------------------------------- dead letters

  @Test
  void dead_letters_keep_the_webhook_bytes_and_the_outbox_item_with_their_reasons() {
    byte[] body = "{\"not\":\"understood\"}".getBytes(StandardCharsets.UTF_8);
    Instant receivedAt = Instant.parse("2026-03-01T08:00:00Z");
    OutboxItem item = Samples.items().get(4);

    deadLetters.addWebhook(new RawWebhook(GENESYS, body, receivedAt), "no events in the body");
    deadLetters.addOutboxEntry(
        new OutboxEntry(42, "customer:default:+16505551234", item, 3, receivedAt),
        "refused: blocked");

    jdbc.inTransaction(
        connection -> {
          Jdbc.query(
              connection,
              "SELECT source, body, received_at, reason, dead_at FROM dead_letter_webhook",
              statement -> {},
              results -> {
                assertThat(results.getString("source")).isEqualTo("genesys/default");
                assertThat(results.getBytes("body")).isEqualTo(body);
                assertThat(Jdbc.getInstant(results, "received_at")).isEqualTo(receivedAt);
                assertThat(results.getString("reason")).isEqualTo("no events in the body");
                assertThat(Jdbc.getInstant(results, "dead_at")).isEqualTo(clock.instant());
                return null;
              });
          List<Object> rows =
              Jdbc.query(
                  connection,
                  "SELECT entry_id, lane, item, failed_attempts, enqueued_at, reason, dead_at"
                      + " FROM dead_letter_outbox",
                  statement -> {},
                  results -> {
                    assertThat(results.getLong("entry_id")).isEqualTo(42);
                    assertThat(results.getString("lane"))
                        .isEqualTo("customer:default:+16505551234");
                    assertThat(codec.readItem(results.getString("item"))).isEqualTo(item);
                    assertThat(results.getInt("failed_attempts")).isEqualTo(3);
                    assertThat(Jdbc.getInstant(results, "enqueued_at")).isEqualTo(receivedAt);
                    assertThat(results.getString("reason")).isEqualTo("refused: blocked");
                    assertThat(Jdbc.getInstant(results, "dead_at")).isEqualTo(clock.instant());
                    return null;
                  });
          assertThat(rows).hasSize(1);
          return null;
        });
    assertThat(count("dead_letter_webhook")).isEqualTo(1);
  }

  @Test
  void dead_letters_of_both_kinds_are_listed_oldest_first_with_ids_unique_across_kinds() {
    OutboxItem item = Samples.items().get(4);
    Instant start = clock.instant();
    RawWebhook first = webhook(WHATSAPP, "first", start.minusSeconds(60));
    deadLetters.addWebhook(first, "not understood");
    clock.advance(Duration.ofSeconds(1));
    OutboxEntry entry =
        new OutboxEntry(42, "customer:default:+16505551234", item, 3, clock.instant());
    deadLetters.addOutboxEntry(entry, "refused: blocked");
    clock.advance(Duration.ofSeconds(1));
    deadLetters.addWebhook(webhook(GENESYS, "third", clock.instant()), "bad");

    List<DeadLetter> all = deadLetters.list(10, null);

    assertThat(all)
        .extracting(DeadLetter::reason)
        .containsExactly("not understood", "refused: blocked", "bad");
    assertThat(all).extracting(DeadLetter::id).doesNotHaveDuplicates();
    assertThat(all.get(0).id()).startsWith("webhook-");
    assertThat(all.get(1).id()).startsWith("outbox-");
    assertThat(all.get(0).at()).isEqualTo(start);
    assertThat(all.get(2).at()).isEqualTo(start.plusSeconds(2));
    assertThat(body(all.get(0).webhook())).isEqualTo("first");
    assertThat(all.get(0).webhook().source()).isEqualTo(WHATSAPP);
    assertThat(all.get(0).webhook().receivedAt()).isEqualTo(first.receivedAt());
    assertThat(all.get(0).entry()).isNull();
    assertThat(all.get(1).entry()).isEqualTo(entry);
    assertThat(all.get(1).webhook()).isNull();
    assertThat(all.get(2).webhook().source()).isEqualTo(GENESYS);
  }

  @Test
  void pages_continue_after_their_cursor_even_when_the_letter_under_it_is_gone() {
    for (int i = 0; i < 5; i++) {
      deadLetters.addWebhook(webhook(WHATSAPP, "w" + i, clock.instant()), "w" + i);
      deadLetters.addOutboxEntry(
          new OutboxEntry(i, "lane", Samples.items().get(i), 0, clock.instant()), "o" + i);
    }

    List<DeadLetter> first = deadLetters.list(3, null);
    assertThat(first).extracting(DeadLetter::reason).containsExactly("w0", "o0", "w1");
    deadLetters.remove(first.get(2).id());
    List<DeadLetter> second = deadLetters.list(3, first.get(2).id());
    assertThat(second).extracting(DeadLetter::reason).containsExactly("o1", "w2", "o2");
    List<DeadLetter> rest = deadLetters.list(10, second.get(2).id());
    assertThat(rest).extracting(DeadLetter::reason).containsExactly("w3", "o3", "w4", "o4");
    assertThat(deadLetters.list(10, rest.get(3).id())).isEmpty();
  }

  /**
   * Five letters: webhooks on default, sales, none; entries on default and sales, a minute apart.
   */
  private List<DeadLetter> fiveLetters() {
    deadLetters.addWebhook(webhook(GENESYS, "g", clock.instant()), "not understood: bad JSON");
    clock.advance(Duration.ofMinutes(1));
    deadLetters.addWebhook(
        webhook(WebhookSource.of("telegram", SALES), "t", clock.instant()), "100%_sure bad");
    clock.advance(Duration.ofMinutes(1));
    deadLetters.addWebhook(webhook(WHATSAPP, "w", clock.instant()), "unknown number 1065");
    clock.advance(Duration.ofMinutes(1));
    deadLetters.addOutboxEntry(
        new OutboxEntry(1, "lane", Samples.items().get(0), 9, clock.instant()),
        "gave up: HTTP 503");
    clock.advance(Duration.ofMinutes(1));
    deadLetters.addOutboxEntry(
        new OutboxEntry(2, "lane", Samples.items().get(1), 9, clock.instant()),
        "refused for good: HTTP 400 Bad Request");
    return deadLetters.list(10, null);
  }

  private List<String> reasons(DeadLetterFilter filter, int limit, String after) {
    return deadLetters.list(filter, limit, after).stream().map(DeadLetter::reason).toList();
  }

  @Test
  void dead_letters_are_chosen_by_kind_connection_reason_and_time() {
    List<DeadLetter> all = fiveLetters();
    Instant first = all.get(0).at();

    assertThat(
            reasons(
                new DeadLetterFilter(DeadLetterFilter.Kind.OUTBOX, null, null, null, null),
                10,
                null))
        .containsExactly("gave up: HTTP 503", "refused for good: HTTP 400 Bad Request");
    assertThat(
            reasons(
                new DeadLetterFilter(DeadLetterFilter.Kind.WEBHOOK, null, null, null, null),
                10,
                null))
        .hasSize(3);
    assertThat(reasons(new DeadLetterFilter(null, SALES, null, null, null), 10, null))
        .containsExactly("100%_sure bad", "refused for good: HTTP 400 Bad Request");
    assertThat(reasons(new DeadLetterFilter(null, DEFAULT, null, null, null), 10, null))
        .containsExactly("not understood: bad JSON", "gave up: HTTP 503");
    assertThat(reasons(new DeadLetterFilter(null, null, "BAD", null, null), 10, null))
        .as("a piece of the reason, ignoring case")
        .containsExactly(
            "not understood: bad JSON", "100%_sure bad", "refused for good: HTTP 400 Bad Request");
    assertThat(reasons(new DeadLetterFilter(null, null, "%_", null, null), 10, null))
        .as("% and _ are plain characters")
        .containsExactly("100%_sure bad");
    assertThat(reasons(new DeadLetterFilter(null, null, "t%p", null, null), 10, null)).isEmpty();
    assertThat(
            reasons(
                new DeadLetterFilter(
                    null,
                    null,
                    null,
                    first.plus(Duration.ofMinutes(1)),
                    first.plus(Duration.ofMinutes(3))),
                10,
                null))
        .as("from inclusive, to exclusive")
        .containsExactly("100%_sure bad", "unknown number 1065");
    assertThat(
            reasons(
                new DeadLetterFilter(DeadLetterFilter.Kind.OUTBOX, SALES, "400", first, null),
                10,
                null))
        .containsExactly("refused for good: HTTP 400 Bad Request");
  }

  @Test
  void filtered_pages_continue_after_their_cursor() {
    List<DeadLetter> all = fiveLetters();
    DeadLetterFilter bad = new DeadLetterFilter(null, null, "bad", null, null);

    List<DeadLetter> page = deadLetters.list(bad, 2, null);
    assertThat(page)
        .extracting(DeadLetter::reason)
        .containsExactly("not understood: bad JSON", "100%_sure bad");
    assertThat(reasons(bad, 2, page.get(1).id()))
        .containsExactly("refused for good: HTTP 400 Bad Request");
    assertThat(reasons(bad, 2, all.get(4).id())).isEmpty();
    assertThat(reasons(bad, 2, "nonsense")).isEmpty();
  }

  @Test
  void the_letters_a_filter_chooses_are_removed_oldest_first_a_batch_at_a_time() {
    fiveLetters();
    DeadLetterFilter onDefault = new DeadLetterFilter(null, DEFAULT, null, null, null);

    assertThat(deadLetters.removeMatching(onDefault, 1)).isEqualTo(1);
    assertThat(reasons(DeadLetterFilter.ALL, 10, null))
        .doesNotContain("not understood: bad JSON")
        .hasSize(4);
    assertThat(deadLetters.removeMatching(onDefault, 10)).isEqualTo(1);
    assertThat(deadLetters.removeMatching(onDefault, 10)).isZero();
    assertThat(deadLetters.removeMatching(DeadLetterFilter.ALL, 2)).isEqualTo(2);
    assertThat(reasons(DeadLetterFilter.ALL, 10, null))
        .containsExactly("refused for good: HTTP 400 Bad Request");
  }

  @Test
  void a_dead_letter_is_found_by_its_id_and_a_foreign_id_names_none() {
    deadLetters.addWebhook(webhook(GENESYS, "w", clock.instant()), "w");
    deadLetters.addOutboxEntry(
        new OutboxEntry(7, "lane", Samples.items().get(0), 1, clock.instant()), "o");
    List<DeadLetter> all = deadLetters.list(10, null);

    for (DeadLetter letter : all) {
      assertThat(deadLetters.find(letter.id()))
          .hasValueSatisfying(
              found -> assertThat(found).usingRecursiveComparison().isEqualTo(letter));
    }
    assertThat(body(deadLetters.find(all.get(0).id()).orElseThrow().webhook())).isEqualTo("w");
    String webhookNumber = all.get(0).id().substring("webhook-".length());
    assertThat(deadLetters.find("outbox-" + webhookNumber)).as("the other table").isEmpty();
    for (String foreign : List.of("", "7", "webhook-", "webhook-x", "inbox-1", "webhook--1")) {
      assertThat(deadLetters.find(foreign)).as(foreign).isEmpty();
      assertThat(deadLetters.list(10, foreign)).as(foreign).isEmpty();
      deadLetters.remove(foreign);
    }
    assertThat(deadLetters.list(10, null)).hasSize(2);
  }

  @Test
  void a_removal_of_a_dead_letter_is_part_of_the_callers_transaction() {
    deadLetters.addWebhook(webhook(WHATSAPP, "w", clock.instant()), "w");
    deadLetters.addOutboxEntry(
        new OutboxEntry(7, "lane", Samples.items().get(0), 1, clock.instant()), "o");
    List<DeadLetter> all = deadLetters.list(10, null);

    assertThatThrownBy(
            () ->
                transactions.run(
                    () -> {
                      all.forEach(letter -> deadLetters.remove(letter.id()));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(deadLetters.list(10, null)).hasSize(2);

    transactions.run(() -> all.forEach(letter -> deadLetters.remove(letter.id())));
    assertThat(deadLetters.list(10, null)).isEmpty();
    assertThat(deadLetters.find(all.get(0).id())).isEmpty();
  }

  @Test
  void dead_letters_set_aside_before_the_cutoff_are_deleted_in_batches() {
    for (int i = 0; i < 3; i++) {
      deadLetters.addWebhook(webhook(WHATSAPP, "old", clock.instant()), "old w");
      deadLetters.addOutboxEntry(
          new OutboxEntry(i, "lane", Samples.items().get(0), 1, clock.instant()), "old o");
    }
    clock.advance(Duration.ofSeconds(1));
    Instant cutoff = clock.instant();
    deadLetters.addWebhook(webhook(WHATSAPP, "new", clock.instant()), "new w");
    deadLetters.addOutboxEntry(
        new OutboxEntry(9, "lane", Samples.items().get(0), 1, clock.instant()), "new o");

    assertThat(deadLetters.deleteCreatedBefore(cutoff, 4)).isEqualTo(4);
    assertThat(deadLetters.deleteCreatedBefore(cutoff, 4)).isEqualTo(2);
    assertThat(deadLetters.deleteCreatedBefore(cutoff, 4)).isZero();

    assertThat(deadLetters.list(10, null))
        .extracting(DeadLetter::reason)
        .containsExactly("new w", "new o");
  }

  @Test
  void an_outbox_dead_letter_whose_item_cannot_be_read_is_left_out_of_pages() {
    deadLetters.addOutboxEntry(
        new OutboxEntry(1, "lane", Samples.items().get(0), 1, clock.instant()), "unreadable");
    deadLetters.addWebhook(webhook(WHATSAPP, "w", clock.instant()), "fine");
    jdbc.inTransaction(
        connection ->
            Jdbc.update(
                connection,
                "UPDATE dead_letter_outbox SET item = '{\"@type\":\"OutboxItem.Gone\"}'",
                statement -> {}));

    assertThat(deadLetters.list(10, null)).extracting(DeadLetter::reason).containsExactly("fine");
    assertThat(count("dead_letter_outbox")).isEqualTo(1);
  }

  // ---------------------------------------------------------------- contact directory

  @Test
  void customers_are_remembered_by_their_id_and_keep_a_name_once_known() {
    contacts.remember(DEFAULT, new Customer(PHONE, "Ana"));
    contacts.remember(DEFAULT, new Customer(OPAQUE, null));

    assertThat(contacts.find(DEFAULT, PHONE)).contains(new Customer(PHONE, "Ana"));
    assertThat(contacts.find(DEFAULT, OPAQUE)).contains(new Customer(OPAQUE, null));
    assertThat(contacts.find(DEFAULT, CustomerId.opaque(PHONE.value()))).isEmpty();

    contacts.remember(DEFAULT, new Customer(PHONE, null));
    assertThat(contacts.find(DEFAULT, PHONE)).contains(new Customer(PHONE, "Ana"));

    contacts.remember(DEFAULT, new Customer(PHONE, "Ana María"));
    assertThat(contacts.find(DEFAULT, PHONE)).contains(new Customer(PHONE, "Ana María"));
  }

  // ---------------------------------------------------------------- connections

  @Test
  void a_customer_has_one_conversation_per_connection() {
    Instant early = Instant.parse("2026-03-01T09:00:00Z");
    Instant late = Instant.parse("2026-03-01T09:30:00Z");
    ConversationKey onSales = new ConversationKey(SALES, PHONE);
    transactions.run(
        () -> {
          Conversation first = conversations.lock(onDefault(PHONE));
          first.customerWrote(Samples.inbound("wamid.D", PHONE, "Ana", early));
          conversations.save(first);
          Conversation second = conversations.lock(onSales);
          second.customerWrote(Samples.inbound("chat:7", PHONE, "Ana", late, Samples.ROUTE));
          conversations.save(second);
        });

    Conversation restoredDefault =
        transactions.inTransaction(() -> conversations.lock(onDefault(PHONE)));
    Conversation restoredSales = transactions.inTransaction(() -> conversations.lock(onSales));
    Conversation elsewhere =
        transactions.inTransaction(
            () -> conversations.lock(new ConversationKey(new ConnectionId("support"), PHONE)));

    assertThat(restoredDefault.key()).isEqualTo(onDefault(PHONE));
    assertThat(restoredDefault.window()).isEqualTo(new MessageWindow(early));
    assertThat(restoredDefault.route()).isEmpty();
    assertThat(restoredDefault.lastCustomerMessageId()).contains("wamid.D");
    assertThat(restoredSales.key()).isEqualTo(onSales);
    assertThat(restoredSales.window()).isEqualTo(new MessageWindow(late));
    assertThat(restoredSales.route()).contains(Samples.ROUTE);
    assertThat(restoredSales.lastCustomerMessageId()).contains("chat:7");
    assertThat(elsewhere.window()).isEqualTo(MessageWindow.neverOpened());
    assertThat(count("conversation")).isEqualTo(3);
  }

  @Test
  void a_customers_conversations_on_two_connections_are_locked_independently() throws Exception {
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> holder =
          threads.submit(
              () ->
                  transactions.run(
                      () -> {
                        conversations.lock(onDefault(PHONE));
                        locked.countDown();
                        awaitQuietly(release);
                      }));
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
      Future<ConversationKey> other =
          threads.submit(
              () ->
                  transactions.inTransaction(
                      () -> conversations.lock(new ConversationKey(SALES, PHONE)).key()));

      assertThat(other.get(10, TimeUnit.SECONDS))
          .as("locked while the default connection's conversation was held")
          .isEqualTo(new ConversationKey(SALES, PHONE));
      release.countDown();
      holder.get(20, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }

  @Test
  void a_customer_is_remembered_per_connection() {
    contacts.remember(DEFAULT, new Customer(PHONE, "Ana"));
    contacts.remember(SALES, new Customer(PHONE, "Ana (sales)"));
    contacts.remember(SALES, new Customer(OPAQUE, "Bo"));

    assertThat(contacts.find(DEFAULT, PHONE)).contains(new Customer(PHONE, "Ana"));
    assertThat(contacts.find(SALES, PHONE)).contains(new Customer(PHONE, "Ana (sales)"));
    assertThat(contacts.find(DEFAULT, OPAQUE)).isEmpty();

    contacts.remember(DEFAULT, new Customer(PHONE, "Ana María"));
    contacts.remember(SALES, new Customer(PHONE, null));

    assertThat(contacts.find(DEFAULT, PHONE)).contains(new Customer(PHONE, "Ana María"));
    assertThat(contacts.find(SALES, PHONE)).contains(new Customer(PHONE, "Ana (sales)"));
    assertThat(count("contact")).isEqualTo(3);
  }

  @Test
  void one_channel_message_id_on_two_connections_is_two_deliveries() {
    deliveries.save(DEFAULT, Delivery.accepted("gen-1", "7", PHONE));
    deliveries.save(SALES, Delivery.accepted("gen-2", "7", OPAQUE, Samples.REPLIES, false));

    Delivery onSales = deliveries.byChannelMessageId(SALES, "7").orElseThrow();
    assertThat(onSales.contactCenterMessageId()).isEqualTo("gen-2");
    assertThat(onSales.customer()).isEqualTo(OPAQUE);
    assertThat(onSales.offeredReplies()).containsExactlyElementsOf(Samples.REPLIES);
    assertThat(onSales.finalPart()).isFalse();
    assertThat(deliveries.byChannelMessageId(new ConnectionId("support"), "7")).isEmpty();

    onSales.apply(Samples.report("7", DeliveryStatus.READ, clock.instant()));
    deliveries.save(SALES, onSales);

    assertThat(deliveries.byChannelMessageId(SALES, "7"))
        .hasValueSatisfying(found -> assertThat(found.status()).isEqualTo(DeliveryStatus.READ));
    assertThat(deliveries.byChannelMessageId(DEFAULT, "7"))
        .hasValueSatisfying(
            found -> {
              assertThat(found.contactCenterMessageId()).isEqualTo("gen-1");
              assertThat(found.customer()).isEqualTo(PHONE);
              assertThat(found.status()).isEqualTo(DeliveryStatus.ACCEPTED);
              assertThat(found.offeredReplies()).isEmpty();
            });
    assertThat(count("delivery")).isEqualTo(2);
  }

  @Test
  void held_reports_are_released_per_connection() {
    Instant at = clock.instant();
    StatusReport onDefault = Samples.report("7", DeliveryStatus.DELIVERED, at);
    StatusReport onSales = Samples.report("7", DeliveryStatus.READ, at.plusSeconds(1));
    StatusReport alsoOnSales = Samples.report("7", DeliveryStatus.FAILED, at.plusSeconds(2));
    deliveries.hold(SALES, alsoOnSales);
    deliveries.hold(DEFAULT, onDefault);
    deliveries.hold(SALES, onSales);

    assertThat(deliveries.releaseHeld(SALES, "7")).containsExactly(onSales, alsoOnSales);
    assertThat(deliveries.releaseHeld(SALES, "7")).isEmpty();
    assertThat(deliveries.releaseHeld(new ConnectionId("support"), "7")).isEmpty();
    assertThat(deliveries.releaseHeld(DEFAULT, "7")).containsExactly(onDefault);
  }

  @Test
  void of_two_deliveries_with_one_channel_message_id_a_batch_of_one_deletes_only_the_oldest() {
    deliveries.save(DEFAULT, Delivery.accepted("gen-1", "7", PHONE));
    clock.advance(Duration.ofSeconds(1));
    deliveries.save(SALES, Delivery.accepted("gen-2", "7", PHONE));
    clock.advance(Duration.ofSeconds(1));

    assertThat(deliveries.deleteChangedBefore(clock.instant(), 1)).isEqualTo(1);

    assertThat(deliveries.byChannelMessageId(DEFAULT, "7")).isEmpty();
    assertThat(deliveries.byChannelMessageId(SALES, "7")).isPresent();
  }

  @Test
  void the_keys_of_one_message_id_on_two_connections_each_count_the_first_time() {
    ChannelId whatsapp = new ChannelId("whatsapp");
    List<String> keys =
        List.of(
            MessageKeys.customerMessage(whatsapp, DEFAULT, "7"),
            MessageKeys.customerMessage(whatsapp, SALES, "7"),
            MessageKeys.agentMessage(DEFAULT, "7"),
            MessageKeys.agentMessage(SALES, "7"));

    assertThat(keys).doesNotHaveDuplicates();
    for (String key : keys) {
      assertThat(processed.firstTime(key)).as(key).isTrue();
    }
    for (String key : keys) {
      assertThat(processed.firstTime(key)).as(key).isFalse();
    }
  }

  @Test
  void a_customers_lanes_on_two_connections_go_out_independently() {
    List<OutboxItem> items = Samples.items();
    String onDefault = Lanes.toCustomer(onDefault(PHONE));
    String onSales = Lanes.toCustomer(new ConversationKey(SALES, PHONE));
    outbox.enqueue(onDefault, items.get(4));
    outbox.enqueue(onDefault, items.get(6));
    outbox.enqueue(onSales, items.get(5));

    assertThat(outbox.claimDue(clock.instant(), 10))
        .extracting(OutboxEntry::lane, OutboxEntry::item)
        .containsExactly(tuple(onDefault, items.get(4)), tuple(onSales, items.get(5)));
  }

  @Test
  void webhook_sources_keep_their_connection_in_the_inbox_and_the_dead_letters() {
    WebhookSource genesysSales = WebhookSource.of("genesys", SALES);
    WebhookSource telegram = WebhookSource.of("telegram", new ConnectionId("support"));
    appendNow(webhook(genesysSales, "one", clock.instant()));
    appendNow(webhook(telegram, "two", clock.instant()));
    appendNow(webhook(WHATSAPP, "three", clock.instant()));
    deadLetters.addWebhook(webhook(genesysSales, "w", clock.instant()), "bad");
    deadLetters.addWebhook(webhook(WHATSAPP, "x", clock.instant()), "bad too");
    OutboxItem onSales = Samples.items().get(1);
    deadLetters.addOutboxEntry(
        new OutboxEntry(1, Lanes.CONTACT_CENTER + "sales:x", onSales, 1, clock.instant()),
        "refused");

    assertThat(inbox.oldest(10))
        .extracting(event -> event.webhook().source())
        .containsExactly(genesysSales, telegram, WHATSAPP);
    assertThat(deadLetters.list(10, null))
        .extracting(letter -> letter.webhook() == null ? null : letter.webhook().source())
        .containsExactly(genesysSales, WHATSAPP, null);
    assertThat(deadLetters.list(10, null))
        .extracting(DeadLetter::connection)
        .containsExactly(SALES, null, SALES);
    assertThat(column("SELECT source FROM dead_letter_webhook ORDER BY seq"))
        .isEqualTo("genesys/sales");
  }

  // ---------------------------------------------------------------- helpers

  @Test
  void
      a_store_call_that_fails_inside_a_transaction_rolls_it_back_even_when_its_failure_is_caught() {
    assertThatThrownBy(
            () ->
                transactions.run(
                    () -> {
                      assertThat(processed.firstTime("doomed")).isTrue();
                      try {
                        jdbc.inTransaction(
                            connection -> {
                              throw new java.sql.SQLException("the disk is full");
                            });
                      } catch (io.micronaut.data.exceptions.DataAccessException caught) {
                        // going on as if nothing happened
                      }
                    }))
        .hasMessageContaining("the disk is full");

    assertThat(processed.firstTime("doomed")).as("rolled back").isTrue();
  }

  // ---------------------------------------------------------------- deferred writes

  /** Writes held until their transaction commits ({@link DeferredWrites}). */
  @Nested
  class Deferred {

    private final List<List<String>> written = new ArrayList<>();

    /** A kind of write to a table no statement of the stores names, recording what it writes. */
    private final DeferredWrites.Kind<String> probe = recording("deferred_probe");

    private DeferredWrites.Kind<String> recording(String table) {
      return new DeferredWrites.Kind<>() {
        private final java.util.regex.Pattern naming = DeferredWrites.Kind.naming(table);

        @Override
        public java.util.regex.Pattern table() {
          return naming;
        }

        @Override
        public void write(java.sql.Connection connection, List<String> rows) {
          written.add(List.copyOf(rows));
        }
      };
    }

    @Test
    void rows_deferred_anywhere_in_a_transaction_are_written_together_when_it_commits() {
      transactions.run(
          () -> {
            jdbc.defer(probe, "first");
            transactions.run(() -> jdbc.defer(probe, "second")); // joins the transaction
            jdbc.defer(probe, "third");
            assertThat(written).as("before the commit").isEmpty();
          });

      assertThat(written).containsExactly(List.of("first", "second", "third"));
    }

    @Test
    void a_statement_naming_the_table_writes_the_rows_waiting_for_it_first() {
      DeferredWrites.Kind<String> contactRows = recording("contact");
      transactions.run(
          () -> {
            jdbc.defer(contactRows, "ana");
            column("SELECT COUNT(*) FROM conversation"); // names another table
            column("SELECT COUNT(*) FROM delivery WHERE contact_center_message_id IS NULL");
            assertThat(written).as("no statement named the table").isEmpty();

            column("SELECT COUNT(*) FROM contact");
            assertThat(written)
                .as("before the statement naming it")
                .containsExactly(List.of("ana"));
          });

      assertThat(written).as("written once").containsExactly(List.of("ana"));
    }

    @Test
    void the_rows_of_a_transaction_that_rolls_back_are_dropped() {
      assertThatThrownBy(
              () ->
                  transactions.run(
                      () -> {
                        jdbc.defer(probe, "dropped");
                        throw new IllegalStateException("rolled back");
                      }))
          .hasMessage("rolled back");
      transactions.run(() -> jdbc.defer(probe, "next"));

      assertThat(written).containsExactly(List.of("next"));
    }

    @Test
    void a_transaction_of_its_own_begun_inside_another_writes_its_rows_at_its_own_commit() {
      transactions.run(
          () -> {
            jdbc.defer(probe, "outer");
            jdbc.inNewTransaction(
                connection -> {
                  jdbc.defer(probe, "inner");
                  return null;
                });
            assertThat(written).containsExactly(List.of("inner"));
          });

      assertThat(written).containsExactly(List.of("inner"), List.of("outer"));
    }

    @Test
    void without_a_transaction_a_row_is_written_at_once() {
      jdbc.defer(probe, "alone");

      assertThat(written).containsExactly(List.of("alone"));
    }

    @Test
    void a_deferred_write_that_fails_fails_the_commit_and_nothing_of_the_transaction_stays() {
      DeferredWrites.Kind<String> failing =
          new DeferredWrites.Kind<>() {
            @Override
            public java.util.regex.Pattern table() {
              return DeferredWrites.Kind.naming("deferred_probe");
            }

            @Override
            public void write(java.sql.Connection connection, List<String> rows)
                throws java.sql.SQLException {
              throw new java.sql.SQLException("the disk is full");
            }
          };

      assertThatThrownBy(
              () ->
                  transactions.run(
                      () -> {
                        assertThat(processed.firstTime("deferred-failure")).isTrue();
                        outbox.enqueue("lane-failing", Samples.items().get(0));
                        jdbc.defer(failing, "row");
                      }))
          .hasMessageContaining("the disk is full");

      assertThat(processed.firstTime("deferred-failure")).as("rolled back").isTrue();
      assertThat(outbox.pending()).isZero();
      transactions.run(() -> jdbc.defer(probe, "next"));
      assertThat(written)
          .as("nothing of the failed transaction is left")
          .containsExactly(List.of("next"));
    }

    @Test
    void what_a_transaction_enqueued_kept_and_remembered_it_reads_back_before_its_commit() {
      List<OutboxItem> items = Samples.items();
      OutboxItem.ForwardToContactCenter hello = forwarding("wamid.deferred", "hello");
      transactions.run(
          () -> {
            outbox.enqueue("lane-z", items.get(0));
            outbox.enqueue("lane-y", items.get(1));
            outbox.enqueue("lane-z", items.get(2));
            forwarded.keep("lane-z", hello);
            contacts.remember(DEFAULT, new Customer(PHONE, "Ana"));
            contacts.remember(DEFAULT, new Customer(PHONE, "Ana Maria"));

            assertThat(contacts.find(DEFAULT, PHONE).orElseThrow().displayName())
                .isEqualTo("Ana Maria");
            assertThat(forwarded.take(DEFAULT, List.of("wamid.deferred"))).isPresent();
            assertThat(count("outbox_entry")).isEqualTo(3);
          });

      assertThat(outbox.claimDue(clock.instant(), 10))
          .extracting(OutboxEntry::item)
          .containsExactly(items.get(0), items.get(1));
      assertThat(forwarded.take(DEFAULT, List.of("wamid.deferred"))).as("taken before").isEmpty();
    }

    @Test
    void entries_enqueued_in_one_transaction_keep_each_lanes_order_and_complete_together() {
      List<OutboxItem> items = Samples.items();
      List<String> lanes = List.of("lane-3", "lane-1", "lane-2");
      transactions.run(
          () -> {
            for (int round = 0; round < 3; round++) {
              for (String lane : lanes) {
                outbox.enqueue(lane, items.get(round));
              }
            }
          });

      for (int round = 0; round < 3; round++) {
        List<OutboxEntry> heads = outbox.claimDue(clock.instant(), 10);
        assertThat(heads).extracting(OutboxEntry::lane).containsExactlyElementsOf(lanes);
        assertThat(heads).extracting(OutboxEntry::item).containsOnly(items.get(round));
        transactions.run(() -> heads.forEach(head -> outbox.complete(head.id())));
      }
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void two_transactions_enqueueing_to_the_same_lanes_in_opposite_orders_both_commit()
        throws Exception {
      List<OutboxItem> items = Samples.items();
      CountDownLatch bothIn = new CountDownLatch(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (List<String> order :
            List.of(List.of("lane-p", "lane-q"), List.of("lane-q", "lane-p"))) {
          done.add(
              pool.submit(
                  () ->
                      transactions.run(
                          () -> {
                            order.forEach(lane -> outbox.enqueue(lane, items.get(0)));
                            bothIn.countDown();
                            awaitQuietly(bothIn);
                          })));
        }
        for (Future<?> each : done) {
          each.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(outbox.pending()).isEqualTo(4);
    }
  }

  private static ConversationKey onDefault(CustomerId customer) {
    return new ConversationKey(DEFAULT, customer);
  }

  private static RawWebhook webhook(WebhookSource source, String body, Instant at) {
    return new RawWebhook(source, body.getBytes(StandardCharsets.UTF_8), at);
  }

  private static String body(RawWebhook webhook) {
    return new String(webhook.body(), StandardCharsets.UTF_8);
  }

  private String column(String sql) {
    return jdbc.inTransaction(
            connection ->
                Jdbc.query(connection, sql, statement -> {}, results -> results.getString(1)))
        .get(0);
  }

  private long count(String table) {
    return jdbc.inTransaction(
        connection -> Jdbc.count(connection, "SELECT COUNT(*) FROM " + table));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Set<String> tables() {
    return Set.copyOf(TABLES);
  }
}
