package dev.switchboard.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.QuickReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeliveryTest {

  private static final CustomerId CUSTOMER = CustomerId.phone("16505551234");
  private static final String GENESYS_ID = "gen-msg-1";
  private static final String WAMID = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI";
  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

  private final Delivery delivery = Delivery.accepted(GENESYS_ID, WAMID, CUSTOMER);

  private static StatusReport report(DeliveryStatus status, int second, DeliveryFailure... why) {
    return new StatusReport(WAMID, CUSTOMER, status, T0.plusSeconds(second), List.of(why));
  }

  private List<DeliveryReceipt> applyAll(StatusReport... reports) {
    List<DeliveryReceipt> receipts = new ArrayList<>();
    for (StatusReport report : reports) {
      delivery.apply(report).ifPresent(receipts::add);
    }
    return receipts;
  }

  static Stream<Arguments> report_sequences() {
    return Stream.of(
        Arguments.of(
            "sent, delivered, read",
            List.of(DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ),
            DeliveryStatus.READ,
            List.of(DeliveryReceipt.Outcome.DELIVERED)),
        Arguments.of(
            "read before delivered",
            List.of(DeliveryStatus.READ, DeliveryStatus.DELIVERED),
            DeliveryStatus.READ,
            List.of(DeliveryReceipt.Outcome.DELIVERED)),
        Arguments.of(
            "delivered then read",
            List.of(DeliveryStatus.DELIVERED, DeliveryStatus.READ),
            DeliveryStatus.READ,
            List.of(DeliveryReceipt.Outcome.DELIVERED)),
        Arguments.of(
            "delivered twice",
            List.of(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED),
            DeliveryStatus.DELIVERED,
            List.of(DeliveryReceipt.Outcome.DELIVERED)),
        Arguments.of(
            "sent after read",
            List.of(DeliveryStatus.READ, DeliveryStatus.SENT),
            DeliveryStatus.READ,
            List.of(DeliveryReceipt.Outcome.DELIVERED)),
        Arguments.of(
            "failed after delivered",
            List.of(DeliveryStatus.DELIVERED, DeliveryStatus.FAILED),
            DeliveryStatus.DELIVERED,
            List.of(DeliveryReceipt.Outcome.DELIVERED)),
        Arguments.of(
            "failed after read",
            List.of(DeliveryStatus.READ, DeliveryStatus.FAILED),
            DeliveryStatus.READ,
            List.of(DeliveryReceipt.Outcome.DELIVERED)),
        Arguments.of(
            "sent, failed",
            List.of(DeliveryStatus.SENT, DeliveryStatus.FAILED),
            DeliveryStatus.FAILED,
            List.of(DeliveryReceipt.Outcome.FAILED)),
        Arguments.of(
            "failed twice, then delivered",
            List.of(DeliveryStatus.FAILED, DeliveryStatus.FAILED, DeliveryStatus.DELIVERED),
            DeliveryStatus.FAILED,
            List.of(DeliveryReceipt.Outcome.FAILED)),
        Arguments.of("sent only", List.of(DeliveryStatus.SENT), DeliveryStatus.SENT, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("report_sequences")
  void the_contact_center_hears_of_each_outcome_once(
      String name,
      List<DeliveryStatus> reported,
      DeliveryStatus finalStatus,
      List<DeliveryReceipt.Outcome> receipts) {
    List<DeliveryReceipt> got = new ArrayList<>();
    for (int i = 0; i < reported.size(); i++) {
      delivery.apply(report(reported.get(i), i)).ifPresent(got::add);
    }

    assertThat(got).extracting(DeliveryReceipt::outcome).isEqualTo(receipts);
    assertThat(delivery.status()).isEqualTo(finalStatus);
  }

  @Test
  void a_delivered_receipt_names_the_contact_center_message_the_customer_and_the_time() {
    List<DeliveryReceipt> receipts = applyAll(report(DeliveryStatus.READ, 7));

    assertThat(receipts)
        .containsExactly(DeliveryReceipt.delivered(GENESYS_ID, CUSTOMER, T0.plusSeconds(7)));
  }

  @Test
  void a_failed_receipt_carries_the_channels_reasons() {
    DeliveryFailure expired = new DeliveryFailure(FailureReason.MESSAGE_EXPIRED, "window closed");
    DeliveryFailure other = new DeliveryFailure(FailureReason.GENERAL_ERROR, "something else");

    List<DeliveryReceipt> receipts = applyAll(report(DeliveryStatus.FAILED, 3, expired, other));

    assertThat(receipts)
        .containsExactly(
            DeliveryReceipt.failed(
                GENESYS_ID, CUSTOMER, List.of(expired, other), T0.plusSeconds(3)));
  }

  @Test
  void a_failure_without_reasons_gets_a_general_error() {
    List<DeliveryReceipt> receipts = applyAll(report(DeliveryStatus.FAILED, 3));

    assertThat(receipts).hasSize(1);
    assertThat(receipts.get(0).outcome()).isEqualTo(DeliveryReceipt.Outcome.FAILED);
    assertThat(receipts.get(0).reasons())
        .extracting(DeliveryFailure::reason)
        .containsExactly(FailureReason.GENERAL_ERROR);
    assertThat(receipts.get(0).reasons().get(0).message()).isNotBlank();
  }

  @Test
  void a_restored_delivery_continues_from_its_stored_state() {
    Delivery restored = Delivery.restore(GENESYS_ID, WAMID, CUSTOMER, DeliveryStatus.DELIVERED);

    assertThat(restored.apply(report(DeliveryStatus.READ, 1))).isEmpty();
    assertThat(restored.status()).isEqualTo(DeliveryStatus.READ);
  }

  @Test
  void a_new_delivery_is_accepted() {
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.ACCEPTED);
    assertThat(delivery.contactCenterMessageId()).isEqualTo(GENESYS_ID);
    assertThat(delivery.channelMessageId()).isEqualTo(WAMID);
    assertThat(delivery.customer()).isEqualTo(CUSTOMER);
  }

  @Test
  void a_failed_receipt_needs_a_reason() {
    assertThatThrownBy(() -> DeliveryReceipt.failed(GENESYS_ID, CUSTOMER, List.of(), T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_failure_without_a_message_is_described_by_its_reason() {
    assertThat(new DeliveryFailure(FailureReason.RATE_LIMITED, " ").message())
        .isEqualTo("RATE_LIMITED");
    assertThat(new DeliveryFailure(FailureReason.RATE_LIMITED, null).message())
        .isEqualTo("RATE_LIMITED");
  }

  @Nested
  class OfferedReplies {

    private final QuickReply yes = new QuickReply("Yes", "YES");
    private final QuickReply no = new QuickReply("No", "NO");

    @Test
    void a_send_that_offered_quick_replies_traces_each_id_back_to_its_reply() {
      Delivery offer = Delivery.accepted(GENESYS_ID, WAMID, CUSTOMER, List.of(yes, no), true);

      assertThat(offer.offeredReplies()).containsExactly(yes, no);
      assertThat(offer.offeredReply(QuickReply.idAt(0))).contains(yes);
      assertThat(offer.offeredReply(QuickReply.idAt(1))).contains(no);
      assertThat(offer.offeredReply(QuickReply.idAt(2))).isEmpty();
      assertThat(offer.offeredReply("something-else")).isEmpty();
    }

    @Test
    void a_send_that_offered_nothing_traces_nothing() {
      assertThat(delivery.offeredReplies()).isEmpty();
      assertThat(delivery.offeredReply(QuickReply.idAt(0))).isEmpty();
    }

    @Test
    void a_restored_send_keeps_its_offer_and_part() {
      Delivery restored =
          Delivery.restore(
              GENESYS_ID, WAMID, CUSTOMER, List.of(yes, no), false, DeliveryStatus.SENT);

      assertThat(restored.offeredReply(QuickReply.idAt(1))).contains(no);
      assertThat(restored.finalPart()).isFalse();
      assertThat(restored.status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void the_offer_is_its_own_copy() {
      List<QuickReply> offered = new ArrayList<>(List.of(yes));
      Delivery offer = Delivery.accepted(GENESYS_ID, WAMID, CUSTOMER, offered, true);

      offered.add(no);

      assertThat(offer.offeredReplies()).containsExactly(yes);
    }
  }

  @Nested
  class Parts {

    static Stream<Arguments> part_sequences() {
      return Stream.of(
          Arguments.of(
              false,
              List.of(DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ),
              List.of()),
          Arguments.of(false, List.of(DeliveryStatus.READ), List.of()),
          Arguments.of(
              false,
              List.of(DeliveryStatus.SENT, DeliveryStatus.FAILED),
              List.of(DeliveryReceipt.Outcome.FAILED)),
          Arguments.of(
              false,
              List.of(DeliveryStatus.FAILED, DeliveryStatus.FAILED),
              List.of(DeliveryReceipt.Outcome.FAILED)),
          Arguments.of(
              true,
              List.of(
                  DeliveryStatus.SENT,
                  DeliveryStatus.DELIVERED,
                  DeliveryStatus.READ,
                  DeliveryStatus.DELIVERED),
              List.of(DeliveryReceipt.Outcome.DELIVERED)),
          Arguments.of(
              true,
              List.of(DeliveryStatus.SENT, DeliveryStatus.FAILED),
              List.of(DeliveryReceipt.Outcome.FAILED)));
    }

    @ParameterizedTest(name = "final part {0}: {1} -> {2}")
    @MethodSource("part_sequences")
    void only_the_final_part_reports_delivered_but_any_part_reports_a_failure(
        boolean finalPart, List<DeliveryStatus> reported, List<DeliveryReceipt.Outcome> receipts) {
      Delivery part = Delivery.accepted(GENESYS_ID, WAMID, CUSTOMER, List.of(), finalPart);
      List<DeliveryReceipt> got = new ArrayList<>();
      for (int i = 0; i < reported.size(); i++) {
        part.apply(report(reported.get(i), i)).ifPresent(got::add);
      }

      assertThat(got).extracting(DeliveryReceipt::outcome).isEqualTo(receipts);
      assertThat(got).allSatisfy(r -> assertThat(r.contactCenterMessageId()).isEqualTo(GENESYS_ID));
    }

    @Test
    void a_non_final_part_still_follows_its_status() {
      Delivery part = Delivery.accepted(GENESYS_ID, WAMID, CUSTOMER, List.of(), false);

      part.apply(report(DeliveryStatus.READ, 1));

      assertThat(part.status()).isEqualTo(DeliveryStatus.READ);
    }

    @Test
    void a_single_send_is_its_own_final_part() {
      assertThat(delivery.finalPart()).isTrue();
      assertThat(Delivery.restore(GENESYS_ID, WAMID, CUSTOMER, DeliveryStatus.SENT).finalPart())
          .isTrue();
    }
  }
}
