package dev.switchboard.application.service;

import static dev.switchboard.application.service.TestData.ALICE;
import static dev.switchboard.application.service.TestData.BOB;
import static dev.switchboard.application.service.TestData.DEFAULT;
import static dev.switchboard.application.service.TestData.inbound;
import static dev.switchboard.application.service.TestData.key;
import static dev.switchboard.application.service.TestData.outbound;
import static dev.switchboard.application.service.TestData.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.connection.Connection;
import dev.switchboard.application.connection.Connections;
import dev.switchboard.application.fakes.InMemoryConversations;
import dev.switchboard.application.fakes.InMemoryDeadLetters;
import dev.switchboard.application.fakes.InMemoryDeliveries;
import dev.switchboard.application.fakes.InMemoryMediaStore;
import dev.switchboard.application.fakes.InMemoryOutbox;
import dev.switchboard.application.fakes.InMemoryTransactions;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.fakes.RecordingContactCenter;
import dev.switchboard.application.fakes.RecordingMessagingChannel;
import dev.switchboard.application.fakes.TestConnections;
import dev.switchboard.application.fakes.TestUseCases;
import dev.switchboard.application.fakes.WakeupProbe;
import dev.switchboard.application.pipeline.ChannelSend;
import dev.switchboard.application.pipeline.DispatchOutcome;
import dev.switchboard.application.pipeline.FetchOutcome;
import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxEntry;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.Wakeup;
import dev.switchboard.application.port.in.DispatchOutboxCommand;
import dev.switchboard.application.port.out.ContactCenter;
import dev.switchboard.application.port.out.Deliveries;
import dev.switchboard.application.port.out.PipelineObserver;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.Delivery;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryReceipt;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.delivery.MessageOutcome;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.Attachment;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import dev.switchboard.domain.message.MediaBytes;
import dev.switchboard.domain.message.MediaKind;
import dev.switchboard.domain.message.OutboundContent;
import dev.switchboard.domain.message.OutboundMessage;
import dev.switchboard.domain.message.QuickReply;
import dev.switchboard.domain.message.ReplyChoice;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DispatchOutboxServiceTest {

  private static final String WAMID = "wamid.out.1";
  private static final ReplyRoute PN1 = new ReplyRoute("PN1");
  private static final long MIB = 1024 * 1024;

  private final MutableClock clock = MutableClock.atDefaultStart();
  private final Instant t0 = clock.instant();
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock);
  private final RecordingContactCenter contactCenter = new RecordingContactCenter();
  private final RecordingMessagingChannel channel = new RecordingMessagingChannel();
  private final Connections connections = TestConnections.whatsApp(channel);
  private final InMemoryMediaStore media = new InMemoryMediaStore(clock);
  private final InMemoryConversations conversations = new InMemoryConversations();
  private final FlakyDeliveries deliveries = new FlakyDeliveries();
  private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final Wakeup wakeup = new Wakeup();

  /** Jitter at its highest, so the n-th retry waits exactly min(5 min, 0.5 s * 2^(n-1)). */
  private final RetryPolicy retries =
      new RetryPolicy(
          Duration.ofMillis(500),
          Duration.ofMinutes(5),
          Duration.ofHours(24),
          FixedRandom.highest());

  private final DispatchOutboxService direct = service(Runnable::run, 4);

  private DispatchOutboxService service(Executor executor, int workers) {
    return service(connections, contactCenter, executor, workers, Duration.ZERO);
  }

  private DispatchOutboxService service(
      Connections over,
      ContactCenter center,
      Executor executor,
      int workers,
      Duration recordingPatience) {
    return new DispatchOutboxService(
        outbox,
        center,
        over,
        media,
        Duration.ofHours(24),
        TestUseCases.recordDeliveryStatus(conversations, deliveries, outbox, clock),
        TestUseCases.reengageCustomer(outbox, conversations, deliveries, clock),
        deadLetters,
        transactions,
        retries,
        clock,
        executor,
        workers,
        wakeup,
        recordingPatience,
        PipelineObserver.NONE);
  }

  private int dispatchAll() {
    return direct.dispatch(new DispatchOutboxCommand(100));
  }

  private InboundMessage forwardToContactCenter(CustomerId from, String wamid) {
    InboundMessage message = inbound(from, wamid, t0, "text of " + wamid);
    outbox.enqueue(
        Lanes.toContactCenter(key(from)), new OutboxItem.ForwardToContactCenter(DEFAULT, message));
    return message;
  }

  private OutboundMessage sendToCustomer(CustomerId to, String genesysId, ReplyRoute route) {
    OutboundMessage message = outbound(to, genesysId, "reply " + genesysId);
    outbox.enqueue(
        Lanes.toCustomer(key(to)), new OutboxItem.SendToCustomer(DEFAULT, message, route, true));
    return message;
  }

  private OutboxEntry onlyEntry() {
    assertThat(outbox.entries()).hasSize(1);
    return outbox.entries().get(0);
  }

  private List<DeliveryReceipt> receiptsFor(CustomerId customer) {
    return outbox.itemsIn(Lanes.toContactCenter(key(customer))).stream()
        .map(i -> ((OutboxItem.ReportToContactCenter) i).receipt())
        .toList();
  }

  @Nested
  class Done {

    @Test
    void a_forwarded_message_is_completed() {
      InboundMessage message = forwardToContactCenter(ALICE, "wamid.1");

      assertThat(dispatchAll()).isEqualTo(1);

      assertThat(contactCenter.forwarded()).containsExactly(message);
      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void a_receipt_is_reported_and_completed() {
      DeliveryReceipt receipt = DeliveryReceipt.delivered("gen-1", ALICE, t0);
      outbox.enqueue(
          Lanes.toContactCenter(key(ALICE)),
          new OutboxItem.ReportToContactCenter(DEFAULT, receipt));

      dispatchAll();

      assertThat(contactCenter.reported()).containsExactly(receipt);
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void a_finished_entry_wakes_the_dispatcher() {
      forwardToContactCenter(ALICE, "wamid.1");

      dispatchAll();

      assertThat(WakeupProbe.wasSignalled(wakeup)).isTrue();
    }

    @Test
    void a_send_goes_by_its_route_and_is_recorded_as_a_delivery() {
      OutboundMessage message = sendToCustomer(ALICE, "gen-1", PN1);
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(channel.sent()).containsExactly(new ChannelSend(DEFAULT, message, PN1, null));
      Delivery delivery = deliveries.byChannelMessageId(DEFAULT, WAMID).orElseThrow();
      assertThat(delivery.contactCenterMessageId()).isEqualTo("gen-1");
      assertThat(delivery.customer()).isEqualTo(ALICE);
      assertThat(delivery.status()).isEqualTo(DeliveryStatus.ACCEPTED);
      assertThat(conversations.locks()).containsExactly(key(ALICE));
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void a_send_in_several_parts_is_recorded_under_each_id() {
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Done(List.of("wamid.part1", "wamid.part2")));

      dispatchAll();

      assertThat(deliveries.all())
          .extracting(Delivery::channelMessageId)
          .containsExactly("wamid.part1", "wamid.part2");
    }

    @Test
    void a_held_delivered_status_becomes_a_delivered_receipt() {
      Instant deliveredAt = t0.plusSeconds(1);
      deliveries.hold(DEFAULT, status(ALICE, WAMID, DeliveryStatus.DELIVERED, deliveredAt));
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(receiptsFor(ALICE))
          .containsExactly(DeliveryReceipt.delivered("gen-1", ALICE, deliveredAt));
      assertThat(deliveries.byChannelMessageId(DEFAULT, WAMID).orElseThrow().status())
          .isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(deliveries.held(DEFAULT, WAMID)).isEmpty();
    }

    @Test
    void held_read_and_delivered_give_one_delivered_receipt() {
      deliveries.hold(DEFAULT, status(ALICE, WAMID, DeliveryStatus.READ, t0.plusSeconds(2)));
      deliveries.hold(DEFAULT, status(ALICE, WAMID, DeliveryStatus.DELIVERED, t0.plusSeconds(1)));
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(receiptsFor(ALICE))
          .containsExactly(DeliveryReceipt.delivered("gen-1", ALICE, t0.plusSeconds(2)));
      assertThat(deliveries.byChannelMessageId(DEFAULT, WAMID).orElseThrow().status())
          .isEqualTo(DeliveryStatus.READ);
    }

    @Test
    void a_held_failed_status_becomes_a_failed_receipt() {
      DeliveryFailure why = new DeliveryFailure(FailureReason.INVALID_DESTINATION, "(#131026)");
      deliveries.hold(DEFAULT, status(ALICE, WAMID, DeliveryStatus.FAILED, t0, why));
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(receiptsFor(ALICE))
          .containsExactly(DeliveryReceipt.failed("gen-1", ALICE, List.of(why), t0));
    }

    @Test
    void a_held_sent_status_gives_no_receipt() {
      deliveries.hold(DEFAULT, status(ALICE, WAMID, DeliveryStatus.SENT, t0));
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(receiptsFor(ALICE)).isEmpty();
      assertThat(deliveries.byChannelMessageId(DEFAULT, WAMID).orElseThrow().status())
          .isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void statuses_held_for_another_message_stay_held() {
      deliveries.hold(DEFAULT, status(ALICE, "wamid.other", DeliveryStatus.DELIVERED, t0));
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(receiptsFor(ALICE)).isEmpty();
      assertThat(deliveries.held(DEFAULT, "wamid.other")).hasSize(1);
    }
  }

  @Nested
  class RetryLater {

    @Test
    void a_passing_failure_is_postponed_by_the_backoff_and_counted() {
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));

      dispatchAll();

      OutboxEntry entry = onlyEntry();
      assertThat(entry.failedAttempts()).isEqualTo(1);
      assertThat(outbox.dueAt(entry.id())).contains(t0.plusMillis(500));
      assertThat(outbox.lastError(entry.id())).contains("HTTP 503");
      assertThat(outbox.isClaimed(entry.id(), t0)).isFalse();
      assertThat(deadLetters.isEmpty()).isTrue();
      assertThat(deliveries.all()).isEmpty();
    }

    @Test
    void a_postponed_entry_is_not_dispatched_before_it_is_due() {
      forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));
      dispatchAll();

      clock.advance(Duration.ofMillis(499));
      assertThat(dispatchAll()).isZero();

      clock.advance(Duration.ofMillis(1));
      assertThat(dispatchAll()).isEqualTo(1);
      assertThat(contactCenter.forwarded()).hasSize(2);
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void each_further_failure_waits_longer() {
      forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(
          new DispatchOutcome.RetryLater(null, "HTTP 503"),
          new DispatchOutcome.RetryLater(null, "HTTP 503"),
          new DispatchOutcome.RetryLater(null, "HTTP 503"));

      dispatchAll();
      clock.set(outbox.dueAt(onlyEntry().id()).orElseThrow());
      dispatchAll();
      Instant secondFailure = clock.instant();
      assertThat(outbox.dueAt(onlyEntry().id())).contains(secondFailure.plusMillis(1000));

      clock.set(outbox.dueAt(onlyEntry().id()).orElseThrow());
      dispatchAll();
      assertThat(outbox.dueAt(onlyEntry().id())).contains(clock.instant().plusMillis(2000));
      assertThat(onlyEntry().failedAttempts()).isEqualTo(3);
    }

    @Test
    void retry_after_longer_than_the_backoff_is_honoured() {
      forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(Duration.ofSeconds(30), "HTTP 429"));

      dispatchAll();

      assertThat(outbox.dueAt(onlyEntry().id())).contains(t0.plusSeconds(30));
    }

    @Test
    void retry_after_shorter_than_the_backoff_does_not_shorten_it() {
      forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(Duration.ofMillis(100), "HTTP 429"));

      dispatchAll();

      assertThat(outbox.dueAt(onlyEntry().id())).contains(t0.plusMillis(500));
    }

    @Test
    void an_exception_from_the_port_is_a_passing_failure() {
      sendToCustomer(ALICE, "gen-1", null);
      channel.willThrow(new IllegalStateException("connection reset"));

      dispatchAll();

      OutboxEntry entry = onlyEntry();
      assertThat(entry.failedAttempts()).isEqualTo(1);
      assertThat(outbox.dueAt(entry.id())).contains(t0.plusMillis(500));
      assertThat(outbox.lastError(entry.id()))
          .hasValueSatisfying(e -> assertThat(e).contains("connection reset"));
      assertThat(receiptsFor(ALICE)).isEmpty();
      assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void a_port_answering_nothing_is_a_passing_failure() {
      forwardToContactCenter(ALICE, "wamid.1");
      ContactCenter answersNothing =
          new ContactCenter() {
            @Override
            public long largestAttachment() {
              return RecordingContactCenter.DEFAULT_LARGEST;
            }

            @Override
            public DispatchOutcome forward(
                ConnectionId connection, InboundMessage message, List<Attachment> attachments) {
              return null;
            }

            @Override
            public DispatchOutcome answer(ConnectionId connection, ReplyChoice choice) {
              return null;
            }

            @Override
            public FetchOutcome fetchAttachment(
                ConnectionId connection, OutboundContent.Media attachment, long maxBytes) {
              return null;
            }

            @Override
            public DispatchOutcome report(ConnectionId connection, DeliveryReceipt receipt) {
              return null;
            }
          };
      DispatchOutboxService service =
          service(connections, answersNothing, Runnable::run, 1, Duration.ZERO);

      service.dispatch(new DispatchOutboxCommand(1));

      OutboxEntry entry = onlyEntry();
      assertThat(entry.failedAttempts()).isEqualTo(1);
      assertThat(outbox.isClaimed(entry.id(), clock.instant())).isFalse();
    }

    @Test
    void just_before_the_policys_limit_it_is_still_retried() {
      forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));
      clock.advance(Duration.ofHours(24).minusMillis(1));

      dispatchAll();

      assertThat(outbox.pending()).isEqualTo(1);
      assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void at_the_policys_limit_the_entry_goes_to_the_dead_letters() {
      InboundMessage message = forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));
      clock.advance(Duration.ofHours(24));

      dispatchAll();

      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.outboxEntries())
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.entry().item())
                    .isEqualTo(new OutboxItem.ForwardToContactCenter(DEFAULT, message));
                assertThat(letter.reason()).contains("HTTP 503");
              });
    }

    @Test
    void a_send_given_up_on_is_dead_lettered_and_the_agent_gets_a_failed_receipt() {
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));
      clock.advance(Duration.ofHours(25));

      dispatchAll();

      assertThat(deadLetters.outboxEntries()).hasSize(1);
      assertThat(receiptsFor(ALICE))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.contactCenterMessageId()).isEqualTo("gen-1");
                assertThat(r.outcome()).isEqualTo(DeliveryReceipt.Outcome.FAILED);
                assertThat(r.reasons()).containsExactly(DispatchOutboxService.GAVE_UP);
                assertThat(r.at()).isEqualTo(clock.instant());
              });
    }
  }

  @Nested
  class Refused {

    @Test
    void a_refused_send_becomes_a_failed_receipt_with_its_reason() {
      DeliveryFailure why = new DeliveryFailure(FailureReason.RECIPIENT_OPTED_OUT, "(#131050)");
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Refused(why));

      dispatchAll();

      assertThat(outbox.entries())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.lane()).isEqualTo(Lanes.toContactCenter(key(ALICE)));
                assertThat(e.item())
                    .isEqualTo(
                        new OutboxItem.ReportToContactCenter(
                            DEFAULT, DeliveryReceipt.failed("gen-1", ALICE, List.of(why), t0)));
              });
      assertThat(deliveries.all()).isEmpty();
      assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void a_refused_forward_goes_to_the_dead_letters() {
      InboundMessage message = forwardToContactCenter(ALICE, "wamid.1");
      contactCenter.willAnswer(
          new DispatchOutcome.Refused(
              new DeliveryFailure(FailureReason.GENERAL_ERROR, "HTTP 400 bad request")));

      dispatchAll();

      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.outboxEntries())
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.entry().item())
                    .isEqualTo(new OutboxItem.ForwardToContactCenter(DEFAULT, message));
                assertThat(letter.reason()).contains("HTTP 400 bad request");
              });
    }

    @Test
    void a_refused_receipt_goes_to_the_dead_letters() {
      outbox.enqueue(
          Lanes.toContactCenter(key(ALICE)),
          new OutboxItem.ReportToContactCenter(
              DEFAULT, DeliveryReceipt.delivered("gen-1", ALICE, t0)));
      contactCenter.willAnswer(
          new DispatchOutcome.Refused(
              new DeliveryFailure(FailureReason.GENERAL_ERROR, "HTTP 404")));

      dispatchAll();

      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.outboxEntries()).hasSize(1);
    }
  }

  @Nested
  class InboundMedia {

    private static final String MEDIA_WAMID = "wamid.media.1";
    private final byte[] png = "png-bytes".getBytes(StandardCharsets.UTF_8);

    private InboundMessage forwardMedia(InboundContent.Media attached) {
      InboundMessage message =
          new InboundMessage(
              MEDIA_WAMID,
              new Customer(ALICE, "Alice"),
              PN1,
              t0,
              attached,
              Map.of("context.quoted", "wamid.earlier"));
      outbox.enqueue(
          Lanes.toContactCenter(key(ALICE)),
          new OutboxItem.ForwardToContactCenter(DEFAULT, message));
      return message;
    }

    private InboundContent.Media image(String sha256, String caption) {
      return new InboundContent.Media(
          MediaKind.IMAGE, "1003383421387256", "image/png", sha256, null, caption);
    }

    private String expectedLink() {
      return media.link("media-" + MEDIA_WAMID, t0.plus(Duration.ofHours(24)));
    }

    @Test
    void a_customers_image_is_fetched_within_the_limit_stored_and_linked_for_the_agent() {
      InboundContent.Media attached = image(sha256Hex(png), "a cat");
      channel.willFetch(new FetchOutcome.Fetched(new MediaBytes(png, "image/png", null)));
      InboundMessage message = forwardMedia(attached);

      dispatchAll();

      assertThat(channel.fetches())
          .containsExactly(new RecordingMessagingChannel.Fetch(DEFAULT, attached, 5 * MIB));
      assertThat(media.get("media-" + MEDIA_WAMID))
          .hasValueSatisfying(stored -> assertThat(stored.content()).isEqualTo(png));
      assertThat(contactCenter.forwarded()).containsExactly(message);
      assertThat(contactCenter.forwardedAttachments())
          .containsExactly(
              List.of(new Attachment(MediaKind.IMAGE, expectedLink(), "image/png", null)));
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void the_link_expires_after_the_configured_lifetime_from_the_dispatch() {
      forwardMedia(image(null, null));
      clock.advance(Duration.ofMinutes(5));

      dispatchAll();

      assertThat(contactCenter.forwardedAttachments().get(0).get(0).url())
          .isEqualTo(
              media.link(
                  "media-" + MEDIA_WAMID,
                  t0.plus(Duration.ofMinutes(5)).plus(Duration.ofHours(24))));
    }

    @Test
    void a_document_keeps_its_file_name_and_may_be_up_to_the_contact_centers_limit() {
      byte[] pdf = "%PDF-1.4".getBytes(StandardCharsets.UTF_8);
      InboundContent.Media document =
          new InboundContent.Media(
              MediaKind.DOCUMENT, "555000111", "application/pdf", null, "invoice.pdf", null);
      channel.willFetch(new FetchOutcome.Fetched(new MediaBytes(pdf, "application/pdf", null)));
      forwardMedia(document);

      dispatchAll();

      assertThat(channel.fetchLimits()).containsExactly(RecordingContactCenter.DEFAULT_LARGEST);
      assertThat(contactCenter.forwardedAttachments())
          .containsExactly(
              List.of(
                  new Attachment(
                      MediaKind.DOCUMENT, expectedLink(), "application/pdf", "invoice.pdf")));
      assertThat(media.get("media-" + MEDIA_WAMID))
          .hasValueSatisfying(stored -> assertThat(stored.filename()).isEqualTo("invoice.pdf"));
    }

    @Test
    void the_media_type_the_channel_states_is_kept_when_the_download_has_none() {
      channel.willFetch(new FetchOutcome.Fetched(new MediaBytes(png, "", null)));
      forwardMedia(image(null, null));

      dispatchAll();

      assertThat(contactCenter.forwardedAttachments().get(0).get(0).mimeType())
          .isEqualTo("image/png");
    }

    @Test
    void bytes_that_do_not_match_their_checksum_are_not_passed_on_and_the_agent_reads_why() {
      channel.willFetch(new FetchOutcome.Fetched(new MediaBytes(png, "image/png", null)));
      InboundMessage message = forwardMedia(image(sha256Hex("other".getBytes()), "a cat"));

      dispatchAll();

      assertThat(contactCenter.forwardedAttachments()).containsExactly(List.of());
      assertThat(media.get("media-" + MEDIA_WAMID)).isEmpty();
      InboundMessage forwarded = contactCenter.forwarded().get(0);
      assertThat(forwarded.channelMessageId()).isEqualTo(MEDIA_WAMID);
      assertThat(forwarded.metadata()).isEqualTo(message.metadata());
      assertThat(forwarded.content()).isInstanceOf(InboundContent.Text.class);
      assertThat(((InboundContent.Text) forwarded.content()).body())
          .contains("image", "could not be retrieved", "checksum")
          .endsWith("a cat");
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void media_the_channel_cannot_give_reaches_the_agent_as_a_note_of_why_with_the_caption() {
      channel.willFetch(
          new FetchOutcome.Unavailable(
              new DeliveryFailure(
                  FailureReason.INVALID_MEDIA_CONTENT_LENGTH, "it is larger than 5 MB")));
      forwardMedia(image(null, "my passport"));

      dispatchAll();

      assertThat(contactCenter.forwardedAttachments()).containsExactly(List.of());
      assertThat(((InboundContent.Text) contactCenter.forwarded().get(0).content()).body())
          .startsWith("[The customer sent an image that could not be retrieved:")
          .contains("it is larger than 5 MB")
          .endsWith("\nmy passport");
      assertThat(media.get("media-" + MEDIA_WAMID)).isEmpty();
      assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void media_without_caption_that_cannot_be_had_is_a_note_alone() {
      channel.willFetch(
          new FetchOutcome.Unavailable(new DeliveryFailure(FailureReason.GENERAL_ERROR, "gone")));
      forwardMedia(new InboundContent.Media(MediaKind.AUDIO, "42", "audio/ogg", null, null, null));

      dispatchAll();

      assertThat(((InboundContent.Text) contactCenter.forwarded().get(0).content()).body())
          .isEqualTo("[The customer sent an audio that could not be retrieved: gone]");
    }

    @Test
    void a_passing_failure_fetching_postpones_the_entry_and_forwards_nothing() {
      channel.willFetch(new FetchOutcome.RetryLater(Duration.ofSeconds(30), "HTTP 503"));
      forwardMedia(image(null, null));

      dispatchAll();

      OutboxEntry entry = onlyEntry();
      assertThat(entry.failedAttempts()).isEqualTo(1);
      assertThat(outbox.dueAt(entry.id())).contains(t0.plusSeconds(30));
      assertThat(outbox.lastError(entry.id())).contains("HTTP 503");
      assertThat(contactCenter.forwarded()).isEmpty();
      assertThat(media.get("media-" + MEDIA_WAMID)).isEmpty();
    }

    @Test
    void a_retried_forward_links_the_same_stored_media() {
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));
      forwardMedia(image(null, null));

      dispatchAll();
      clock.advance(Duration.ofSeconds(1));
      dispatchAll();

      assertThat(contactCenter.forwardedAttachments())
          .hasSize(2)
          .allSatisfy(
              links ->
                  assertThat(links.get(0).url()).startsWith("memory://media/media-" + MEDIA_WAMID));
      assertThat(outbox.pending()).isZero();
    }
  }

  @Nested
  class OutboundMedia {

    private final OutboundContent.Media image =
        new OutboundContent.Media(
            MediaKind.IMAGE,
            "https://api.mypurecloud.com/uploads/cat.png",
            "image/png",
            "cat.png",
            "our cat");

    private OutboundMessage sendMedia(OutboundContent.Media attached) {
      OutboundMessage message = new OutboundMessage("gen-m", ALICE, attached);
      outbox.enqueue(
          Lanes.toCustomer(key(ALICE)), new OutboxItem.SendToCustomer(DEFAULT, message, PN1, true));
      return message;
    }

    @Test
    void an_agents_attachment_is_fetched_within_the_channels_limit_and_sent_with_its_bytes() {
      OutboundMessage message = sendMedia(image);
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(contactCenter.fetches())
          .containsExactly(new RecordingContactCenter.Call<>(DEFAULT, image));
      assertThat(contactCenter.fetchLimits()).containsExactly(5 * MIB);
      assertThat(channel.sent())
          .as("one call carries the message and its bytes: nothing is uploaded beforehand")
          .singleElement()
          .satisfies(
              send -> {
                assertThat(send.connection()).isEqualTo(DEFAULT);
                assertThat(send.message()).isEqualTo(message);
                assertThat(send.route()).isEqualTo(PN1);
                assertThat(new String(send.attachment().content(), StandardCharsets.UTF_8))
                    .isEqualTo("agent-media");
                assertThat(send.attachment().mimeType()).isEqualTo("image/png");
                assertThat(send.attachment().filename()).isEqualTo("cat.png");
              });
      assertThat(deliveries.byChannelMessageId(DEFAULT, WAMID)).isPresent();
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void a_cards_image_is_fetched_and_sent_with_the_card_whose_buttons_the_delivery_remembers() {
      QuickReply yes = QuickReply.postback("Choose it", "plan-premium");
      OutboundContent.Card card =
          new OutboundContent.Card("Premium plan", "30 EUR", image, List.of(yes), List.of());
      OutboundMessage message = new OutboundMessage("gen-card", ALICE, card);
      outbox.enqueue(
          Lanes.toCustomer(key(ALICE)), new OutboxItem.SendToCustomer(DEFAULT, message, PN1, true));
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(contactCenter.fetches())
          .containsExactly(new RecordingContactCenter.Call<>(DEFAULT, image));
      assertThat(channel.sent())
          .singleElement()
          .satisfies(
              send ->
                  assertThat(new String(send.attachment().content(), StandardCharsets.UTF_8))
                      .isEqualTo("agent-media"));
      assertThat(deliveries.byChannelMessageId(DEFAULT, WAMID))
          .hasValueSatisfying(d -> assertThat(d.offeredReplies()).containsExactly(yes));
    }

    @Test
    void a_templates_header_media_is_fetched_and_sent_with_the_template() {
      OutboundContent.Template template =
          new OutboundContent.Template(
              "ns", "order_label", "en_US", List.of("A-1009"), image.withCaption(null));
      outbox.enqueue(
          Lanes.toCustomer(key(ALICE)),
          new OutboxItem.SendToCustomer(
              DEFAULT, new OutboundMessage("gen-t", ALICE, template), PN1, true));
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(contactCenter.fetches())
          .containsExactly(new RecordingContactCenter.Call<>(DEFAULT, image.withCaption(null)));
      assertThat(channel.sent())
          .singleElement()
          .satisfies(s -> assertThat(s.attachment()).isNotNull());
    }

    @Test
    void the_file_name_and_media_type_of_the_download_fill_in_what_the_agent_did_not_give() {
      OutboundContent.Media unnamed =
          new OutboundContent.Media(
              MediaKind.DOCUMENT, "https://api.mypurecloud.com/uploads/1", "", null, null);
      contactCenter.willFetch(
          new FetchOutcome.Fetched(
              new MediaBytes("%PDF".getBytes(StandardCharsets.UTF_8), "application/pdf", "a.pdf")));
      sendMedia(unnamed);

      dispatchAll();

      assertThat(contactCenter.fetchLimits()).containsExactly(100 * MIB);
      assertThat(channel.sent())
          .singleElement()
          .satisfies(
              send -> {
                assertThat(send.attachment().mimeType()).isEqualTo("application/pdf");
                assertThat(send.attachment().filename()).isEqualTo("a.pdf");
              });
    }

    @Test
    void an_attachment_that_may_not_be_fetched_fails_with_its_reason_and_nothing_is_sent() {
      DeliveryFailure disallowed =
          new DeliveryFailure(
              FailureReason.MESSAGE_NOT_ALLOWED, "evil.example.com is not a Genesys media host");
      contactCenter.willFetch(new FetchOutcome.Unavailable(disallowed));
      sendMedia(image);

      dispatchAll();

      assertThat(channel.sent()).isEmpty();
      assertThat(receiptsFor(ALICE))
          .containsExactly(DeliveryReceipt.failed("gen-m", ALICE, List.of(disallowed), t0));
      assertThat(deliveries.all()).isEmpty();
      assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void a_passing_failure_fetching_the_attachment_postpones_the_send() {
      contactCenter.willFetch(new FetchOutcome.RetryLater(null, "HTTP 502"));
      sendMedia(image);

      dispatchAll();

      assertThat(onlyEntry().failedAttempts()).isEqualTo(1);
      assertThat(channel.sent()).isEmpty();
    }

    @Test
    void a_passing_failure_sending_the_attachment_postpones_the_send_which_fetches_it_again() {
      channel.willAnswer(new DispatchOutcome.RetryLater(Duration.ofSeconds(20), "HTTP 503"));
      OutboundMessage message = sendMedia(image);

      dispatchAll();

      OutboxEntry entry = onlyEntry();
      assertThat(entry.item()).isInstanceOf(OutboxItem.SendToCustomer.class);
      assertThat(entry.failedAttempts()).isEqualTo(1);
      assertThat(outbox.dueAt(entry.id())).contains(t0.plusSeconds(20));
      assertThat(receiptsFor(ALICE)).isEmpty();

      clock.advance(Duration.ofSeconds(20));
      dispatchAll();

      assertThat(contactCenter.fetched()).containsExactly(image, image);
      assertThat(channel.sent())
          .hasSize(2)
          .allSatisfy(
              send -> {
                assertThat(send.message()).isEqualTo(message);
                assertThat(send.attachment()).isNotNull();
              });
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void an_attachment_the_channel_refuses_fails_with_its_reason() {
      DeliveryFailure tooBig =
          new DeliveryFailure(FailureReason.INVALID_MEDIA_CONTENT_LENGTH, "(#131053)");
      channel.willAnswer(new DispatchOutcome.Refused(tooBig));
      sendMedia(image);

      dispatchAll();

      assertThat(channel.sent()).hasSize(1);
      assertThat(receiptsFor(ALICE))
          .containsExactly(DeliveryReceipt.failed("gen-m", ALICE, List.of(tooBig), t0));
      assertThat(deliveries.all()).isEmpty();
    }

    @Test
    void an_attachment_of_a_kind_the_channel_does_not_carry_is_refused_without_fetching_it() {
      RecordingMessagingChannel telegram = RecordingMessagingChannel.telegramLike();
      DispatchOutboxService service =
          service(
              TestConnections.of(telegram, new Connection(DEFAULT, telegram.channel())),
              contactCenter,
              Runnable::run,
              1,
              Duration.ZERO);
      sendMedia(
          new OutboundContent.Media(
              MediaKind.STICKER, "https://api.mypurecloud.com/s.webp", "image/webp", null, null));

      service.dispatch(new DispatchOutboxCommand(10));

      assertThat(contactCenter.fetched()).isEmpty();
      assertThat(telegram.sent()).isEmpty();
      assertThat(receiptsFor(ALICE))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.outcome()).isEqualTo(DeliveryReceipt.Outcome.FAILED);
                assertThat(r.reasons())
                    .extracting(DeliveryFailure::reason)
                    .containsExactly(FailureReason.MEDIA_TYPE_NOT_ALLOWED);
                assertThat(r.reasons().get(0).message()).contains("telegram", "sticker");
              });
      assertThat(deadLetters.isEmpty()).isTrue();
    }
  }

  @Nested
  class AnswersAndTyping {

    private final ReplyChoice choice =
        new ReplyChoice(
            "gen-q",
            new Customer(ALICE, "Alice"),
            new QuickReply("Yes", "YES_PAYLOAD"),
            "wamid.tap",
            Instant.parse("2025-03-01T11:59:00Z"));

    @Test
    void a_quick_reply_answer_goes_to_the_contact_center() {
      outbox.enqueue(
          Lanes.toContactCenter(key(ALICE)), new OutboxItem.AnswerToContactCenter(DEFAULT, choice));

      dispatchAll();

      assertThat(contactCenter.answered()).containsExactly(choice);
      assertThat(contactCenter.forwarded()).isEmpty();
      assertThat(outbox.pending()).isZero();
    }

    private InboundMessage tapOn(String sentWamid, Instant at) {
      InboundMessage tap =
          new InboundMessage(
              "wamid.tap",
              new Customer(ALICE, "Alice"),
              null,
              at,
              new InboundContent.ReplyTap(QuickReply.idAt(0), "Yes", sentWamid));
      outbox.enqueue(
          Lanes.toContactCenter(key(ALICE)), new OutboxItem.ForwardToContactCenter(DEFAULT, tap));
      return tap;
    }

    @Test
    void a_tap_that_crossed_its_sends_answer_waits_for_the_send_and_answers_the_offer() {
      InboundMessage tap = tapOn("wamid.offer", clock.instant());

      dispatchAll();
      assertThat(contactCenter.answered()).isEmpty();
      assertThat(contactCenter.forwarded()).as("not as text while the send may come").isEmpty();
      assertThat(outbox.pending()).isOne();

      deliveries.save(
          DEFAULT,
          Delivery.accepted(
              "gen-q", "wamid.offer", ALICE, List.of(new QuickReply("Yes", "YES_PAYLOAD")), true));
      clock.advance(Duration.ofSeconds(1));
      dispatchAll();

      assertThat(contactCenter.answered())
          .containsExactly(
              new ReplyChoice(
                  "gen-q",
                  tap.sender(),
                  new QuickReply("Yes", "YES_PAYLOAD"),
                  "wamid.tap",
                  tap.sentAt()));
      assertThat(contactCenter.forwarded()).isEmpty();
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void a_tap_on_a_message_never_recorded_reaches_the_agent_as_its_text_after_a_while() {
      InboundMessage tap = tapOn("wamid.elsewhere", clock.instant());

      dispatchAll();
      clock.advance(Duration.ofSeconds(31));
      dispatchAll();

      assertThat(contactCenter.answered()).isEmpty();
      assertThat(contactCenter.forwarded())
          .containsExactly(tap.with(new InboundContent.Text("Yes")));
      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.outboxEntries()).isEmpty();
    }

    @Test
    void a_refused_answer_goes_to_the_dead_letters() {
      outbox.enqueue(
          Lanes.toContactCenter(key(ALICE)), new OutboxItem.AnswerToContactCenter(DEFAULT, choice));
      contactCenter.willAnswer(
          new DispatchOutcome.Refused(
              new DeliveryFailure(FailureReason.GENERAL_ERROR, "HTTP 400")));

      dispatchAll();

      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.outboxEntries()).hasSize(1);
    }

    @Test
    void a_typing_indicator_is_shown_for_the_customers_message_by_their_route() {
      outbox.enqueue(
          Lanes.toCustomer(key(ALICE)),
          new OutboxItem.ShowTyping(DEFAULT, ALICE, PN1, "wamid.last"));

      dispatchAll();

      assertThat(channel.typingShown())
          .containsExactly(new RecordingMessagingChannel.Typing(DEFAULT, ALICE, PN1, "wamid.last"));
      assertThat(channel.sent()).isEmpty();
      assertThat(deliveries.all()).isEmpty();
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void a_typing_indicator_the_channel_refuses_is_dropped() {
      outbox.enqueue(
          Lanes.toCustomer(key(ALICE)),
          new OutboxItem.ShowTyping(DEFAULT, ALICE, null, "wamid.last"));
      channel.willShowTyping(
          new DispatchOutcome.Refused(new DeliveryFailure(FailureReason.GENERAL_ERROR, "(#100)")));

      dispatchAll();

      assertThat(channel.typing()).containsExactly("wamid.last");
      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.isEmpty()).isTrue();
      assertThat(receiptsFor(ALICE)).isEmpty();
    }

    @Test
    void a_typing_indicator_that_fails_in_passing_is_not_retried() {
      outbox.enqueue(
          Lanes.toCustomer(key(ALICE)),
          new OutboxItem.ShowTyping(DEFAULT, ALICE, null, "wamid.last"));
      channel.willShowTyping(new DispatchOutcome.RetryLater(null, "HTTP 503"));

      dispatchAll();
      clock.advance(Duration.ofMinutes(10));
      dispatchAll();

      assertThat(channel.typing()).containsExactly("wamid.last");
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void an_acknowledgement_is_given_to_the_channel_of_its_connection() {
      outbox.enqueue(
          Lanes.toContactCenter(key(ALICE)), new OutboxItem.Acknowledge(DEFAULT, "callback-7"));

      dispatchAll();

      assertThat(channel.acknowledged())
          .containsExactly(new RecordingMessagingChannel.Acknowledged(DEFAULT, "callback-7"));
      assertThat(contactCenter.forwarded()).isEmpty();
      assertThat(channel.sent()).isEmpty();
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void an_acknowledgement_the_channel_refuses_is_dropped() {
      outbox.enqueue(
          Lanes.toContactCenter(key(ALICE)), new OutboxItem.Acknowledge(DEFAULT, "callback-7"));
      channel.willAcknowledge(
          new DispatchOutcome.Refused(
              new DeliveryFailure(FailureReason.GENERAL_ERROR, "HTTP 400")));

      dispatchAll();

      assertThat(channel.acknowledged()).hasSize(1);
      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.isEmpty()).isTrue();
      assertThat(receiptsFor(ALICE)).isEmpty();
    }

    @Test
    void an_acknowledgement_that_fails_in_passing_is_not_retried() {
      outbox.enqueue(
          Lanes.toContactCenter(key(ALICE)), new OutboxItem.Acknowledge(DEFAULT, "callback-7"));
      channel.willAcknowledge(new DispatchOutcome.RetryLater(null, "HTTP 503"));

      dispatchAll();
      clock.advance(Duration.ofMinutes(10));
      dispatchAll();

      assertThat(channel.acknowledged()).hasSize(1);
      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void a_forward_then_its_acknowledgement_go_in_order_in_one_lane() {
      InboundMessage message = forwardToContactCenter(ALICE, "wamid.1");
      outbox.enqueue(
          Lanes.toContactCenter(key(ALICE)), new OutboxItem.Acknowledge(DEFAULT, "callback-7"));
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));

      dispatchAll();

      assertThat(channel.acknowledged()).as("waits behind the forward").isEmpty();

      clock.advance(Duration.ofSeconds(1));
      dispatchAll();
      dispatchAll();

      assertThat(contactCenter.forwarded()).containsExactly(message, message);
      assertThat(channel.acknowledged()).hasSize(1);
      assertThat(outbox.pending()).isZero();
    }
  }

  @Nested
  class OfferedRepliesAndParts {

    private final QuickReply yes = new QuickReply("Yes", "YES_PAYLOAD");
    private final QuickReply no = new QuickReply("No", "NO_PAYLOAD");

    private void send(OutboundContent content, boolean finalPart) {
      outbox.enqueue(
          Lanes.toCustomer(key(ALICE)),
          new OutboxItem.SendToCustomer(
              DEFAULT, new OutboundMessage("gen-1", ALICE, content), null, finalPart));
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));
    }

    @Test
    void a_send_that_offered_quick_replies_is_recorded_with_them() {
      send(new OutboundContent.QuickReplies("OK?", List.of(yes, no)), true);

      dispatchAll();

      Delivery delivery = deliveries.byChannelMessageId(DEFAULT, WAMID).orElseThrow();
      assertThat(delivery.offeredReplies()).containsExactly(yes, no);
      assertThat(delivery.offeredReply(QuickReply.idAt(1))).contains(no);
      assertThat(delivery.contactCenterMessageId()).isEqualTo("gen-1");
    }

    @Test
    void a_text_send_offers_nothing() {
      send(new OutboundContent.Text("hi"), true);

      dispatchAll();

      assertThat(deliveries.byChannelMessageId(DEFAULT, WAMID).orElseThrow().offeredReplies())
          .isEmpty();
    }

    @Test
    void a_non_final_part_is_recorded_as_such_and_its_delivery_is_not_reported() {
      deliveries.hold(DEFAULT, status(ALICE, WAMID, DeliveryStatus.DELIVERED, t0.plusSeconds(1)));
      send(new OutboundContent.Text("part one"), false);

      dispatchAll();

      Delivery delivery = deliveries.byChannelMessageId(DEFAULT, WAMID).orElseThrow();
      assertThat(delivery.finalPart()).isFalse();
      assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(receiptsFor(ALICE)).isEmpty();
    }

    @Test
    void a_non_final_part_that_failed_is_reported() {
      DeliveryFailure why = new DeliveryFailure(FailureReason.GENERAL_ERROR, "(#131000)");
      deliveries.hold(DEFAULT, status(ALICE, WAMID, DeliveryStatus.FAILED, t0, why));
      send(new OutboundContent.Text("part one"), false);

      dispatchAll();

      assertThat(receiptsFor(ALICE))
          .containsExactly(DeliveryReceipt.failed("gen-1", ALICE, List.of(why), t0));
    }

    @Test
    void the_final_part_reports_delivered() {
      deliveries.hold(DEFAULT, status(ALICE, WAMID, DeliveryStatus.READ, t0.plusSeconds(1)));
      send(new OutboundContent.Text("last part"), true);

      dispatchAll();

      assertThat(receiptsFor(ALICE))
          .containsExactly(DeliveryReceipt.delivered("gen-1", ALICE, t0.plusSeconds(1)));
    }
  }

  @Nested
  class ChannelsWithoutDeliveryReports {

    private final RecordingMessagingChannel telegram = RecordingMessagingChannel.telegramLike();
    private final DispatchOutboxService service =
        service(
            TestConnections.of(telegram, new Connection(DEFAULT, telegram.channel())),
            contactCenter,
            Runnable::run,
            1,
            Duration.ZERO);

    private void send(String genesysId, String text, boolean finalPart) {
      outbox.enqueue(
          Lanes.toCustomer(key(ALICE)),
          new OutboxItem.SendToCustomer(
              DEFAULT,
              new OutboundMessage(genesysId, ALICE, new OutboundContent.Text(text)),
              null,
              finalPart));
    }

    /** Dispatches until the lanes are drained: the receipts reach the contact center too. */
    private void dispatchAll() {
      while (service.dispatch(new DispatchOutboxCommand(100)) > 0) {
        // next round
      }
    }

    @Test
    void an_accepted_send_is_delivered_at_once_and_the_agent_told_so() {
      send("gen-1", "hello", true);
      telegram.willAnswer(new DispatchOutcome.Done(List.of("tg.42")));

      dispatchAll();

      assertThat(contactCenter.reported())
          .containsExactly(DeliveryReceipt.delivered("gen-1", ALICE, clock.instant()));
      assertThat(deliveries.byChannelMessageId(DEFAULT, "tg.42").orElseThrow().status())
          .isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void of_a_split_text_only_the_final_part_gives_a_delivered_receipt() {
      send("gen-1", "part one", false);
      send("gen-1", "part two", false);
      send("gen-1", "part three", true);

      dispatchAll();

      assertThat(telegram.sent()).hasSize(3);
      assertThat(contactCenter.reported())
          .containsExactly(DeliveryReceipt.delivered("gen-1", ALICE, clock.instant()));
      assertThat(deliveries.all())
          .extracting(Delivery::status)
          .containsOnly(DeliveryStatus.DELIVERED)
          .hasSize(3);
    }

    @Test
    void a_refused_send_is_still_a_failure() {
      DeliveryFailure blocked =
          new DeliveryFailure(FailureReason.RECIPIENT_OPTED_OUT, "bot was blocked by the user");
      send("gen-1", "hello", true);
      telegram.willAnswer(new DispatchOutcome.Refused(blocked));

      dispatchAll();

      assertThat(contactCenter.reported())
          .containsExactly(DeliveryReceipt.failed("gen-1", ALICE, List.of(blocked), t0));
      assertThat(deliveries.all()).isEmpty();
    }

    @Test
    void on_a_channel_that_reports_a_send_is_only_accepted_until_it_does() {
      sendToCustomer(ALICE, "gen-1", null);
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      DispatchOutboxServiceTest.this.dispatchAll();

      assertThat(receiptsFor(ALICE)).isEmpty();
      assertThat(deliveries.byChannelMessageId(DEFAULT, WAMID).orElseThrow().status())
          .isEqualTo(DeliveryStatus.ACCEPTED);
    }
  }

  @Nested
  class InboundMediaLimits {

    private InboundContent.Media attached(MediaKind kind) {
      return new InboundContent.Media(kind, "m1", "application/octet-stream", null, null, null);
    }

    private void forward(InboundContent.Media media) {
      outbox.enqueue(
          Lanes.toContactCenter(key(ALICE)),
          new OutboxItem.ForwardToContactCenter(
              DEFAULT,
              new InboundMessage("wamid.m", new Customer(ALICE, "Alice"), null, t0, media)));
    }

    private DispatchOutboxService over(RecordingMessagingChannel served) {
      return service(
          TestConnections.of(served, new Connection(DEFAULT, served.channel())),
          contactCenter,
          Runnable::run,
          1,
          Duration.ZERO);
    }

    @Test
    void a_kind_the_channel_carries_in_smaller_files_is_fetched_up_to_the_channels_limit() {
      forward(attached(MediaKind.STICKER));

      dispatchAll();

      assertThat(channel.fetchLimits()).containsExactly(500L * 1024);
    }

    @Test
    void a_kind_the_channel_carries_in_larger_files_is_fetched_up_to_the_contact_centers() {
      forward(attached(MediaKind.VIDEO));
      contactCenter.takingAttachmentsUpTo(10 * MIB);

      dispatchAll();

      assertThat(channel.fetchLimits()).containsExactly(10 * MIB);
      assertThat(contactCenter.forwardedAttachments()).singleElement().asList().hasSize(1);
    }

    @Test
    void a_kind_the_channel_states_no_limit_for_is_fetched_up_to_the_contact_centers() {
      RecordingMessagingChannel telegram = RecordingMessagingChannel.telegramLike();
      forward(attached(MediaKind.STICKER));

      over(telegram).dispatch(new DispatchOutboxCommand(10));

      assertThat(telegram.fetchLimits()).containsExactly(RecordingContactCenter.DEFAULT_LARGEST);
      assertThat(contactCenter.forwardedAttachments()).singleElement().asList().hasSize(1);
    }

    @Test
    void the_limit_is_the_smaller_of_the_channels_and_the_contact_centers_for_every_kind() {
      RecordingMessagingChannel telegram = RecordingMessagingChannel.telegramLike();
      contactCenter.takingAttachmentsUpTo(20 * MIB);
      DispatchOutboxService service = over(telegram);
      for (MediaKind kind : MediaKind.values()) {
        forward(attached(kind));
        service.dispatch(new DispatchOutboxCommand(10));
      }

      assertThat(telegram.fetchLimits())
          .containsExactly(10 * MIB, 20 * MIB, 20 * MIB, 20 * MIB, 20 * MIB);
    }
  }

  @Nested
  class SeveralConnections {

    private final ConnectionId sales = new ConnectionId("sales");
    private final DispatchOutboxService service =
        service(
            TestConnections.of(
                channel,
                new Connection(DEFAULT, channel.channel()),
                new Connection(sales, channel.channel())),
            contactCenter,
            Runnable::run,
            1,
            Duration.ZERO);

    private void dispatchAll() {
      while (service.dispatch(new DispatchOutboxCommand(100)) > 0) {
        // until the lanes are drained
      }
    }

    @Test
    void each_item_goes_through_its_own_connection() {
      InboundMessage hello = inbound(ALICE, "wamid.1", t0, "hello");
      OutboundMessage reply = outbound(ALICE, "gen-1", "hi");
      DeliveryReceipt receipt = DeliveryReceipt.delivered("gen-0", ALICE, t0);
      ConversationKeys keys = new ConversationKeys(sales);
      outbox.enqueue(keys.toContactCenter(), new OutboxItem.ForwardToContactCenter(sales, hello));
      outbox.enqueue(keys.toContactCenter(), new OutboxItem.ReportToContactCenter(sales, receipt));
      outbox.enqueue(keys.toCustomer(), new OutboxItem.SendToCustomer(sales, reply, PN1, true));
      outbox.enqueue(keys.toCustomer(), new OutboxItem.ShowTyping(sales, ALICE, PN1, "wamid.1"));
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(contactCenter.forwards())
          .singleElement()
          .satisfies(f -> assertThat(f.connection()).isEqualTo(sales));
      assertThat(contactCenter.reports())
          .containsExactly(new RecordingContactCenter.Call<>(sales, receipt));
      assertThat(channel.sent()).containsExactly(new ChannelSend(sales, reply, PN1, null));
      assertThat(channel.typingShown())
          .containsExactly(new RecordingMessagingChannel.Typing(sales, ALICE, PN1, "wamid.1"));
      assertThat(deliveries.byChannelMessageId(sales, WAMID)).isPresent();
      assertThat(deliveries.byChannelMessageId(DEFAULT, WAMID)).isEmpty();
    }

    @Test
    void a_status_held_on_another_connection_is_not_applied() {
      deliveries.hold(DEFAULT, status(ALICE, WAMID, DeliveryStatus.DELIVERED, t0));
      outbox.enqueue(
          new ConversationKeys(sales).toCustomer(),
          new OutboxItem.SendToCustomer(sales, outbound(ALICE, "gen-1", "hi"), null, true));
      channel.willAnswer(new DispatchOutcome.Done(List.of(WAMID)));

      dispatchAll();

      assertThat(contactCenter.reported()).isEmpty();
      assertThat(deliveries.byChannelMessageId(sales, WAMID).orElseThrow().status())
          .isEqualTo(DeliveryStatus.ACCEPTED);
      assertThat(deliveries.held(DEFAULT, WAMID)).hasSize(1);
    }

    @Test
    void a_refused_send_is_reported_in_its_connections_lane() {
      DeliveryFailure why = new DeliveryFailure(FailureReason.RECIPIENT_OPTED_OUT, "(#131050)");
      outbox.enqueue(
          new ConversationKeys(sales).toCustomer(),
          new OutboxItem.SendToCustomer(sales, outbound(ALICE, "gen-1", "hi"), null, true));
      channel.willAnswer(new DispatchOutcome.Refused(why));

      service.dispatch(new DispatchOutboxCommand(100));

      assertThat(outbox.entries())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.lane()).isEqualTo(new ConversationKeys(sales).toContactCenter());
                assertThat(e.item())
                    .isEqualTo(
                        new OutboxItem.ReportToContactCenter(
                            sales, DeliveryReceipt.failed("gen-1", ALICE, List.of(why), t0)));
              });
    }

    @Test
    void an_item_of_a_connection_no_longer_configured_is_dead_lettered_naming_it() {
      ConnectionId gone = new ConnectionId("gone");
      InboundMessage hello = inbound(ALICE, "wamid.1", t0, "hello");
      outbox.enqueue(
          new ConversationKeys(gone).toContactCenter(),
          new OutboxItem.ForwardToContactCenter(gone, hello));

      dispatchAll();

      assertThat(contactCenter.forwarded()).isEmpty();
      assertThat(outbox.pending()).isZero();
      assertThat(deadLetters.kept())
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.connection()).isEqualTo(gone);
                assertThat(letter.reason()).contains("no connection named gone");
              });
    }

    /** The lanes of Alice's conversation on a connection. */
    private record ConversationKeys(ConnectionId connection) {
      String toContactCenter() {
        return Lanes.toContactCenter(new ConversationKey(connection, ALICE));
      }

      String toCustomer() {
        return Lanes.toCustomer(new ConversationKey(connection, ALICE));
      }
    }
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Nested
  class LanesAndWorkers {

    private final ManualExecutor executor = new ManualExecutor();

    @Test
    void at_most_one_entry_of_a_lane_is_in_flight() {
      forwardToContactCenter(ALICE, "wamid.a1");
      forwardToContactCenter(ALICE, "wamid.a2");
      forwardToContactCenter(BOB, "wamid.b1");
      DispatchOutboxService service = service(executor, 4);

      assertThat(service.dispatch(new DispatchOutboxCommand(10))).isEqualTo(2);
      assertThat(service.dispatch(new DispatchOutboxCommand(10))).isZero();

      executor.runAll();
      assertThat(service.dispatch(new DispatchOutboxCommand(10))).isEqualTo(1);
      executor.runAll();

      assertThat(contactCenter.forwarded())
          .extracting(InboundMessage::channelMessageId)
          .containsExactly("wamid.a1", "wamid.b1", "wamid.a2");
    }

    @Test
    void a_postponed_head_holds_back_its_lane_while_other_lanes_go_on() {
      forwardToContactCenter(ALICE, "wamid.a1");
      forwardToContactCenter(ALICE, "wamid.a2");
      forwardToContactCenter(BOB, "wamid.b1");
      contactCenter.willAnswer(new DispatchOutcome.RetryLater(null, "HTTP 503"));

      assertThat(dispatchAll()).isEqualTo(2);
      assertThat(dispatchAll()).isZero();

      clock.advance(Duration.ofMillis(500));
      assertThat(dispatchAll()).isEqualTo(1);
      assertThat(dispatchAll()).isEqualTo(1);

      assertThat(contactCenter.forwarded())
          .extracting(InboundMessage::channelMessageId)
          .containsExactly("wamid.a1", "wamid.b1", "wamid.a1", "wamid.a2");
    }

    @Test
    void no_more_entries_are_claimed_than_two_per_worker() {
      for (int i = 0; i < 7; i++) {
        forwardToContactCenter(CustomerId.phone("1650555000" + i), "wamid." + i);
      }
      DispatchOutboxService service = service(executor, 2);

      assertThat(service.dispatch(new DispatchOutboxCommand(10)))
          .as("one being sent and one waiting per worker")
          .isEqualTo(2 * DispatchOutboxService.AHEAD);
      assertThat(service.dispatch(new DispatchOutboxCommand(10))).isZero();

      executor.runNext();
      assertThat(service.dispatch(new DispatchOutboxCommand(10))).isEqualTo(1);

      executor.runAll();
      assertThat(service.dispatch(new DispatchOutboxCommand(10))).isEqualTo(2);
      executor.runAll();
      assertThat(contactCenter.forwarded()).hasSize(7);
      assertThat(outbox.pending()).isZero();
    }

    @Test
    void no_more_entries_are_started_than_asked() {
      for (int i = 0; i < 3; i++) {
        forwardToContactCenter(CustomerId.phone("1650555000" + i), "wamid." + i);
      }

      assertThat(direct.dispatch(new DispatchOutboxCommand(2))).isEqualTo(2);

      assertThat(outbox.pending()).isEqualTo(1);
    }

    @Test
    void a_failure_recording_the_outcome_frees_the_worker_and_the_entry_is_sent_again_later() {
      OutboundMessage message = sendToCustomer(ALICE, "gen-1", null);
      forwardToContactCenter(BOB, "wamid.b1");
      deliveries.failSaves = true;
      DispatchOutboxService oneWorker = service(Runnable::run, 1);

      assertThat(oneWorker.dispatch(new DispatchOutboxCommand(1))).isEqualTo(1);
      long sendId = outbox.entries().get(0).id();
      assertThat(outbox.isClaimed(sendId, clock.instant())).isTrue();

      assertThat(oneWorker.dispatch(new DispatchOutboxCommand(1))).isEqualTo(1);
      assertThat(contactCenter.forwarded()).hasSize(1);

      deliveries.failSaves = false;
      clock.advance(InMemoryOutbox.DEFAULT_LEASE);
      assertThat(oneWorker.dispatch(new DispatchOutboxCommand(1))).isEqualTo(1);

      assertThat(channel.sent()).extracting(ChannelSend::message).containsExactly(message, message);
      assertThat(outbox.pending()).isZero();
    }
  }

  @Nested
  class RecordingPatience {

    @Test
    void a_store_that_recovers_while_the_outcome_is_recorded_sends_the_message_once() {
      OutboundMessage message = sendToCustomer(ALICE, "gen-1", null);
      deliveries.failNextSaves = 2; // a database restart right after the send succeeded
      DispatchOutboxService patient =
          service(connections, contactCenter, Runnable::run, 1, Duration.ofSeconds(10));

      patient.dispatch(new DispatchOutboxCommand(1));

      assertThat(channel.sent()).extracting(ChannelSend::message).containsExactly(message);
      assertThat(outbox.pending()).isZero();
      assertThat(deliveries.byChannelMessageId(DEFAULT, "wamid.fake.1")).isPresent();
    }
  }

  /** Runs what it is given only when told to. */
  private static final class ManualExecutor implements Executor {
    private final Queue<Runnable> queued = new ArrayDeque<>();

    @Override
    public void execute(Runnable command) {
      queued.add(command);
    }

    void runNext() {
      queued.remove().run();
    }

    void runAll() {
      while (!queued.isEmpty()) {
        runNext();
      }
    }
  }

  /** {@link Deliveries} whose saves can be made to fail. */
  private static final class FlakyDeliveries implements Deliveries {
    private final InMemoryDeliveries delegate = new InMemoryDeliveries();
    boolean failSaves;
    int failNextSaves;

    @Override
    public int deleteChangedBefore(Instant cutoff, int batch) {
      return delegate.deleteChangedBefore(cutoff, batch);
    }

    @Override
    public void save(ConnectionId connection, Delivery delivery) {
      if (failSaves || failNextSaves-- > 0) {
        throw new IllegalStateException("store unavailable");
      }
      delegate.save(connection, delivery);
    }

    @Override
    public Optional<Delivery> byChannelMessageId(ConnectionId connection, String channelMessageId) {
      return delegate.byChannelMessageId(connection, channelMessageId);
    }

    @Override
    public void hold(ConnectionId connection, StatusReport report) {
      delegate.hold(connection, report);
    }

    @Override
    public List<StatusReport> releaseHeld(ConnectionId connection, String channelMessageId) {
      return delegate.releaseHeld(connection, channelMessageId);
    }

    @Override
    public Optional<MessageOutcome> outcome(
        ConnectionId connection, String contactCenterMessageId) {
      return delegate.outcome(connection, contactCenterMessageId);
    }

    @Override
    public void saveOutcome(ConnectionId connection, MessageOutcome outcome) {
      delegate.saveOutcome(connection, outcome);
    }

    List<StatusReport> held(ConnectionId connection, String channelMessageId) {
      return delegate.held(connection, channelMessageId);
    }

    List<Delivery> all() {
      return delegate.all();
    }

    List<Delivery> all(ConnectionId connection) {
      return delegate.all(connection);
    }
  }
}
