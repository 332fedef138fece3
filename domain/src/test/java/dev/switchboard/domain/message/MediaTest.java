package dev.switchboard.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTest {

  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
  private static final String HELLO_SHA256_HEX =
      "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
  private static final String HELLO_SHA256_BASE64 = "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=";

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        HELLO_SHA256_HEX,
        "2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824",
        " 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\n",
        HELLO_SHA256_BASE64,
        "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ",
        "LPJNul-wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ="
      })
  void the_bytes_match_their_sha256_in_hex_or_base64(String expected) {
    assertThat(new MediaBytes(HELLO, "text/plain", null).matchesSha256(expected)).isTrue();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9825",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "2cf24dba",
        "MPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=",
        "not a hash at all",
        "",
        "zz"
      })
  void other_hashes_or_garbage_do_not_match(String expected) {
    assertThat(new MediaBytes(HELLO, "text/plain", null).matchesSha256(expected)).isFalse();
  }

  @Test
  void empty_bytes_match_the_hash_of_nothing() {
    assertThat(
            new MediaBytes(new byte[0], "text/plain", null)
                .matchesSha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
        .isTrue();
  }

  @Test
  void bytes_know_their_size_and_never_show_their_content() {
    MediaBytes bytes = new MediaBytes(HELLO, "text/plain", "hello.txt");

    assertThat(bytes.size()).isEqualTo(5);
    assertThat(bytes.toString()).contains("text/plain", "5 bytes").doesNotContain("hello");
  }

  @ParameterizedTest(name = "[{0}]")
  @NullSource
  @ValueSource(strings = {"", "  "})
  void a_missing_or_blank_file_name_is_no_name(String filename) {
    assertThat(new MediaBytes(HELLO, "text/plain", filename).filename()).isNull();
  }

  @Test
  void an_attachment_needs_its_kind_link_and_media_type() {
    assertThatThrownBy(() -> new Attachment(null, "https://x", "image/png", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Attachment(MediaKind.IMAGE, null, "image/png", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Attachment(MediaKind.IMAGE, "https://x", null, null))
        .isInstanceOf(NullPointerException.class);
    assertThat(new Attachment(MediaKind.DOCUMENT, "https://x", "application/pdf", null).filename())
        .isNull();
  }
}
