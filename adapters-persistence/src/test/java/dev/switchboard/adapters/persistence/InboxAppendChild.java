package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.out.Inbox;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The process {@link InboxDurabilityTest} kills: appends webhooks to the H2 inbox in {@code
 * args[0]} for ever, printing {@code appended <n>} after each append returned.
 */
public final class InboxAppendChild {

  private InboxAppendChild() {}

  public static void main(String[] args) {
    ApplicationContext context =
        TestDatabases.start(TestDatabases.h2(Path.of(args[0])), Clock.systemUTC());
    Inbox inbox = context.getBean(Inbox.class);
    String padding = "x".repeat(1000);
    System.out.println("ready");
    System.out.flush();
    for (long n = 0; ; n++) {
      byte[] body =
          ("{\"n\":" + n + ",\"pad\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);
      inbox.append(new RawWebhook(WebhookSource.WHATSAPP, body, Clock.systemUTC().instant()));
      System.out.println("appended " + n);
      System.out.flush();
    }
  }
}
