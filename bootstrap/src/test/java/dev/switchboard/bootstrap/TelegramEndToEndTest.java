package dev.switchboard.bootstrap;

import static dev.switchboard.application.testing.StubHttpServer.pathContains;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.application.testing.StubHttpServer.Answer;
import dev.switchboard.application.testing.StubHttpServer.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Telegram connection through the running bridge, both ways, on the embedded default. */
class TelegramEndToEndTest extends TelegramBridge {

  @Test
  void a_text_goes_both_ways_and_the_agent_sees_it_delivered() {
    assertThat(postUpdate(message(1001, 11, "\"text\":\"hello from Telegram\"")).statusCode())
        .isEqualTo(200);
    eventually(
        () -> toIntegration("message").stream().anyMatch(m -> m.contains(key(11))),
        Duration.ofSeconds(10));
    Map<String, Object> forwarded = read(toIntegration("message").get(0).getBytes());
    Map<String, Object> from = map(map(forwarded.get("channel")).get("from"));
    assertThat(from)
        .containsEntry("id", String.valueOf(USER))
        .containsEntry("idType", "Opaque")
        .containsEntry("nickname", "Ada Lovelace");
    assertThat(forwarded).containsEntry("text", "hello from Telegram");
    assertThat(genesys.accepted(pathContains("/messages/" + Stubs.INTEGRATION_ID + "/"))).isEmpty();

    assertThat(postAgent(agent("g-tg-1", "Text", "hello back", null)).statusCode()).isEqualTo(200);
    eventually(() -> !calls("sendMessage").isEmpty(), Duration.ofSeconds(10));
    assertThat(calls("sendMessage").get(0).text())
        .contains("\"chat_id\":\"" + USER + "\"")
        .contains("hello back");
    assertThat(receiptFor("g-tg-1")).contains("\"Delivered\"");
    assertThat(meta.requests()).isEmpty();
  }

  @Test
  void the_webhook_needs_the_connections_secret_token_and_a_telegram_connection() {
    String update = message(1002, 12, "\"text\":\"forged\"");
    String url = server.getURL().toString();

    assertThat(postUpdate(url, update, null).statusCode()).isEqualTo(401);
    assertThat(postUpdate(url, update, "wrong-secret").statusCode()).isEqualTo(401);
    assertThat(Stubs.post(url + "/webhooks/telegram/default", update.getBytes(), null).statusCode())
        .as("the default connection is a WhatsApp one")
        .isEqualTo(404);
    assertThat(
            Stubs.post(url + "/webhooks/telegram/nosuchbot", update.getBytes(), null).statusCode())
        .isEqualTo(404);
    pause(Duration.ofMillis(500));
    assertThat(toIntegration("message")).isEmpty();
  }

  @Test
  void a_photo_is_rehosted_and_an_agents_picture_goes_with_its_bytes() {
    postUpdate(
        message(
            1003,
            13,
            "\"caption\":\"my receipt\",\"photo\":[{\"file_id\":\"small\",\"file_unique_id\":\"s\","
                + "\"width\":90,\"height\":90,\"file_size\":15},{\"file_id\":\""
                + PHOTO_ID
                + "\",\"file_unique_id\":\"l\",\"width\":800,\"height\":800,\"file_size\":20}]"));
    eventually(() -> !toIntegration("message").isEmpty(), Duration.ofSeconds(10));
    String forwarded = toIntegration("message").get(0);
    assertThat(forwarded)
        .contains("\"text\":\"my receipt\"")
        .contains("\"mediaType\":\"Image\"")
        .doesNotContain(BOT_TOKEN);
    String link =
        (String)
            map(map(list(read(forwarded.getBytes()).get("content")).get(0)).get("attachment"))
                .get("url");
    assertThat(Stubs.get(link).body()).isEqualTo(PHOTO);
    assertThat(calls("getFile"))
        .singleElement()
        .satisfies(r -> assertThat(r.text()).contains(PHOTO_ID));

    postAgent(
        agent(
            "g-tg-picture",
            "Text",
            "our answer",
            "[{\"contentType\":\"Attachment\",\"attachment\":{\"mediaType\":\"Image\",\"url\":\""
                + genesys.url()
                + "/api/v2/downloads/pic1\",\"mime\":\"image/png\",\"filename\":\"a.png\"}}]"));
    eventually(() -> !calls("sendPhoto").isEmpty(), Duration.ofSeconds(10));
    assertThat(calls("sendPhoto").get(0).text())
        .contains(Stubs.AGENT_MEDIA)
        .contains("our answer")
        .contains(String.valueOf(USER));
    assertThat(receiptFor("g-tg-picture")).contains("\"Delivered\"");
  }

  @Test
  void agents_documents_videos_and_audio_go_with_the_matching_send() {
    for (String[] kind :
        List.of(
            new String[] {"File", "application/pdf", "sendDocument"},
            new String[] {"Video", "video/mp4", "sendVideo"},
            new String[] {"Audio", "audio/mpeg", "sendAudio"})) {
      postAgent(
          agent(
              "g-tg-" + kind[0],
              "Text",
              "",
              "[{\"contentType\":\"Attachment\",\"attachment\":{\"mediaType\":\""
                  + kind[0]
                  + "\",\"url\":\""
                  + genesys.url()
                  + "/api/v2/downloads/"
                  + kind[0]
                  + "\",\"mime\":\""
                  + kind[1]
                  + "\",\"filename\":\"f\"}}]"));
      eventually(() -> !calls(kind[2]).isEmpty(), Duration.ofSeconds(10));
      assertThat(calls(kind[2]).get(0).text()).contains(Stubs.AGENT_MEDIA);
      assertThat(receiptFor("g-tg-" + kind[0])).contains("\"Delivered\"");
    }
  }

  @Test
  void quick_replies_become_an_inline_keyboard_and_a_tap_answers_the_genesys_message() {
    postUpdate(message(1004, 14, "\"text\":\"hi\""));
    eventually(() -> !toIntegration("message").isEmpty(), Duration.ofSeconds(10));
    postAgent(
        agent(
            "g-tg-offer",
            "Structured",
            "Shall we call you?",
            "[{\"contentType\":\"QuickReply\",\"quickReply\":{\"text\":\"Yes please\",\"payload\":\"call-yes\",\"action\":\"Message\"}},"
                + "{\"contentType\":\"QuickReply\",\"quickReply\":{\"text\":\"No thanks\",\"payload\":\"call-no\",\"action\":\"Message\"}}]"));
    eventually(() -> !calls("sendMessage").isEmpty(), Duration.ofSeconds(10));
    String offer = calls("sendMessage").get(0).text();
    assertThat(offer).contains("inline_keyboard").contains("Yes please").contains("No thanks");
    long offerId = 5001; // the Bot API stub's first message id
    String data = offer.substring(offer.lastIndexOf("\"callback_data\":\"") + 17);
    data = data.substring(0, data.indexOf('"'));

    String tap =
        """
        {"update_id":1005,"callback_query":{"id":"cbq-77","from":{"id":%d,"is_bot":false,
        "first_name":"Ada"},"message":{"message_id":%d,"chat":{"id":%d,"type":"private"},
        "date":1,"text":"Shall we call you?"},"chat_instance":"1","data":"%s"}}
        """
            .formatted(USER, offerId, USER, data);
    assertThat(postUpdate(tap).statusCode()).isEqualTo(200);

    eventually(() -> !toIntegration("structured/response").isEmpty(), Duration.ofSeconds(10));
    Map<String, Object> response = read(toIntegration("structured/response").get(0).getBytes());
    assertThat(response).containsEntry("originatingMessageId", "g-tg-offer");
    assertThat(map(response.get("buttonResponse")))
        .containsEntry("payload", "call-no")
        .containsEntry("text", "No thanks");
    eventually(() -> !calls("answerCallbackQuery").isEmpty(), Duration.ofSeconds(10));
    assertThat(calls("answerCallbackQuery").get(0).text()).contains("cbq-77");
  }

  @Test
  void a_429_with_retry_after_is_honoured_and_the_message_sent_once() {
    telegram.answerNext(
        pathContains("/sendMessage"),
        Answer.json(
            429,
            "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 2\","
                + "\"parameters\":{\"retry_after\":2}}"));
    postAgent(agent("g-tg-flood", "Text", "after the flood wait", null));

    eventually(() -> !calls("sendMessage").isEmpty(), Duration.ofSeconds(15));
    List<Request> attempts = telegram.requests(pathContains("/sendMessage"));
    assertThat(attempts).hasSize(2);
    assertThat(calls("sendMessage")).hasSize(1);
    assertThat(receiptFor("g-tg-flood")).contains("\"Delivered\"");
  }

  @Test
  void a_blocked_bot_gives_the_agent_invalid_destination() {
    telegram.answerNext(
        pathContains("/sendMessage"),
        Answer.json(
            403,
            "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the"
                + " user\"}"));
    postAgent(agent("g-tg-blocked", "Text", "nobody reads this", null));

    String receipt = receiptFor("g-tg-blocked");
    assertThat(receipt).contains("\"Failed\"").contains("InvalidDestination");
  }

  @Test
  void a_redelivered_update_reaches_genesys_once_and_groups_are_ignored() {
    String update = message(1006, 16, "\"text\":\"sent twice by Telegram\"");
    postUpdate(update);
    postUpdate(update);
    String group =
        """
        {"update_id":1007,"message":{"message_id":17,"from":{"id":%d,"is_bot":false,"first_name":"Ada"},
        "chat":{"id":-100123,"type":"supergroup","title":"g"},"date":1,"text":"hello group"}}
        """
            .formatted(USER);
    assertThat(postUpdate(group).statusCode()).isEqualTo(200);
    postUpdate(message(1008, 18, "\"text\":\"after them\""));

    eventually(
        () -> toIntegration("message").stream().anyMatch(m -> m.contains(key(18))),
        Duration.ofSeconds(10));
    pause(Duration.ofMillis(500));
    assertThat(toIntegration("message")).filteredOn(m -> m.contains(key(16))).hasSize(1);
    assertThat(toIntegration("message")).noneMatch(m -> m.contains("hello group"));
  }

  @Test
  void an_edit_is_forwarded_as_a_new_message_marked_edited() {
    String edited =
        """
        {"update_id":1009,"edited_message":{"message_id":19,"from":{"id":%d,"is_bot":false,
        "first_name":"Ada"},"chat":{"id":%d,"type":"private"},"date":1,"edit_date":2,
        "text":"the right address"}}
        """
            .formatted(USER, USER);
    postUpdate(edited);

    eventually(() -> !toIntegration("message").isEmpty(), Duration.ofSeconds(10));
    assertThat(toIntegration("message").get(0)).contains("\"text\":\"(edited) the right address\"");
  }

  @Test
  void a_template_is_refused_as_whatsapp_only_and_nothing_is_sent() {
    postAgent(
        agent(
            "g-tg-template",
            "Structured",
            "Your order shipped",
            "[{\"contentType\":\"Notification\",\"template\":{\"id\":\"acme@order_shipped\","
                + "\"language\":\"en_US\",\"body\":{\"text\":\"Order {{1}}\",\"parameters\":[{\"name\":\"1\",\"text\":\"A-1\"}]}}}]"));

    String receipt = receiptFor("g-tg-template");
    assertThat(receipt).contains("\"Failed\"").contains("UnsupportedMessage");
    assertThat(telegram.requests(pathContains("/send"))).isEmpty();
  }

  @Test
  void an_agent_typing_shows_the_customer_a_chat_action() {
    postUpdate(message(1010, 20, "\"text\":\"anyone there?\""));
    eventually(() -> !toIntegration("message").isEmpty(), Duration.ofSeconds(10));
    String typing =
        """
        {"id":"ev-1","channel":{"id":"%s","platform":"Open","type":"Private",
        "to":{"id":"%d","idType":"Opaque"},"from":{"id":"%s","idType":"Opaque"},
        "time":"2026-01-01T00:00:00.000Z"},"type":"Event","direction":"Outbound",
        "events":[{"eventType":"Typing","typing":{"type":"On"}}]}
        """
            .formatted(INTEGRATION, USER, INTEGRATION);
    postAgent(typing);

    eventually(() -> !calls("sendChatAction").isEmpty(), Duration.ofSeconds(10));
    assertThat(calls("sendChatAction").get(0).text()).contains("typing");
  }
}
