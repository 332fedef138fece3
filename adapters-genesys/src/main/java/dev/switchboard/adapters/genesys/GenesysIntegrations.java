package dev.switchboard.adapters.genesys;

import dev.switchboard.adapters.support.Checked;
import dev.switchboard.adapters.support.ConnectionSettings;
import dev.switchboard.domain.channel.ConnectionId;
import io.micronaut.core.value.PropertyResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Open Messaging integrations the bridge serves, one per connection, each with the Genesys org
 * (API host, OAuth client) it lives in and the secret its outbound webhooks are signed with.
 */
public final class GenesysIntegrations {

  /**
   * One integration.
   *
   * @param connection the connection it serves
   * @param settings its org, OAuth client, integration id and webhook secret
   */
  public record Integration(ConnectionId connection, GenesysSettings settings) {
    public Integration {
      Objects.requireNonNull(connection, "connection");
      Objects.requireNonNull(settings, "settings");
      if (isBlank(settings.integrationId()) || isBlank(settings.webhookSecret())) {
        throw new IllegalArgumentException(
            "the integration of connection " + connection + " needs its id and webhook secret");
      }
    }

    /** The integration's id. */
    public String integrationId() {
      return settings.integrationId().strip();
    }

    @Override
    public String toString() {
      return "Integration[" + connection + ", " + settings + "]";
    }
  }

  private final Map<ConnectionId, Integration> byConnection = new LinkedHashMap<>();

  private GenesysIntegrations(List<Integration> integrations) {
    Map<String, Integration> byId = new LinkedHashMap<>();
    for (Integration integration : integrations) {
      if (byConnection.putIfAbsent(integration.connection(), integration) != null) {
        throw new IllegalArgumentException(
            "connection " + integration.connection() + " has two Genesys integrations");
      }
      Integration other = byId.putIfAbsent(integration.integrationId(), integration);
      if (other != null) {
        throw new IllegalArgumentException(
            "connections "
                + other.connection()
                + " and "
                + integration.connection()
                + " both use Genesys integration "
                + integration.integrationId());
      }
    }
  }

  /**
   * The integrations, each serving its connection.
   *
   * @throws IllegalArgumentException when two share an integration id or a connection
   */
  public static GenesysIntegrations of(List<Integration> integrations) {
    return new GenesysIntegrations(List.copyOf(integrations));
  }

  private static final String INTEGRATION_ID = "genesys.integration-id";
  private static final String WEBHOOK_SECRET = "genesys.webhook-secret";
  private static final String CLIENT_ID = "genesys.client-id";
  private static final String CLIENT_SECRET = "genesys.client-secret";
  private static final String API_URL = "genesys.api-url";
  private static final String LOGIN_URL = "genesys.login-url";
  private static final String MEDIA_HOSTS = "switchboard.genesys.media-hosts";

  /**
   * The integrations of every connection: each needs its own {@code genesys.integration-id} and
   * {@code genesys.webhook-secret}, and an OAuth client ({@code genesys.client-id} and {@code
   * client-secret}, its own or the top-level ones); its org is its own {@code genesys.api-url}
   * (else the top-level one) and the login host its own {@code genesys.login-url}, else the one of
   * its own API host, else the top-level one. Attachments come from {@code
   * switchboard.genesys.media-hosts} when it is set, else from the org's download host. Two
   * connections with one integration are a problem naming both.
   */
  public static Checked<GenesysIntegrations> read(
      ConnectionSettings connections, PropertyResolver properties) {
    List<String> missing = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<Integration> integrations = new ArrayList<>();
    Map<String, ConnectionSettings.Connection> byId = new LinkedHashMap<>();
    List<String> mediaHosts = mediaHosts(properties);
    for (ConnectionSettings.Connection connection : connections.all()) {
      Optional<String> integrationId = connections.value(connection, INTEGRATION_ID);
      Optional<String> webhookSecret = connections.value(connection, WEBHOOK_SECRET);
      Optional<String> clientId = connections.valueOrShared(connection, CLIENT_ID);
      Optional<String> clientSecret = connections.valueOrShared(connection, CLIENT_SECRET);
      for (var required :
          List.of(
              Map.entry(CLIENT_ID, clientId),
              Map.entry(CLIENT_SECRET, clientSecret),
              Map.entry(INTEGRATION_ID, integrationId),
              Map.entry(WEBHOOK_SECRET, webhookSecret))) {
        if (required.getValue().isEmpty()) {
          missing.add(connections.property(connection, required.getKey()));
        }
      }
      if (integrationId.isEmpty()
          || webhookSecret.isEmpty()
          || clientId.isEmpty()
          || clientSecret.isEmpty()) {
        continue;
      }
      Optional<String> ownApi = connections.value(connection, API_URL);
      String apiUrl = ownApi.or(() -> connections.valueOrShared(connection, API_URL)).orElse(null);
      String loginUrl =
          connections
              .value(connection, LOGIN_URL)
              .or(() -> ownApi.isPresent() ? Optional.empty() : shared(connections, LOGIN_URL))
              .orElse(null);
      GenesysSettings settings;
      try {
        settings =
            new GenesysSettings(
                apiUrl,
                loginUrl,
                clientId.get(),
                clientSecret.get(),
                integrationId.get(),
                webhookSecret.get(),
                mediaHosts);
      } catch (IllegalArgumentException badUrl) {
        problems.add(
            connections.property(
                    connection, ownApi.isPresent() || loginUrl == null ? API_URL : LOGIN_URL)
                + " must be an absolute http(s) URL");
        continue;
      }
      ConnectionSettings.Connection other = byId.putIfAbsent(integrationId.get(), connection);
      if (other != null) {
        problems.add(
            connections.property(other, INTEGRATION_ID)
                + " and "
                + connections.property(connection, INTEGRATION_ID)
                + " are the same integration ("
                + integrationId.get()
                + "): two connections cannot share one");
        continue;
      }
      integrations.add(new Integration(connection.name(), settings));
    }
    return new Checked<>(of(integrations), missing, problems);
  }

  private static Optional<String> shared(ConnectionSettings connections, String key) {
    return connections.topLevel(ConnectionSettings.shared(key));
  }

  private static List<String> mediaHosts(PropertyResolver properties) {
    List<String> hosts = new ArrayList<>();
    if (properties.containsProperty(MEDIA_HOSTS)) {
      for (Object host : properties.getProperty(MEDIA_HOSTS, List.class).orElse(List.of())) {
        if (host != null && !host.toString().isBlank()) {
          hosts.add(host.toString().strip());
        }
      }
    }
    return hosts;
  }

  /** The integration of a connection. */
  public Optional<Integration> of(ConnectionId connection) {
    return Optional.ofNullable(byConnection.get(connection));
  }

  /** Every integration, in the order given. */
  public List<Integration> all() {
    return List.copyOf(byConnection.values());
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
