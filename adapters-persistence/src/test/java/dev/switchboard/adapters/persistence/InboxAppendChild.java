package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.out.Inbox;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Semaphore;

/**
 * The process {@link InboxDurabilityTest} kills: appends webhooks to the H2 inbox in {@code
 * args[0]} for ever, {@value #IN_FLIGHT} at a time (so that commits are shared), printing {@code
 * appended <n>} once each append's stage completed.
 */
public final class InboxAppendChild {

  private static final WebhookSource WHATSAPP = WebhookSource.of("whatsapp");

  static final int IN_FLIGHT = 16;

  private InboxAppendChild() {}

  public static void main(String[] args) throws InterruptedException {
    ApplicationContext context =
        TestDatabases.start(TestDatabases.h2(Path.of(args[0])), Clock.systemUTC());
    Inbox inbox = context.getBean(Inbox.class);
    String padding = "x".repeat(1000);
    System.out.println("ready");
    System.out.flush();
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    for (long n = 0; ; n++) {
      byte[] body =
          ("{\"n\":" + n + ",\"pad\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);
      inFlight.acquire();
      long appended = n;
      inbox
          .append(new RawWebhook(WHATSAPP, body, Clock.systemUTC().instant()))
          .whenComplete(
              (done, failed) -> {
                if (failed == null) {
                  synchronized (System.out) {
                    System.out.println("appended " + appended);
                    System.out.flush();
                  }
                }
                inFlight.release();
              });
    }
  }
}
