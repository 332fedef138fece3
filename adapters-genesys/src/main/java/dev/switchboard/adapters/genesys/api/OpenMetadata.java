package dev.switchboard.adapters.genesys.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * The {@code channel.metadata} of an inbound message: custom attributes Genesys keeps as
 * participant data of the conversation.
 *
 * @param customAttributes names and values, e.g. the ad a customer came from
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OpenMetadata(Map<String, String> customAttributes) {

  @Override
  public String toString() {
    return "OpenMetadata[" + customAttributes.keySet() + "]";
  }
}
