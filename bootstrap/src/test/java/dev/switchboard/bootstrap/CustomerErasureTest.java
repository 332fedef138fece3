package dev.switchboard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /admin/customers/{connection}/{id}} after a flow through the running bridge: an
 * erased customer leaves no row and no media file naming them.
 */
class CustomerErasureTest extends RunningBridge {

  private static final String TOKEN = "admin-token-for-tests";
  private static final String OTHER = "16505559876";

  @Override
  Map<String, Object> extraProperties() {
    return Map.of("switchboard.admin.token", TOKEN);
  }

  @Test
  void an_erased_customer_leaves_no_row_or_file_naming_them() throws Exception {
    customerSendsAnImageAndGetsAnAnswer(CUSTOMER, CUSTOMER_E164);
    customerSendsAnImageAndGetsAnAnswer(OTHER, "+" + OTHER);
    assertThat(rowsNaming(CUSTOMER)).as("before").isNotEmpty();
    assertThat(mediaFiles()).hasSize(4);

    assertThat(erase(CUSTOMER, "not-the-token").statusCode()).isEqualTo(401);
    assertThat(erase("%2B" + CUSTOMER, "not-the-token").statusCode()).isEqualTo(401);
    assertThat(erase("%2B" + CUSTOMER, TOKEN).statusCode()).as("+ encoded").isEqualTo(204);

    assertThat(rowsNaming(CUSTOMER)).isEmpty();
    assertThat(mediaFiles()).as("the other customer's bytes and sidecar").hasSize(2);
    assertThat(rowsNaming(OTHER)).as("the other customer is kept").isNotEmpty();
    assertThat(erase(CUSTOMER, TOKEN).statusCode()).as("nothing left").isEqualTo(404);
    assertThat(erase(OTHER, TOKEN).statusCode()).as("without +").isEqualTo(204);
    assertThat(rowsNaming(OTHER)).isEmpty();
    assertThat(mediaFiles()).isEmpty();
    assertThat(eraseOn("Default", OTHER).statusCode()).isEqualTo(400);
  }

  private void customerSendsAnImageAndGetsAnAnswer(String waId, String e164) {
    String wamid = "wamid.img." + UUID.randomUUID();
    int before = genesys.accepted(r -> r.path().contains("/inbound/open/message")).size();
    Stubs.postWhatsApp(
        server.getURL().toString(),
        Stubs.messageWebhook(
            waId,
            wamid,
            "image",
            """
            "image":{"caption":"my bill","mime_type":"image/png","sha256":"%s","id":"%s"}
            """
                .formatted(Stubs.sha256(Stubs.MEDIA_BYTES), Stubs.MEDIA_ID)));
    eventually(
        () -> genesys.accepted(r -> r.path().contains("/inbound/open/message")).size() > before,
        Duration.ofSeconds(10));
    int sent = meta.accepted(r -> r.path().endsWith("/messages")).size();
    Stubs.postGenesys(
        server.getURL().toString(),
        Stubs.agentText(UUID.randomUUID().toString(), e164, "We will look at it."));
    eventually(
        () -> meta.accepted(r -> r.path().endsWith("/messages")).size() > sent,
        Duration.ofSeconds(10));
  }

  private HttpResponse<String> erase(String id, String token) {
    return send("/admin/customers/default/" + id, token);
  }

  private HttpResponse<String> eraseOn(String connection, String id) {
    return send("/admin/customers/" + connection + "/" + id, TOKEN);
  }

  private HttpResponse<String> send(String path, String token) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(server.getURL() + path))
                  .header("Authorization", "Bearer " + token)
                  .DELETE()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every table and column (text and bytes) holding the digits of {@code number}, as text. */
  private List<String> rowsNaming(String number) throws SQLException {
    List<String> found = new ArrayList<>();
    DataSource dataSource =
        io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
            server.getApplicationContext().getBean(DataSource.class));
    try (Connection connection = dataSource.getConnection()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet results =
          connection.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
        while (results.next()) {
          if ("public".equalsIgnoreCase(results.getString("TABLE_SCHEM"))) {
            tables.add(results.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
          }
        }
      }
      assertThat(tables).contains("conversation", "contact", "delivery", "customer_link");
      for (String table : tables) {
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              int type = rows.getMetaData().getColumnType(i);
              boolean binary =
                  type == java.sql.Types.VARBINARY
                      || type == java.sql.Types.BINARY
                      || type == java.sql.Types.LONGVARBINARY
                      || type == java.sql.Types.BLOB;
              byte[] bytes = binary ? rows.getBytes(i) : null;
              String text = bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
              String asText = rows.getString(i);
              if ((text != null && text.contains(number))
                  || (asText != null && asText.contains(number))) {
                found.add(table + "." + rows.getMetaData().getColumnName(i));
              }
            }
          }
        }
      }
    }
    return found;
  }

  private List<Path> mediaFiles() throws Exception {
    Path media = dataDir.resolve("media");
    if (!Files.exists(media)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(media)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
