package dev.switchboard.application.fakes;

import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.out.WebhookDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link WebhookDecoder} of one sender's name that answers scripted {@link Decoded} values for
 * given bodies; a body it was not told about is {@link Decoded#unusable unusable}. It records the
 * {@link WebhookSource} of every webhook it decodes.
 */
public final class ScriptedWebhookDecoder implements WebhookDecoder {

  private final String source;
  private final Map<String, Supplier<Decoded>> answers = new HashMap<>();
  private final List<WebhookSource> decoded = new ArrayList<>();

  /** A decoder of the webhooks of the sender named {@code source} ({@code whatsapp}, ...). */
  public ScriptedWebhookDecoder(String source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /** {@code body} decodes to {@code decoded}. */
  public synchronized ScriptedWebhookDecoder on(String body, Decoded decoded) {
    Objects.requireNonNull(decoded, "decoded");
    answers.put(body, () -> decoded);
    return this;
  }

  /** {@code body} decodes to these events, without problems. */
  public synchronized ScriptedWebhookDecoder on(String body, ChannelEvent... events) {
    return on(body, new Decoded(List.of(events), List.of()));
  }

  /** Decoding {@code body} throws {@code failure} (a decoder that breaks its contract). */
  public synchronized ScriptedWebhookDecoder failOn(String body, RuntimeException failure) {
    Objects.requireNonNull(failure, "failure");
    answers.put(
        body,
        () -> {
          throw failure;
        });
    return this;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public Decoded decode(WebhookSource from, byte[] body) {
    Supplier<Decoded> answer;
    synchronized (this) {
      decoded.add(from);
      answer = answers.get(new String(body, StandardCharsets.UTF_8));
    }
    return answer == null ? Decoded.unusable("unknown body (scripted decoder)") : answer.get();
  }

  /** The source of every webhook decoded, in call order. */
  public synchronized List<WebhookSource> sources() {
    return List.copyOf(decoded);
  }
}
