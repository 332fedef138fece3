package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static dev.switchboard.application.testing.StubHttpServer.pathEndsWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rich content through the running application: media both ways and quick replies. */
class RichEndToEndTest extends RunningBridge {

  @Test
  void a_customer_image_reaches_genesys_as_a_signed_bridge_link_that_serves_its_bytes() {
    String wamid = "wamid.img." + UUID.randomUUID();
    Stubs.postWhatsApp(
        server.getURL().toString(),
        Stubs.messageWebhook(
            CUSTOMER,
            wamid,
            "image",
            """
            "image":{"caption":"Taj Mahal","mime_type":"image/png","sha256":"%s","id":"%s"}
            """
                .formatted(Stubs.sha256(Stubs.MEDIA_BYTES), Stubs.MEDIA_ID)));

    Map<String, Object> message = awaitOne(genesys, "/inbound/open/message");
    assertThat(message.get("text")).isEqualTo("Taj Mahal");
    Map<String, Object> attachment =
        map(map(list(message.get("content")).get(0)).get("attachment"));
    assertThat(attachment).containsEntry("mediaType", "Image").containsEntry("mime", "image/png");
    String url = (String) attachment.get("url");
    assertThat(url).startsWith(server.getURL().toString() + "/media/").doesNotContain("lookaside");

    var served = Stubs.get(url);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).isEqualTo(Stubs.MEDIA_BYTES);
    URI link = URI.create(url);
    String base = url.substring(0, url.indexOf('?'));
    assertThat(Stubs.get(base).statusCode()).isEqualTo(403);
    assertThat(Stubs.get(base + "?" + tampered(link.getRawQuery())).statusCode()).isEqualTo(403);
  }

  @Test
  void a_tap_on_quick_reply_buttons_reaches_genesys_as_the_structured_answer() {
    customerWrites(Instant.now());
    String genesysId = UUID.randomUUID().toString();
    Stubs.postGenesys(
        server.getURL().toString(),
        Stubs.agentContent(
            genesysId,
            CUSTOMER_E164,
            "Structured",
            "Proceed?",
            """
            [{"contentType":"QuickReply","quickReply":{"text":"Yes","payload":"yes-payload","action":"Message"}},
             {"contentType":"QuickReply","quickReply":{"text":"No","payload":"no-payload","action":"Message"}}]
            """));

    Map<String, Object> send = awaitOne(meta, "/messages");
    Map<String, Object> interactive = map(send.get("interactive"));
    assertThat(interactive).containsEntry("type", "button");
    List<Object> buttons = list(map(interactive.get("action")).get("buttons"));
    String chosen = (String) map(map(buttons.get(0)).get("reply")).get("id");

    Stubs.postWhatsApp(
        server.getURL().toString(),
        Stubs.messageWebhook(
            CUSTOMER,
            "wamid.tap." + UUID.randomUUID(),
            "interactive",
            """
            "context":{"from":"15550783881","id":"wamid.OUT1"},
            "interactive":{"type":"button_reply","button_reply":{"id":"%s","title":"Yes"}}
            """
                .formatted(chosen)));

    Map<String, Object> answer = awaitOne(genesys, "/inbound/open/structured/response");
    assertThat(answer).containsEntry("originatingMessageId", genesysId);
    assertThat(map(answer.get("buttonResponse")))
        .containsEntry("type", "QuickReply")
        .containsEntry("text", "Yes")
        .containsEntry("payload", "yes-payload");
  }

  @Test
  void an_agent_image_from_the_media_host_is_uploaded_and_sent_by_id() {
    customerWrites(Instant.now());
    Stubs.postGenesys(
        server.getURL().toString(),
        Stubs.agentContent(
            UUID.randomUUID().toString(),
            CUSTOMER_E164,
            "Text",
            "Here it is",
            """
            [{"contentType":"Attachment","attachment":{"id":"a1","mediaType":"Image",
              "url":"%s/api/v2/downloads/pce9","mime":"image/png","filename":"photo.png"}}]
            """
                .formatted(genesys.url())));

    Map<String, Object> send = awaitOne(meta, "/messages");
    assertThat(send).containsEntry("type", "image");
    assertThat(map(send.get("image")))
        .containsEntry("id", "uploaded-1")
        .containsEntry("caption", "Here it is");
    assertThat(meta.accepted(pathEndsWith("/media")).get(0).text()).contains(Stubs.AGENT_MEDIA);
  }

  @Test
  void a_long_agent_text_goes_out_in_order_in_several_sends() {
    customerWrites(Instant.now());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      text.append("Paragraph ")
          .append(i)
          .append(' ')
          .append("lorem ipsum ".repeat(150).strip())
          .append("\\n\\n");
    }
    Stubs.postGenesys(
        server.getURL().toString(),
        Stubs.agentText(UUID.randomUUID().toString(), CUSTOMER_E164, text.toString().strip()));

    eventually(() -> meta.accepted(pathContains("/messages")).size() >= 3, Duration.ofSeconds(15));
    pause(Duration.ofMillis(500));
    List<String> parts =
        meta.accepted(pathContains("/messages")).stream()
            .map(r -> (String) map(read(r.body()).get("text")).get("body"))
            .toList();
    assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
    assertThat(String.join(" ", parts).split("\\s+"))
        .containsExactly(text.toString().replace("\\n", " ").strip().split("\\s+"));
    assertThat(parts).allSatisfy(p -> assertThat(p).startsWith("Paragraph"));
  }

  /** The query with the signature's first character changed (always to another character). */
  private static String tampered(String query) {
    int at = query.indexOf("signature=") + "signature=".length();
    char changed = query.charAt(at) == 'A' ? 'B' : 'A';
    return query.substring(0, at) + changed + query.substring(at + 1);
  }
}
