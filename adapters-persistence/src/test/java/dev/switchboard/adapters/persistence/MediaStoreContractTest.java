package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.message.MediaBytes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MediaStore} must do, run on each store the bridge ships: the subclasses set up
 * the store and say how its links are followed, this class states the contract.
 */
abstract class MediaStoreContractTest {

  private static final Pattern SIGNATURE = Pattern.compile("([?&][^=&]*(?i:signature)=)([^&]+)");

  MediaStore store;

  /** A new, empty store. */
  abstract MediaStore newStore() throws Exception;

  /**
   * Lets time pass; returns a cutoff such that what was stored before this call was stored before
   * the cutoff, and what is stored after it is not.
   */
  abstract Instant passTime() throws Exception;

  /** The time of the store's clock. */
  abstract Instant now();

  /** Follows a link as the contact center would: the HTTP status and the body. */
  abstract Fetched follow(String link) throws Exception;

  /** What following a link gave. */
  record Fetched(int status, byte[] body) {
    boolean ok() {
      return status == 200;
    }
  }

  @BeforeEach
  void newEmptyStore() throws Exception {
    store = newStore();
  }

  @Test
  void media_stored_for_a_customer_is_deleted_with_them_and_only_theirs() {
    ConversationKey ana =
        new ConversationKey(
            dev.switchboard.domain.channel.ConnectionId.DEFAULT,
            dev.switchboard.domain.customer.CustomerId.phone("16505551234"));
    ConversationKey bo =
        new ConversationKey(
            dev.switchboard.domain.channel.ConnectionId.DEFAULT,
            dev.switchboard.domain.customer.CustomerId.phone("16505559876"));
    String first = store.put("wamid.1", new MediaBytes(bytes(10, 1), "image/jpeg", null), ana);
    String second = store.put("wamid.2", new MediaBytes(bytes(10, 2), "image/jpeg", null), ana);
    String other = store.put("wamid.3", new MediaBytes(bytes(10, 3), "image/jpeg", null), bo);
    String unowned = store.put("wamid.4", new MediaBytes(bytes(10, 4), "image/jpeg", null));

    assertThat(store.get(first)).isPresent();
    assertThat(store.deleteOwnedBy(ana)).isEqualTo(2);

    assertThat(store.get(first)).isEmpty();
    assertThat(store.get(second)).isEmpty();
    assertThat(store.get(other)).isPresent();
    assertThat(store.get(unowned)).isPresent();
    assertThat(store.deleteOwnedBy(ana)).isZero();
  }

  @Test
  void stored_media_comes_back_with_its_bytes_media_type_and_file_name() {
    byte[] content = bytes(3 * 1024 * 1024 + 17, 1);

    String id = store.put("wamid.HBgL1", new MediaBytes(content, "application/pdf", "invoice.pdf"));

    MediaBytes stored = store.get(id).orElseThrow();
    assertThat(stored.content()).isEqualTo(content);
    assertThat(stored.mimeType()).isEqualTo("application/pdf");
    assertThat(stored.filename()).isEqualTo("invoice.pdf");
  }

  @Test
  void a_file_name_may_be_any_text_or_none() {
    String unusual = "Factura nº 7 (copia) ✓ 100% + más/menos?.pdf";
    String named = store.put("wamid.1", new MediaBytes(bytes(10, 2), "application/pdf", unusual));
    String unnamed = store.put("wamid.2", new MediaBytes(bytes(10, 3), "image/jpeg", null));

    assertThat(store.get(named).orElseThrow().filename()).isEqualTo(unusual);
    assertThat(store.get(unnamed).orElseThrow().filename()).isNull();
    assertThat(store.get(unnamed).orElseThrow().mimeType()).isEqualTo("image/jpeg");
  }

  @Test
  void storing_a_key_again_gives_the_same_id_and_keeps_what_was_stored() {
    byte[] first = bytes(1000, 4);
    String id = store.put("wamid.HBgL1", new MediaBytes(first, "image/jpeg", "cat.jpg"));

    String again = store.put("wamid.HBgL1", new MediaBytes(first, "image/jpeg", "cat.jpg"));
    String other = store.put("wamid.HBgL1", new MediaBytes(bytes(5, 5), "image/png", null));

    assertThat(again).isEqualTo(id);
    assertThat(other).isEqualTo(id);
    MediaBytes stored = store.get(id).orElseThrow();
    assertThat(stored.content()).isEqualTo(first);
    assertThat(stored.mimeType()).isEqualTo("image/jpeg");
    assertThat(stored.filename()).isEqualTo("cat.jpg");
  }

  @Test
  void ids_are_64_hex_digits_that_differ_per_key_and_do_not_reveal_it() {
    String a = store.put("wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTk", png());
    String b = store.put("wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTl", png());

    assertThat(a).matches("[0-9a-f]{64}").isNotEqualTo(b).doesNotContain("wamid");
    assertThat(b).matches("[0-9a-f]{64}");
  }

  @Test
  void an_unknown_or_malformed_id_finds_nothing() {
    String id = store.put("wamid.1", png());

    assertThat(store.get("0".repeat(64))).isEmpty();
    assertThat(store.get(id.toUpperCase())).isEmpty();
    assertThat(store.get(id.substring(1))).isEmpty();
    assertThat(store.get(id + ".json")).isEmpty();
    assertThat(store.get("../" + id)).isEmpty();
    assertThat(store.get("../../../../etc/passwd")).isEmpty();
    assertThat(store.get(id.substring(0, 2) + "/" + id.substring(3))).isEmpty();
    assertThat(store.get("")).isEmpty();
    assertThat(store.get(null)).isEmpty();
  }

  @Test
  void a_link_gives_the_bytes() throws Exception {
    byte[] content = bytes(200_000, 6);
    String id = store.put("wamid.1", new MediaBytes(content, "video/mp4", null));

    Fetched fetched = follow(store.link(id, now().plus(Duration.ofHours(1))));

    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.body()).isEqualTo(content);
  }

  @Test
  void a_tampered_link_is_refused() throws Exception {
    String id = store.put("wamid.1", png());
    String link = store.link(id, now().plus(Duration.ofHours(1)));
    Matcher signature = SIGNATURE.matcher(link);
    assertThat(signature.find()).as("the link %s carries a signature", link).isTrue();
    String value = signature.group(2);
    String forged = (value.charAt(0) == 'A' ? "B" : "A") + value.substring(1);

    Fetched fetched =
        follow(link.substring(0, signature.start(2)) + forged + link.substring(signature.end(2)));

    assertThat(fetched.ok()).isFalse();
    assertThat(fetched.status()).isEqualTo(403);
  }

  @Test
  void a_link_does_not_open_other_media() throws Exception {
    String mine = store.put("wamid.1", png());
    String theirs = store.put("wamid.2", new MediaBytes(bytes(64, 7), "image/png", null));

    Fetched fetched =
        follow(store.link(mine, now().plus(Duration.ofHours(1))).replace(mine, theirs));

    assertThat(fetched.ok()).isFalse();
    assertThat(fetched.status()).isEqualTo(403);
  }

  @Test
  void there_is_no_link_to_a_malformed_id() {
    Instant expiresAt = now().plus(Duration.ofHours(1));

    assertThatThrownBy(() -> store.link("../../etc/passwd", expiresAt))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.link("wamid.1", expiresAt))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleting_removes_only_what_was_stored_before_the_cutoff_and_counts_it() throws Exception {
    String old1 = store.put("wamid.old1", png());
    String old2 = store.put("wamid.old2", new MediaBytes(bytes(10, 8), "audio/ogg", "voice.ogg"));
    Instant cutoff = passTime();
    String fresh = store.put("wamid.fresh", png());
    assertThat(store.put("wamid.old1", png()))
        .as("storing again keeps the old time")
        .isEqualTo(old1);

    assertThat(store.deleteStoredBefore(cutoff)).isEqualTo(2);

    assertThat(store.get(old1)).isEmpty();
    assertThat(store.get(old2)).isEmpty();
    assertThat(store.get(fresh)).isPresent();
    assertThat(store.deleteStoredBefore(cutoff)).isZero();
  }

  @Test
  void a_key_whose_media_was_deleted_can_be_stored_again() throws Exception {
    String id = store.put("wamid.1", png());
    store.deleteStoredBefore(passTime());

    assertThat(store.put("wamid.1", new MediaBytes(bytes(3, 9), "image/webp", null))).isEqualTo(id);

    assertThat(store.get(id).orElseThrow().mimeType()).isEqualTo("image/webp");
  }

  static MediaBytes png() {
    return new MediaBytes(
        "\u0089PNG\r\n\u001a\n fake image".getBytes(StandardCharsets.ISO_8859_1),
        "image/png",
        "photo.png");
  }

  static byte[] bytes(int size, long seed) {
    byte[] content = new byte[size];
    new Random(seed).nextBytes(content);
    return content;
  }
}
