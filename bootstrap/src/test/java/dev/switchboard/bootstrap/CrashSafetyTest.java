package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.testing.StubHttpServer;
import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.application.testing.StubHttpServer.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge as a process: killed with SIGKILL right after its 200s, it loses nothing. */
class CrashSafetyTest {

  private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"([^\"]+)\"");

  @TempDir Path dataDir;

  @Test
  void webhooks_acknowledged_before_a_kill_reach_genesys_exactly_once_after_the_restart()
      throws Exception {
    try (StubHttpServer meta = Stubs.meta();
        StubHttpServer genesys = Stubs.genesys();
        BridgeProcess bridge =
            new BridgeProcess(
                Stubs.environment(meta, genesys, dataDir.toString()),
                dataDir.resolve("bridge.log"))) {
      bridge.start();
      List<String> before = post(bridge, 0, 10);
      EndToEndTest.eventually(() -> forwarded(genesys).containsAll(before), Duration.ofSeconds(20));
      EndToEndTest.pause(Duration.ofMillis(500)); // recorded as forwarded

      // Genesys is down: what is accepted now exists only in the bridge's store when it dies
      genesys.answerAll(pathContains("/inbound/open/message"), Answer.json(503, "{}"));
      List<String> after = post(bridge, 10, 40);
      bridge.kill();
      genesys.answerByRoutes();

      bridge.start();
      Set<String> all = new HashSet<>(before);
      all.addAll(after);
      EndToEndTest.eventually(() -> forwarded(genesys).containsAll(all), Duration.ofSeconds(60));

      // Meta redelivers; the restarted bridge still knows what it has seen
      Stubs.postWhatsApp(bridge.url(), webhook(0));
      Stubs.postWhatsApp(bridge.url(), webhook(39));
      EndToEndTest.pause(Duration.ofSeconds(2));
      List<String> ids = forwardedList(genesys);
      assertThat(ids).hasSize(all.size()).doesNotHaveDuplicates();
    }
  }

  @Test
  void a_missing_required_setting_stops_start_up_with_one_line_naming_it() throws Exception {
    try (StubHttpServer meta = Stubs.meta();
        StubHttpServer genesys = Stubs.genesys()) {
      Map<String, String> env = Stubs.environment(meta, genesys, dataDir.toString());
      env.remove("SWITCHBOARD_WHATSAPP_APP_SECRET");
      Path log = dataDir.resolve("missing.log");
      BridgeProcess bridge = new BridgeProcess(env, log);

      int exit = bridge.runUntilExit(Duration.ofSeconds(60));

      assertThat(exit).isNotZero();
      List<String> naming =
          bridge
              .logText()
              .lines()
              .filter(l -> l.contains("switchboard.whatsapp.app-secret"))
              .toList();
      assertThat(naming).hasSize(1);
      assertThat(bridge.logText())
          .doesNotContain(Stubs.ACCESS_TOKEN)
          .doesNotContain(Stubs.CLIENT_SECRET)
          .doesNotContain(Stubs.WEBHOOK_SECRET);
    }
  }

  private static List<String> post(BridgeProcess bridge, int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      assertThat(Stubs.postWhatsApp(bridge.url(), webhook(i)).statusCode()).isEqualTo(200);
      ids.add(wamid(i));
    }
    return ids;
  }

  private static String webhook(int i) {
    String waId = "1650555%04d".formatted(i);
    return Stubs.textWebhook(waId, wamid(i), Instant.now().getEpochSecond(), "m" + i);
  }

  private static String wamid(int i) {
    return "wamid.crash." + i;
  }

  private static Set<String> forwarded(StubHttpServer genesys) {
    return new HashSet<>(forwardedList(genesys));
  }

  private static List<String> forwardedList(StubHttpServer genesys) {
    List<String> ids = new ArrayList<>();
    for (Request request : genesys.accepted(pathContains("/inbound/open/message"))) {
      Matcher m = MESSAGE_ID.matcher(request.text());
      if (m.find()) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }
}
