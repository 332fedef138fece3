package dev.switchboard.adapters.whatsapp;

import dev.switchboard.adapters.whatsapp.api.GraphError;
import dev.switchboard.adapters.whatsapp.api.WebhookContact;
import dev.switchboard.adapters.whatsapp.api.WebhookMessage;
import dev.switchboard.adapters.whatsapp.api.WebhookStatus;
import dev.switchboard.adapters.whatsapp.api.WebhookSystem;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.Decoded;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.application.port.out.WebhookDecoder;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.customer.CustomerId;
import dev.switchboard.domain.customer.PhoneNumber;
import dev.switchboard.domain.customer.ReplyRoute;
import dev.switchboard.domain.delivery.DeliveryFailure;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.FailureReason;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.Customer;
import dev.switchboard.domain.message.InboundMessage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes Meta's WhatsApp webhooks ({@code object: whatsapp_business_account}) leniently.
 *
 * <p>The body is read as a JSON tree first, then every item of every {@code entry[]}, {@code
 * changes[]} (field {@code messages}; other fields are ignored), {@code messages[]} and {@code
 * statuses[]} on its own, so that one malformed item never spoils the others: it becomes a problem,
 * the rest is still decoded. Unknown fields and unknown message types never fail: what each type
 * shows the agent is {@link InboundContentRendering}'s.
 *
 * <p>Statuses: {@code sent}, {@code delivered}, {@code read} and {@code failed} map to the delivery
 * states of the same names; {@code played} (a voice message was played) counts as {@code read}; any
 * other status (e.g. {@code deleted}, {@code warning}) says nothing about delivery and is ignored.
 *
 * <p>Each change is routed to a connection by the business number it names ({@code
 * metadata.phone_number_id}); a change for a number no connection serves, or one without a number,
 * is a problem naming it, so that its webhook goes to the dead letters (and can be replayed once a
 * connection serves the number).
 *
 * <p>The sender is relayed, never second-guessed: the phone number ({@code from}, a {@code wa_id})
 * as {@code +} and its digits whatever libphonenumber thinks of it (Mexico's legacy {@code 521}
 * form as {@code +52}), else the business-scoped user id. The other ids the message names the
 * customer by (the user id beside the number, a changed number's new values) go with the event, so
 * that the core keeps them one participant. The reply route is the {@code wa_id} exactly as
 * WhatsApp gave it, which sends go to. Messages and statuses of WhatsApp groups ({@code group_id},
 * {@code recipient_type: group}) are ignored: the bridge serves one-to-one conversations.
 *
 * <p>Problems describe the fault and where it is (with the wamid or the business number), never a
 * message's text or a customer's phone number.
 */
@Singleton
public final class WhatsAppWebhookDecoder implements WebhookDecoder {

  private static final String BUSINESS_ACCOUNT = "whatsapp_business_account";
  private static final long LATEST_EPOCH_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

  private static final String CHANGED_NUMBER = "user_changed_number";
  private static final String CHANGED_USER_ID = "user_changed_user_id";

  /** The name of the webhooks this decodes. */
  public static final String SOURCE = "whatsapp";

  private final JsonMapper json;
  private final WhatsAppAccounts accounts;
  private final InboundContentRendering rendering;

  public WhatsAppWebhookDecoder(JsonMapper json, WhatsAppAccounts accounts) {
    this.json = Objects.requireNonNull(json, "json");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.rendering = new InboundContentRendering(json);
  }

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public Decoded decode(WebhookSource source, byte[] body) {
    JsonNode root;
    try {
      root = json.readValue(body, JsonNode.class);
    } catch (IOException | RuntimeException notJson) {
      return Decoded.unusable("the body is not JSON");
    }
    if (root == null || !root.isObject()) {
      return Decoded.unusable("the body is not a JSON object");
    }
    JsonNode object = root.get("object");
    if (object == null || !object.isString() || !BUSINESS_ACCOUNT.equals(object.getStringValue())) {
      return Decoded.unusable(
          "not a WhatsApp Business Account webhook: object is " + describe(object));
    }
    Batch batch = new Batch();
    for (Item entry : items(root, "entry", "entry", batch)) {
      for (Item change : items(entry.node(), "changes", entry.path() + ".changes", batch)) {
        decodeChange(change, batch);
      }
    }
    return new Decoded(batch.events, batch.problems);
  }

  private void decodeChange(Item change, Batch batch) {
    JsonNode field = change.node().get("field");
    if (field == null || !field.isString() || !"messages".equals(field.getStringValue())) {
      return; // account updates, template status and the like: not for the bridge
    }
    JsonNode value = change.node().get("value");
    if (value == null || !value.isObject()) {
      batch.problem(change.path() + ".value is missing or not an object");
      return;
    }
    String path = change.path() + ".value";
    String businessNumberId = string(value.get("metadata"), "phone_number_id");
    if (businessNumberId == null) {
      batch.problem(path + ".metadata.phone_number_id is missing: no connection to route it to");
      return;
    }
    Optional<WhatsAppAccounts.Account> account = accounts.ofNumber(businessNumberId);
    if (account.isEmpty()) {
      batch.problem(path + ": no connection serves phone number id " + printable(businessNumberId));
      return;
    }
    ConnectionId connection = account.get().connection();
    List<WebhookContact> contacts = contacts(value.get("contacts"));
    for (Item message : items(value, "messages", path + ".messages", batch)) {
      decodeMessage(message, contacts, connection, batch);
    }
    for (Item status : items(value, "statuses", path + ".statuses", batch)) {
      decodeStatus(status, connection, batch);
    }
  }

  /** A business number as given, if it looks like one; else only that it does not. */
  private static String printable(String phoneNumberId) {
    return phoneNumberId.matches("[0-9]{1,32}") ? phoneNumberId : "(not a number id)";
  }

  private void decodeMessage(
      Item item, List<WebhookContact> contacts, ConnectionId connection, Batch batch) {
    if (ofAGroup(item.node())) {
      return; // the bridge serves one-to-one conversations
    }
    WebhookMessage message = read(item, WebhookMessage.class, batch);
    if (message == null) {
      return;
    }
    if (isBlank(message.id())) {
      batch.problem(item.path() + ": a message without an id");
      return;
    }
    String where = item.path() + " (" + message.id() + ")";
    try {
      Sender sender = sender(message, contacts, item.node());
      Instant sentAt = epochSeconds(message.timestamp());
      InboundContentRendering.Rendered rendered = rendering.render(message, item.node());
      Customer customer = new Customer(sender.id(), displayName(contacts, message));
      batch.events.add(
          new ChannelEvent.CustomerMessage(
              connection,
              new InboundMessage(
                  message.id(),
                  customer,
                  sender.route(),
                  sentAt,
                  rendered.content(),
                  rendered.metadata()),
              null,
              sender.otherIds()));
    } catch (IllegalArgumentException unusable) {
      batch.problem(where + ": " + unusable.getMessage());
    }
  }

  private void decodeStatus(Item item, ConnectionId connection, Batch batch) {
    if (ofAGroup(item.node())) {
      return; // a status of a message sent to a group: the bridge sends none
    }
    WebhookStatus status = read(item, WebhookStatus.class, batch);
    if (status == null) {
      return;
    }
    if (isBlank(status.id())) {
      batch.problem(item.path() + ": a status without an id");
      return;
    }
    String where = item.path() + " (" + status.id() + ")";
    if (isBlank(status.status())) {
      batch.problem(where + ": a status without a status");
      return;
    }
    DeliveryStatus reported = deliveryStatus(status.status());
    if (reported == null) {
      return; // a status that says nothing about delivery
    }
    try {
      CustomerId recipient = recipient(status);
      Instant at = epochSeconds(status.timestamp());
      List<DeliveryFailure> failures =
          reported == DeliveryStatus.FAILED ? failures(status.errors()) : List.of();
      batch.events.add(
          new ChannelEvent.StatusReported(
              connection, new StatusReport(status.id(), recipient, reported, at, failures)));
    } catch (IllegalArgumentException unusable) {
      batch.problem(where + ": " + unusable.getMessage());
    }
  }

  private <T> @Nullable T read(Item item, Class<T> type, Batch batch) {
    if (!item.node().isObject()) {
      batch.problem(item.path() + " is not an object");
      return null;
    }
    try {
      return json.readValueFromTree(item.node(), type);
    } catch (IOException | RuntimeException e) {
      // the exception's message may quote the payload: name only its kind
      batch.problem(
          item.path() + " has fields of the wrong shape (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }

  private List<WebhookContact> contacts(@Nullable JsonNode node) {
    List<WebhookContact> contacts = new ArrayList<>();
    if (node == null || !node.isArray()) {
      return contacts;
    }
    for (JsonNode contact : node.values()) {
      try {
        if (contact.isObject()) {
          contacts.add(json.readValueFromTree(contact, WebhookContact.class));
        }
      } catch (IOException | RuntimeException ignored) {
        // a contact only lends its profile name: without it the message still goes through
      }
    }
    return contacts;
  }

  /** Whether a message or status belongs to a WhatsApp group rather than a one-to-one chat. */
  private static boolean ofAGroup(JsonNode item) {
    return string(item, "group_id") != null || "group".equals(string(item, "recipient_type"));
  }

  /**
   * Who wrote, and how to answer them.
   *
   * @param id the id the message comes from: the phone number when one is given, else the user id
   * @param otherIds the other ids the message names the customer by: the user id beside the phone
   *     number, a changed number's or user id's new value
   * @param route the phone number exactly as WhatsApp gave it (the changed number's new one), which
   *     sends go to; {@code null} when no number is given
   */
  private record Sender(CustomerId id, List<CustomerId> otherIds, @Nullable ReplyRoute route) {}

  /**
   * The sender: the phone number ({@code from}) when given, else the business-scoped user id, which
   * comes from {@code from_user_id}, else from {@code contacts[].user_id} of the contact with the
   * same {@code wa_id}, else of the change's only contact. A system message that reports a changed
   * number or user id names the new one too.
   */
  private Sender sender(WebhookMessage message, List<WebhookContact> contacts, JsonNode item) {
    String waId = isBlank(message.from()) ? null : message.from().strip();
    String userId = userId(message, contacts, waId);
    List<CustomerId> ids = new ArrayList<>();
    if (waId != null) {
      ids.add(phone(waId, "the sender (from)"));
    }
    if (userId != null) {
      ids.add(CustomerId.opaque(userId));
    }
    WebhookSystem system = "system".equals(message.type()) ? system(item) : null;
    String route = waId;
    if (system != null) {
      if (ids.isEmpty() && !isBlank(system.previousUserId())) {
        ids.add(CustomerId.opaque(system.previousUserId().strip()));
      }
      if (CHANGED_NUMBER.equals(system.type()) && !isBlank(system.newPhone())) {
        route = system.newPhone().strip();
        ids.add(phone(route, "the new number (system.wa_id)"));
      }
      if ((CHANGED_NUMBER.equals(system.type()) || CHANGED_USER_ID.equals(system.type()))
          && !isBlank(system.userId())) {
        ids.add(CustomerId.opaque(system.userId().strip()));
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(
          "a message without a sender (no from, no from_user_id, no contact's user_id)");
    }
    return new Sender(
        ids.get(0), ids.subList(1, ids.size()), route == null ? null : new ReplyRoute(route));
  }

  private static @Nullable String userId(
      WebhookMessage message, List<WebhookContact> contacts, @Nullable String waId) {
    if (!isBlank(message.fromUserId())) {
      return message.fromUserId().strip();
    }
    for (WebhookContact contact : contacts) {
      if (waId != null && waId.equals(contact.waId()) && !isBlank(contact.userId())) {
        return contact.userId().strip();
      }
    }
    if (contacts.size() == 1) {
      WebhookContact only = contacts.get(0);
      boolean sameSender = waId == null || isBlank(only.waId()) || waId.equals(only.waId());
      return sameSender && !isBlank(only.userId()) ? only.userId().strip() : null;
    }
    return null;
  }

  private @Nullable WebhookSystem system(JsonNode item) {
    JsonNode node = item.get("system");
    if (node == null || !node.isObject()) {
      return null;
    }
    try {
      return json.readValueFromTree(node, WebhookSystem.class);
    } catch (IOException | RuntimeException wrongShape) {
      return null; // shown as a notice all the same; only the new id is not linked
    }
  }

  private static CustomerId recipient(WebhookStatus status) {
    if (!isBlank(status.recipientId())) {
      return phone(status.recipientId(), "the recipient (recipient_id)");
    }
    if (!isBlank(status.recipientUserId())) {
      return CustomerId.opaque(status.recipientUserId().strip());
    }
    throw new IllegalArgumentException(
        "a status without a recipient (no recipient_id, no recipient_user_id)");
  }

  /** A number as WhatsApp gives it, relayed rather than second-guessed. */
  private static CustomerId phone(String raw, String what) {
    try {
      return new CustomerId.Phone(PhoneNumber.relayed(raw));
    } catch (IllegalArgumentException e) {
      // the domain's message masks the number; still, say only how long it was
      throw new IllegalArgumentException(
          what + " is not a phone number (" + raw.length() + " characters)", e);
    }
  }

  private static @Nullable String displayName(
      List<WebhookContact> contacts, WebhookMessage message) {
    for (WebhookContact contact : contacts) {
      boolean samePhone = !isBlank(message.from()) && message.from().equals(contact.waId());
      boolean sameUser =
          !isBlank(message.fromUserId()) && message.fromUserId().equals(contact.userId());
      if (samePhone || sameUser) {
        return contact.name();
      }
    }
    return contacts.size() == 1 ? contacts.get(0).name() : null;
  }

  private static @Nullable DeliveryStatus deliveryStatus(String status) {
    switch (status) {
      case "sent":
        return DeliveryStatus.SENT;
      case "delivered":
        return DeliveryStatus.DELIVERED;
      case "read":
      case "played":
        return DeliveryStatus.READ;
      case "failed":
        return DeliveryStatus.FAILED;
      default:
        return null;
    }
  }

  private static List<DeliveryFailure> failures(@Nullable List<GraphError> errors) {
    List<DeliveryFailure> failures = new ArrayList<>();
    if (errors != null) {
      errors.stream()
          .filter(Objects::nonNull)
          .map(WhatsAppErrorCodes::failureOf)
          .forEach(failures::add);
    }
    if (failures.isEmpty()) {
      failures.add(
          new DeliveryFailure(
              FailureReason.GENERAL_ERROR,
              "WhatsApp reported the message as failed, without a reason"));
    }
    return failures;
  }

  private static Instant epochSeconds(@Nullable String timestamp) {
    if (isBlank(timestamp)) {
      throw new IllegalArgumentException("no timestamp");
    }
    try {
      long seconds = Long.parseLong(timestamp.strip());
      if (seconds <= 0 || seconds > LATEST_EPOCH_SECOND) {
        throw new IllegalArgumentException("the timestamp is out of range");
      }
      return Instant.ofEpochSecond(seconds);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the timestamp is not a number of seconds", e);
    }
  }

  /** The items of an array field; a field that is there but is no array is a problem. */
  private static List<Item> items(JsonNode parent, String field, String path, Batch batch) {
    JsonNode array = parent.get(field);
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      batch.problem(path + " is not an array");
      return List.of();
    }
    List<Item> items = new ArrayList<>(array.size());
    int index = 0;
    for (JsonNode node : array.values()) {
      Item item = new Item(path + "[" + index++ + "]", node);
      if (field.equals("entry") || field.equals("changes")) {
        if (!node.isObject()) {
          batch.problem(item.path() + " is not an object");
          continue;
        }
      }
      items.add(item);
    }
    return items;
  }

  private static @Nullable String string(@Nullable JsonNode object, String field) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode value = object.get(field);
    return value != null && value.isString() && !value.getStringValue().isBlank()
        ? value.getStringValue()
        : null;
  }

  /** A JSON value named for a problem: short plain words as they are, anything else by kind. */
  private static String describe(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return "missing";
    }
    if (node.isString() && node.getStringValue().matches("[A-Za-z0-9_]{1,40}")) {
      return "'" + node.getStringValue() + "'";
    }
    return "not a short word";
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  private record Item(String path, JsonNode node) {}

  /** What the items of one body add up to. */
  private static final class Batch {
    final List<ChannelEvent> events = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    void problem(String problem) {
      problems.add(problem);
    }
  }
}
