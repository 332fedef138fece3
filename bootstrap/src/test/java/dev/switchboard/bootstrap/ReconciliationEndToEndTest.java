package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.pipeline.Lanes;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.ReconciliationReport;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.out.Inbox;
import dev.switchboard.application.port.out.Outbox;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundContent;
import dev.switchboard.domain.message.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation re-drives an item left behind deliberately: the pipeline's workers here look for
 * work only when woken (their idle poll is an hour), so an item stored without waking them stays
 * where it is until the reconciliation finds it.
 */
class ReconciliationEndToEndTest extends RunningBridge {

  @Override
  Map<String, Object> extraProperties() {
    return Map.of(
        "switchboard.pipeline.idle-poll", "1h",
        // anything waiting counts as left behind: the test cannot wait the default 5 minutes
        "switchboard.reconciliation.grace", "0s");
  }

  @Test
  void reconciliation_re_drives_an_outbox_entry_left_behind_deliberately() {
    Outbox outbox = server.getApplicationContext().getBean(Outbox.class);
    CustomerId customer = CustomerId.phone(CUSTOMER_E164);
    InboundMessage message =
        new InboundMessage(
            "wamid.left-behind-in-the-outbox",
            new Customer(customer, "Jane"),
            null,
            Instant.now(),
            new InboundContent.Text("hello"));
    outbox.enqueue(
        Lanes.toContactCenter(new ConversationKey(ConnectionId.DEFAULT, customer)),
        new OutboxItem.ForwardToContactCenter(ConnectionId.DEFAULT, message));

    pause(Duration.ofMillis(800));
    assertThat(forwarded("wamid.left-behind-in-the-outbox"))
        .as("nobody woke the dispatcher: the entry is left behind")
        .isEmpty();
    pause(Duration.ofMillis(5));

    ReconciliationReport report = reconciliation().run();

    assertThat(report.stuck(ReconciliationReport.OUTBOX)).isEqualTo(1);
    assertThat(report.redriven(ReconciliationReport.OUTBOX)).isEqualTo(1);
    eventually(
        () -> forwarded("wamid.left-behind-in-the-outbox").size() == 1, Duration.ofSeconds(10));
    eventually(() -> outbox.pending() == 0, Duration.ofSeconds(10));
    assertThat(reconciliation().run().isClean()).as("nothing is left behind any more").isTrue();
    assertThat(prometheus())
        .contains("switchboard_reconciliation_runs_total 2.0")
        .contains("switchboard_reconciliation_redriven_total{stage=\"outbox\"} 1.0")
        .contains("switchboard_reconciliation_stuck{stage=\"outbox\"} 0.0");
  }

  @Test
  void reconciliation_re_drives_an_accepted_webhook_whose_wake_up_was_lost() throws Exception {
    Inbox inbox = server.getApplicationContext().getBean(Inbox.class);
    String wamid = "wamid.left-behind-in-the-inbox";
    byte[] body =
        Stubs.textWebhook(CUSTOMER, wamid, Instant.now().getEpochSecond(), "hello")
            .getBytes(StandardCharsets.UTF_8);
    // stored as the webhook controller stores it, without the wake-up that follows
    inbox
        .append(new RawWebhook(WebhookSource.of("whatsapp"), body, Instant.now()))
        .toCompletableFuture()
        .get();

    pause(Duration.ofMillis(800));
    assertThat(forwarded(wamid)).as("the processor was not woken: left behind").isEmpty();
    assertThat(inbox.backlog()).isEqualTo(1);

    ReconciliationReport report = reconciliation().run();

    assertThat(report.stuck(ReconciliationReport.INBOX)).isEqualTo(1);
    eventually(() -> forwarded(wamid).size() == 1, Duration.ofSeconds(10));
    assertThat(inbox.backlog()).isZero();
    eventually(() -> reconciliation().run().isClean(), Duration.ofSeconds(10));
    assertThat(prometheus()).contains("switchboard_reconciliation_stuck{stage=\"inbox\"} 0.0");
  }

  @Test
  void an_unusable_reconciliation_interval_stops_start_up_naming_the_property() throws Exception {
    Map<String, String> env = Stubs.environment(meta, genesys, dataDir.resolve("bad").toString());
    env.put("SWITCHBOARD_RECONCILIATION_INTERVAL", "every now and then");
    Path log = dataDir.resolve("bad-interval.log");
    BridgeProcess bridge = new BridgeProcess(env, log);

    int exit = bridge.runUntilExit(Duration.ofSeconds(60));

    assertThat(exit).isNotZero();
    assertThat(bridge.logText().lines().filter(l -> l.contains("cannot start")).toList())
        .singleElement()
        .asString()
        .contains("switchboard.reconciliation.interval");
  }

  private Reconciliation reconciliation() {
    return server.getApplicationContext().getBean(Reconciliation.class);
  }

  private List<String> forwarded(String wamid) {
    return genesys.accepted(pathContains("/inbound/open/message")).stream()
        .map(request -> new String(request.body(), StandardCharsets.UTF_8))
        .filter(text -> text.contains(wamid))
        .toList();
  }

  private String prometheus() {
    return Stubs.get(server.getURL() + "/prometheus").body();
  }
}
