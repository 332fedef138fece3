package dev.switchboard.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.port.out.CustomerLinks;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CustomerLinks} does, the in-memory fake and each database alike: the subclass
 * names the implementation. Each test works on a connection of its own, so that the links of one
 * test never meet another's.
 */
public abstract class CustomerLinksContract {

  private static final CustomerId PHONE = CustomerId.phone("16505551234");
  private static final CustomerId NEW_PHONE = CustomerId.phone("16505559999");
  private static final CustomerId USER = CustomerId.opaque("US.48291037562910384756");
  private static final CustomerId OTHER_USER = CustomerId.opaque("US.77120938475610293847");

  private final ConnectionId on =
      new ConnectionId("c" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));

  /** The implementation under test, over an empty store or one whose other links do not matter. */
  protected abstract CustomerLinks links();

  private CustomerId participant(CustomerId id, CustomerId... others) {
    return links().participant(on, id, List.of(others));
  }

  @Test
  void an_id_never_seen_is_its_own_participant() {
    assertThat(participant(USER)).isEqualTo(USER);
    assertThat(participant(PHONE)).isEqualTo(PHONE);
  }

  @Test
  void a_phone_number_named_with_a_user_id_stays_the_participant_of_both() {
    assertThat(participant(PHONE, USER)).isEqualTo(PHONE);

    assertThat(participant(USER)).isEqualTo(PHONE);
    assertThat(participant(PHONE)).isEqualTo(PHONE);
  }

  @Test
  void the_id_used_first_stays_the_participant_when_another_joins_it() {
    assertThat(participant(USER)).isEqualTo(USER);

    assertThat(participant(PHONE, USER)).isEqualTo(USER);
    assertThat(participant(PHONE)).isEqualTo(USER);
  }

  @Test
  void a_new_number_joins_the_participant_of_the_old_one() {
    participant(PHONE, USER);

    assertThat(participant(PHONE, NEW_PHONE)).isEqualTo(PHONE);
    assertThat(participant(NEW_PHONE)).isEqualTo(PHONE);
    assertThat(participant(USER)).isEqualTo(PHONE);
  }

  @Test
  void an_id_linked_elsewhere_moves_with_everything_linked_to_its_participant() {
    participant(PHONE);
    participant(USER, OTHER_USER);

    assertThat(participant(PHONE, USER)).isEqualTo(PHONE);
    assertThat(participant(USER)).isEqualTo(PHONE);
    assertThat(participant(OTHER_USER)).isEqualTo(PHONE);
  }

  @Test
  void looking_up_finds_every_id_linked_with_the_given_ones_and_links_nothing() {
    participant(USER, PHONE);
    participant(OTHER_USER);

    assertThat(links().linkedWith(on, List.of(NEW_PHONE, PHONE)))
        .containsExactlyInAnyOrder(USER, PHONE);
    assertThat(links().linkedWith(on, List.of(NEW_PHONE))).isEmpty();
    assertThat(participant(NEW_PHONE)).isEqualTo(NEW_PHONE);
  }

  @Test
  void asking_again_changes_nothing() {
    participant(PHONE, USER);

    assertThat(participant(PHONE, USER)).isEqualTo(PHONE);
    assertThat(participant(USER, PHONE)).isEqualTo(PHONE);
    assertThat(participant(USER)).isEqualTo(PHONE);
  }

  @Test
  void connections_keep_their_links_apart() {
    ConnectionId elsewhere = new ConnectionId(on.value() + "x");
    participant(PHONE, USER);

    assertThat(links().participant(elsewhere, USER, List.of())).isEqualTo(USER);
    assertThat(participant(USER)).isEqualTo(PHONE);
  }
}
