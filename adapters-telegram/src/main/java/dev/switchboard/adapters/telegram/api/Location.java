package dev.switchboard.adapters.telegram.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * A point on the map ({@code Location}).
 *
 * @param latitude degrees north
 * @param longitude degrees east
 * @param livePeriod for a live location, how long it is updated (seconds); {@code null} otherwise
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Location(
    @Nullable BigDecimal latitude,
    @Nullable BigDecimal longitude,
    @JsonProperty("live_period") @Nullable Long livePeriod) {

  /** Whether the sender keeps updating it (each update comes as an edit of the message). */
  public boolean isLive() {
    return livePeriod != null;
  }
}
