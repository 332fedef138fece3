package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A card an agent or bot sends ({@code ContentCard}).
 *
 * @param title the card's title
 * @param description the text under the title
 * @param image the URL of its image
 * @param video the URL of its video
 * @param defaultAction what tapping the card itself does
 * @param actions its buttons, in order
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenCard(
    @Nullable String title,
    @Nullable String description,
    @Nullable String image,
    @Nullable String video,
    @Nullable Action defaultAction,
    @Nullable List<Action> actions) {

  /**
   * One action of a card ({@code ContentCardAction}).
   *
   * @param type {@code Postback} (answers with its payload) or {@code Link} (opens its URL)
   * @param text what the customer sees
   * @param payload what a {@code Postback} answers with
   * @param url the page a {@code Link} opens
   */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Action(
      @Nullable String type,
      @Nullable String text,
      @Nullable String payload,
      @Nullable String url) {

    /** {@code type} of a button that answers the contact center. */
    public static final String POSTBACK = "Postback";

    /** {@code type} of a button that opens a web page. */
    public static final String LINK = "Link";
  }

  /**
   * A set of cards ({@code ContentCarousel}).
   *
   * @param cards the cards, in order
   */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Carousel(@Nullable List<OpenCard> cards) {}
}
