package dev.switchboard.adapters.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookSignatureTest {

  private static final String SECRET = "the-shared-secret";
  private static final byte[] BODY =
      "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);

  private static byte[] hmac(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(body);
  }

  @Test
  void meta_signs_in_lowercase_hex_after_sha256() throws Exception {
    String header = "sha256=" + HexFormat.of().formatHex(hmac(SECRET, BODY));
    WebhookSignature hex = new WebhookSignature(SECRET, WebhookSignature.Encoding.HEX);

    assertThat(hex.verifies(BODY, header)).isTrue();
    assertThat(hex.sign(BODY)).isEqualTo(header);
    assertThat(hex.verifies(BODY, header.toUpperCase().replace("SHA256=", "sha256=")))
        .as("uppercase hex is not what Meta sends")
        .isFalse();
  }

  @Test
  void genesys_signs_in_base64_after_sha256() throws Exception {
    String header = "sha256=" + Base64.getEncoder().encodeToString(hmac(SECRET, BODY));
    WebhookSignature base64 = new WebhookSignature(SECRET, WebhookSignature.Encoding.BASE64);

    assertThat(base64.verifies(BODY, header)).isTrue();
    assertThat(base64.sign(BODY)).isEqualTo(header);
  }

  @ParameterizedTest
  @EnumSource(WebhookSignature.Encoding.class)
  void a_tampered_body_a_wrong_secret_a_missing_or_odd_header_do_not_verify(
      WebhookSignature.Encoding encoding) {
    WebhookSignature signature = new WebhookSignature(SECRET, encoding);
    String header = signature.sign(BODY);
    byte[] tampered = BODY.clone();
    tampered[5] ^= 1;

    assertThat(signature.verifies(tampered, header)).isFalse();
    assertThat(new WebhookSignature("another-secret", encoding).verifies(BODY, header)).isFalse();
    assertThat(signature.verifies(BODY, null)).isFalse();
    assertThat(signature.verifies(BODY, header.substring("sha256=".length()))).isFalse();
    assertThat(signature.verifies(BODY, "sha256=")).isFalse();
    assertThat(signature.verifies(BODY, "sha256=zz\u00e9")).isFalse();
  }

  @Test
  void the_other_encoding_of_the_right_mac_does_not_verify() {
    WebhookSignature hex = new WebhookSignature(SECRET, WebhookSignature.Encoding.HEX);
    WebhookSignature base64 = new WebhookSignature(SECRET, WebhookSignature.Encoding.BASE64);

    assertThat(hex.verifies(BODY, base64.sign(BODY))).isFalse();
    assertThat(base64.verifies(BODY, hex.sign(BODY))).isFalse();
  }

  @Test
  void an_empty_secret_is_refused_and_never_shown() {
    assertThatThrownBy(() -> new WebhookSignature("", WebhookSignature.Encoding.HEX))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new WebhookSignature(SECRET, WebhookSignature.Encoding.HEX).toString())
        .doesNotContain(SECRET);
  }
}
