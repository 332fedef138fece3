package dev.switchboard.adapters.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.adapters.whatsapp.api.GraphError;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.FailureReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WhatsAppErrorCodesTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 80007, 130429, 131000, 131016, 131056})
  void the_contract_codes_are_retryable(int code) {
    assertThat(WhatsAppErrorCodes.isRetryable(code)).isTrue();
    assertThat(WhatsAppErrorCodes.isKnownPermanent(code)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 10, 100, 190, 131026, 131047, 131051, 470, 987654})
  void other_codes_are_not_retryable(int code) {
    assertThat(WhatsAppErrorCodes.isRetryable(code)).isFalse();
  }

  @Test
  void no_code_is_neither_retryable_nor_known_permanent() {
    assertThat(WhatsAppErrorCodes.isRetryable(null)).isFalse();
    assertThat(WhatsAppErrorCodes.isKnownPermanent(null)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "131047, MESSAGE_EXPIRED",
    "130429, RATE_LIMITED",
    "131056, RATE_LIMITED",
    "131026, INVALID_DESTINATION",
    "131000, GENERAL_ERROR",
    "100, GENERAL_ERROR",
    "1, GENERAL_ERROR"
  })
  void codes_map_to_the_contract_reasons(int code, FailureReason reason) {
    assertThat(WhatsAppErrorCodes.reasonFor(code)).isEqualTo(reason);
  }

  @Test
  void an_error_without_a_code_is_a_general_error() {
    assertThat(WhatsAppErrorCodes.reasonFor(null)).isEqualTo(FailureReason.GENERAL_ERROR);
  }

  @Test
  void a_failure_message_joins_title_details_and_code() {
    GraphError error =
        new GraphError(
            131047,
            null,
            "Re-engagement message",
            null,
            null,
            new GraphError.ErrorData("More than 24 hours have passed."),
            null);

    DeliveryFailure failure = WhatsAppErrorCodes.failureOf(error);

    assertThat(failure.reason()).isEqualTo(FailureReason.MESSAGE_EXPIRED);
    assertThat(failure.message())
        .isEqualTo("Re-engagement message: More than 24 hours have passed. (code 131047)");
  }

  @Test
  void a_message_that_names_its_code_is_not_repeated() {
    GraphError error =
        new GraphError(131026, null, null, "(#131026) Message undeliverable", null, null, null);

    assertThat(WhatsAppErrorCodes.failureOf(error).message())
        .isEqualTo("(#131026) Message undeliverable");
  }

  @Test
  void an_error_with_no_text_at_all_still_has_a_message() {
    GraphError error = new GraphError(131000, null, null, null, null, null, null);

    assertThat(WhatsAppErrorCodes.failureOf(error).message()).isEqualTo("WhatsApp error 131000");
  }
}
