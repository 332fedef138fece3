package dev.switchboard.adapters.telegram;

import dev.switchboard.application.testing.StubHttpServer.Request;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@code multipart/form-data} request body as a server would, part by part. */
final class Multipart {

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

  /** One part: its headers (names case-insensitive) and its bytes. */
  record Part(Map<String, String> headers, byte[] content) {

    String name() {
      return find(NAME, headers.get("Content-Disposition"));
    }

    /** The file name; {@code null} for a plain field. */
    String filename() {
      return find(FILENAME, headers.get("Content-Disposition"));
    }

    /** The content type; {@code null} when not given. */
    String contentType() {
      String type = headers.get("Content-Type");
      return type == null ? null : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private Multipart() {}

  /** The parts of {@code request}, by name, in order. */
  static Map<String, Part> parts(Request request) {
    String contentType = request.header("Content-Type");
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new AssertionError("not a multipart/form-data request: " + contentType);
    }
    Matcher boundary = BOUNDARY.matcher(contentType);
    if (!boundary.find()) {
      throw new AssertionError("no boundary in " + contentType);
    }
    String delimiter = "--" + boundary.group(1);
    // one char per byte: the bytes survive the round trip
    String body = new String(request.body(), StandardCharsets.ISO_8859_1);
    Map<String, Part> parts = new LinkedHashMap<>();
    String[] chunks = body.split(Pattern.quote(delimiter), -1);
    for (int i = 1; i < chunks.length; i++) {
      String chunk = chunks[i];
      if (chunk.startsWith("--")) {
        break; // the closing delimiter
      }
      chunk = chunk.startsWith("\r\n") ? chunk.substring(2) : chunk;
      int end = chunk.indexOf("\r\n\r\n");
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String line : chunk.substring(0, end).split("\r\n")) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
      String content = chunk.substring(end + 4);
      content = content.endsWith("\r\n") ? content.substring(0, content.length() - 2) : content;
      Part part = new Part(headers, content.getBytes(StandardCharsets.ISO_8859_1));
      parts.put(part.name(), part);
    }
    return parts;
  }

  private static String find(Pattern pattern, String value) {
    if (value == null) {
      return null;
    }
    Matcher matcher = pattern.matcher(value);
    return matcher.find() ? matcher.group(1) : null;
  }
}
