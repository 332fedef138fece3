package dev.switchboard.sandbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * JSON as the simulated services see it: plain maps and lists, read leniently, as a stranger to the
 * bridge's own records would.
 */
@Singleton
@Requires(property = Sandbox.ENABLED, value = "true")
final class Json {

  private final JsonMapper mapper;

  Json(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** A JSON object; {@code null} when the bytes are not one. */
  Map<String, Object> object(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
    } catch (IOException | RuntimeException notAnObject) {
      return null;
    }
  }

  byte[] bytes(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  MutableHttpResponse<byte[]> answer(int status, Object value) {
    return HttpResponse.<byte[]>status(HttpStatus.valueOf(status))
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(bytes(value));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value instanceof List<?> list ? (List<Object>) list : List.of();
  }

  static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  /** A {@code data:} URL's bytes and type, as the page sends files. */
  record DataUrl(byte[] bytes, String mime) {

    static DataUrl parse(String url) {
      if (url == null || !url.startsWith("data:") || url.indexOf(',') < 0) {
        throw new IllegalArgumentException("a file is sent as a data: URL");
      }
      String head = url.substring(5, url.indexOf(','));
      if (!head.endsWith(";base64")) {
        throw new IllegalArgumentException("a file is sent as a base64 data: URL");
      }
      String mime = head.substring(0, head.length() - ";base64".length());
      byte[] bytes = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
      return new DataUrl(bytes, mime.isBlank() ? "application/octet-stream" : mime);
    }
  }
}
