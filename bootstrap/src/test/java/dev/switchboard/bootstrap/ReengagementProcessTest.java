package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.testing.StubHttpServer;
import dev.switchboard.application.testing.StubHttpServer.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hold and re-engage, with the bridge as a process: agents' messages to a customer whose window
 * closed are held, the template goes out once, and the held messages survive a kill -9 and go out
 * in order, with their receipts, when the customer writes again.
 */
class ReengagementProcessTest {

  private static final String CUSTOMER = "16505551234";

  @TempDir Path dataDir;

  @Test
  void messages_held_across_a_kill_go_out_in_order_when_the_customer_writes_again()
      throws Exception {
    try (StubHttpServer meta = Stubs.meta();
        StubHttpServer genesys = Stubs.genesys()) {
      Map<String, String> env = Stubs.environment(meta, genesys, dataDir.toString());
      env.put("SWITCHBOARD_WHATSAPP_REENGAGEMENT_TEMPLATE", "acme@we_have_a_reply:en_US");
      try (BridgeProcess bridge = new BridgeProcess(env, dataDir.resolve("bridge.log"))) {
        bridge.start();
        long thirtyHoursAgo = Instant.now().minus(Duration.ofHours(30)).getEpochSecond();
        Stubs.postWhatsApp(
            bridge.url(), Stubs.textWebhook(CUSTOMER, "wamid.old", thirtyHoursAgo, "hello"));
        EndToEndTest.eventually(
            () -> !genesys.accepted(pathContains("/inbound/open/message")).isEmpty(),
            Duration.ofSeconds(20));

        for (String[] agent :
            List.of(
                new String[] {"gen-held-1", "Your refund was approved"},
                new String[] {"gen-held-2", "It reaches your card in 3 days"})) {
          assertThat(
                  Stubs.postGenesys(
                          bridge.url(), Stubs.agentText(agent[0], "+" + CUSTOMER, agent[1]))
                      .statusCode())
              .isEqualTo(200);
        }
        EndToEndTest.eventually(() -> templates(meta).size() == 1, Duration.ofSeconds(20));
        EndToEndTest.pause(Duration.ofSeconds(1)); // both messages are held by now
        assertThat(templates(meta).get(0))
            .contains("\"name\":\"we_have_a_reply\"")
            .contains("\"code\":\"en_US\"");
        assertThat(texts(meta)).isEmpty();
        assertThat(genesys.accepted(pathContains("/inbound/open/receipt"))).isEmpty();

        bridge.kill();
        bridge.start();

        Stubs.postWhatsApp(
            bridge.url(),
            Stubs.textWebhook(
                CUSTOMER, "wamid.back", Instant.now().getEpochSecond(), "yes, tell me"));
        EndToEndTest.eventually(() -> texts(meta).size() == 2, Duration.ofSeconds(30));
        List<String> sent = texts(meta);
        assertThat(sent.get(0)).contains("Your refund was approved");
        assertThat(sent.get(1)).contains("It reaches your card in 3 days");
        assertThat(templates(meta)).as("the template went once").hasSize(1);

        for (String wamid : wamids(meta)) {
          Stubs.postWhatsApp(
              bridge.url(),
              Stubs.statusWebhook(wamid, "delivered", CUSTOMER, Instant.now().getEpochSecond()));
        }
        EndToEndTest.eventually(
            () -> genesys.accepted(pathContains("/inbound/open/receipt")).size() == 2,
            Duration.ofSeconds(20));
        assertThat(genesys.accepted(pathContains("/inbound/open/receipt")))
            .extracting(Request::text)
            .allSatisfy(receipt -> assertThat(receipt).contains("\"Delivered\""))
            .anySatisfy(receipt -> assertThat(receipt).contains("gen-held-1"))
            .anySatisfy(receipt -> assertThat(receipt).contains("gen-held-2"));
      }
    }
  }

  @Test
  void a_message_held_longer_than_the_hold_fails_as_expired_and_is_never_sent() throws Exception {
    try (StubHttpServer meta = Stubs.meta();
        StubHttpServer genesys = Stubs.genesys()) {
      Map<String, String> env = Stubs.environment(meta, genesys, dataDir.toString());
      env.put("SWITCHBOARD_WHATSAPP_REENGAGEMENT_TEMPLATE", "acme@we_have_a_reply:en_US");
      env.put("SWITCHBOARD_WHATSAPP_REENGAGEMENT_HOLD", "2s");
      try (BridgeProcess bridge = new BridgeProcess(env, dataDir.resolve("bridge.log"))) {
        bridge.start();
        long thirtyHoursAgo = Instant.now().minus(Duration.ofHours(30)).getEpochSecond();
        Stubs.postWhatsApp(
            bridge.url(), Stubs.textWebhook(CUSTOMER, "wamid.old", thirtyHoursAgo, "hello"));
        Stubs.postGenesys(bridge.url(), Stubs.agentText("gen-stale", "+" + CUSTOMER, "stale"));
        EndToEndTest.eventually(() -> templates(meta).size() == 1, Duration.ofSeconds(20));

        EndToEndTest.pause(Duration.ofSeconds(3)); // the clock moves past the hold
        Stubs.postWhatsApp(
            bridge.url(),
            Stubs.textWebhook(CUSTOMER, "wamid.back", Instant.now().getEpochSecond(), "hi"));

        EndToEndTest.eventually(
            () -> !genesys.accepted(pathContains("/inbound/open/receipt")).isEmpty(),
            Duration.ofSeconds(20));
        assertThat(genesys.accepted(pathContains("/inbound/open/receipt")))
            .singleElement()
            .extracting(Request::text)
            .satisfies(
                receipt ->
                    assertThat(receipt)
                        .contains("gen-stale")
                        .contains("\"Failed\"")
                        .contains("MessageExpired"));
        EndToEndTest.pause(Duration.ofSeconds(1));
        assertThat(texts(meta)).isEmpty();
      }
    }
  }

  private static List<String> sends(StubHttpServer meta) {
    return meta.accepted(pathContains("/messages")).stream().map(Request::text).toList();
  }

  private static List<String> templates(StubHttpServer meta) {
    return sends(meta).stream().filter(s -> s.contains("\"type\":\"template\"")).toList();
  }

  private static List<String> texts(StubHttpServer meta) {
    return sends(meta).stream().filter(s -> s.contains("\"type\":\"text\"")).toList();
  }

  /** The ids the stub gave the text sends, in order (its answers count every send and upload). */
  private static List<String> wamids(StubHttpServer meta) {
    List<String> all = sends(meta);
    return java.util.stream.IntStream.range(0, all.size())
        .filter(i -> all.get(i).contains("\"type\":\"text\""))
        .mapToObj(i -> "wamid.OUT" + (i + 1))
        .toList();
  }
}
