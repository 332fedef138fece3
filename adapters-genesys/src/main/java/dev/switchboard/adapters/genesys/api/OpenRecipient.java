package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A party of an Open Messaging message ({@code OpenMessagingFromRecipient} / {@code
 * OpenMessagingToRecipient}).
 *
 * @param id the id as the messaging platform knows it (E.164 for {@code Phone})
 * @param idType {@code Phone}, {@code Opaque} or {@code Email}
 * @param nickname the display name; {@code null} when unknown
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenRecipient(
    @Nullable String id, @Nullable String idType, @Nullable String nickname) {

  /** {@code idType} of a phone number in E.164. */
  public static final String PHONE = "Phone";

  /** {@code idType} of any other id. */
  public static final String OPAQUE = "Opaque";

  @Override
  public String toString() {
    String masked =
        id == null || id.length() <= 4
            ? "****"
            : "*".repeat(id.length() - 4) + id.substring(id.length() - 4);
    return "OpenRecipient[id=" + masked + ", idType=" + idType + "]";
  }
}
