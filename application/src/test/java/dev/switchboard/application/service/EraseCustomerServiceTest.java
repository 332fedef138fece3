package dev.switchboard.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.fakes.InMemoryCustomerRecords;
import dev.switchboard.application.fakes.InMemoryMediaStore;
import dev.switchboard.application.fakes.MutableClock;
import dev.switchboard.application.port.in.EraseCustomerCommand;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.MediaBytes;
import org.junit.jupiter.api.Test;

class EraseCustomerServiceTest {

  private static final ConnectionId DEFAULT = ConnectionId.DEFAULT;
  private static final ConnectionId SALES = new ConnectionId("sales");
  private static final CustomerId PHONE = CustomerId.phone("16505551234");
  private static final CustomerId LINKED = CustomerId.opaque("US.1349120865530274");

  private final InMemoryCustomerRecords records = new InMemoryCustomerRecords();
  private final InMemoryMediaStore media = new InMemoryMediaStore(MutableClock.atDefaultStart());
  private final EraseCustomerService service = new EraseCustomerService(records, media);

  private String storeMedia(String key, ConnectionId connection, CustomerId owner) {
    return media.put(
        key,
        new MediaBytes(new byte[] {1}, "image/jpeg", null),
        new ConversationKey(connection, owner));
  }

  @Test
  void a_customer_is_erased_with_the_ids_linked_with_them_and_their_media() {
    records.store(DEFAULT, PHONE, LINKED);
    records.store(SALES, PHONE);
    storeMedia("wamid.1", DEFAULT, PHONE);
    storeMedia("wamid.2", DEFAULT, LINKED);
    String kept = storeMedia("wamid.3", SALES, PHONE);

    assertThat(service.erase(new EraseCustomerCommand(DEFAULT, "+16505551234"))).isTrue();

    assertThat(records.holds(DEFAULT, PHONE)).isFalse();
    assertThat(records.holds(SALES, PHONE)).as("another connection's").isTrue();
    assertThat(media.ids()).containsExactly(kept);
  }

  @Test
  void a_number_without_plus_names_the_same_customer() {
    records.store(DEFAULT, PHONE);

    assertThat(service.erase(new EraseCustomerCommand(DEFAULT, "16505551234"))).isTrue();

    assertThat(records.holds(DEFAULT, PHONE)).isFalse();
  }

  @Test
  void a_user_id_made_of_digits_is_erased_too() {
    CustomerId telegramUser = CustomerId.opaque("123456789");
    records.store(SALES, telegramUser);

    assertThat(service.erase(new EraseCustomerCommand(SALES, "123456789"))).isTrue();

    assertThat(records.holds(SALES, telegramUser)).isFalse();
  }

  @Test
  void media_alone_is_enough_to_be_found() {
    storeMedia("wamid.1", DEFAULT, PHONE);

    assertThat(service.erase(new EraseCustomerCommand(DEFAULT, "+16505551234"))).isTrue();

    assertThat(media.ids()).isEmpty();
  }

  @Test
  void a_customer_nothing_is_stored_about_is_not_found() {
    records.store(DEFAULT, PHONE);

    assertThat(service.erase(new EraseCustomerCommand(DEFAULT, "+16505559876"))).isFalse();
    assertThat(service.erase(new EraseCustomerCommand(SALES, "+16505551234"))).isFalse();

    assertThat(records.holds(DEFAULT, PHONE)).isTrue();
  }
}
