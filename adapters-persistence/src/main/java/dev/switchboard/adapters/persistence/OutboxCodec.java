package dev.switchboard.adapters.persistence;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchboard.application.pipeline.ChannelEvent;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.domain.channel.ConnectionId;
import dev.switchboard.domain.delivery.StatusReport;
import dev.switchboard.domain.message.QuickReply;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes outbox items, held status reports, a delivery's offered quick replies and the channel
 * events queued between instances as JSON and reads them back, without a single annotation on the
 * domain and application types.
 *
 * <p>The types are records and sealed interfaces. The codec walks them once, from {@link
 * OutboxItem}, {@link StatusReport} and {@link ChannelEvent} through record components (and their
 * type arguments) and {@link Class#getPermittedSubclasses() permitted subclasses}, recursively:
 * every sealed type it meets gets an {@code "@type"} property, and every concrete permitted
 * subclass is registered under its name without the package ({@code "InboundContent.Text"}). A new
 * variant of a sealed type is therefore picked up without touching the codec. Properties are the
 * records' components (read from their fields; methods such as {@code OutboundContent.isTemplate()}
 * are ignored), times are ISO-8601, and unknown properties are ignored so that rows written by an
 * older version stay readable. A property added later reads as its absent value ({@code null}, an
 * empty map, {@code false}), except two: {@code SendToCustomer.finalPart} reads as {@code true} (a
 * send written before messages could take several sends was its message's only one), and the {@code
 * connection} of an outbox item or a channel event reads as {@code default} (what was written
 * before there were connections belongs to the connection the top-level settings describe).
 * Properties dropped since (such as the business number of a send) are ignored.
 *
 * <p>Public because {@code adapters-rabbitmq} writes the events it queues in the same form.
 */
@Singleton
public final class OutboxCodec {

  /** The property that names the variant of a sealed type. */
  public static final String TYPE_PROPERTY = "@type";

  private static final List<Class<?>> ROOTS =
      List.of(OutboxItem.class, StatusReport.class, ChannelEvent.class);
  private static final String FINAL_PART = "finalPart";
  private static final String CONNECTION = "connection";

  private final Map<Class<?>, String> typeIds;
  private final ObjectMapper mapper;
  private final ObjectWriter itemWriter;
  private final ObjectReader itemReader;
  private final ObjectWriter reportWriter;
  private final ObjectReader reportReader;
  private final ObjectWriter repliesWriter;
  private final ObjectWriter eventWriter;
  private final ObjectReader eventReader;
  private final ObjectWriter eventsWriter;
  private final ObjectReader eventsReader;
  private final String sendToCustomer;
  private final ObjectReader repliesReader;
  private final ThreadLocal<Written> lastWritten = new ThreadLocal<>();

  @Inject
  public OutboxCodec() {
    this(ROOTS);
  }

  /** A codec for the types reachable from {@code roots}. */
  OutboxCodec(List<Class<?>> roots) {
    SealedTypes types = new SealedTypes();
    roots.forEach(types::visit);
    this.typeIds = Collections.unmodifiableMap(types.typeIds);
    this.sendToCustomer = typeIds.getOrDefault(OutboxItem.SendToCustomer.class, "");
    ObjectMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .visibility(PropertyAccessor.GETTER, Visibility.NONE)
            .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
            .visibility(PropertyAccessor.SETTER, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .build();
    types.sealed.forEach(type -> mapper.addMixIn(type, SealedTypeMixin.class));
    typeIds.forEach((type, id) -> mapper.registerSubtypes(new NamedType(type, id)));
    this.mapper = mapper;
    this.itemWriter = mapper.writerFor(OutboxItem.class);
    this.itemReader = mapper.readerFor(OutboxItem.class);
    this.reportWriter = mapper.writerFor(StatusReport.class);
    this.reportReader = mapper.readerFor(StatusReport.class);
    TypeReference<List<QuickReply>> replies = new TypeReference<>() {};
    this.repliesWriter = mapper.writerFor(replies);
    this.repliesReader = mapper.readerFor(replies);
    this.eventWriter = mapper.writerFor(ChannelEvent.class);
    this.eventReader = mapper.readerFor(ChannelEvent.class);
    TypeReference<List<ChannelEvent>> events = new TypeReference<>() {};
    this.eventsWriter = mapper.writerFor(events);
    this.eventsReader = mapper.readerFor(events);
  }

  /**
   * The item as JSON. The same item written again on the same thread is not written twice: a
   * forwarded message is both enqueued and kept until the contact center reports on it.
   */
  public String write(OutboxItem item) {
    Written last = lastWritten.get();
    if (last != null && last.item() == item) {
      return last.json();
    }
    String json = write(itemWriter, item);
    lastWritten.set(new Written(item, json));
    return json;
  }

  /** The item a thread wrote last, and its JSON. */
  private record Written(OutboxItem item, String json) {}

  /**
   * The item a JSON document describes.
   *
   * @throws IllegalArgumentException when it does not describe one
   */
  public OutboxItem readItem(String json) {
    OutboxItem direct = direct(itemReader, json);
    if (direct != null && !(direct instanceof OutboxItem.SendToCustomer)) {
      return direct; // a send's finalPart may be absent, which reads as false here: see below
    }
    JsonNode tree = tree(json);
    if (tree instanceof ObjectNode item
        && sendToCustomer.equals(item.path(TYPE_PROPERTY).asText())
        && !item.has(FINAL_PART)) {
      // written before a message could take several sends: it was its message's only send
      item.put(FINAL_PART, true);
    }
    onDefaultConnectionIfNone(tree);
    try {
      return itemReader.readValue(tree);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** An item or event written before there were connections belongs to the default one. */
  private static void onDefaultConnectionIfNone(JsonNode tree) {
    if (tree instanceof ObjectNode object && !object.has(CONNECTION)) {
      object.putObject(CONNECTION).put("value", ConnectionId.DEFAULT.value());
    }
  }

  private JsonNode tree(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw unreadable(e);
    }
  }

  /** The report as JSON. */
  public String write(StatusReport report) {
    return write(reportWriter, report);
  }

  /**
   * The status report a JSON document describes.
   *
   * @throws IllegalArgumentException when it does not describe one
   */
  public StatusReport readReport(String json) {
    return read(reportReader, json);
  }

  /** The quick replies as a JSON array, in order. */
  public String writeReplies(List<QuickReply> replies) {
    return write(repliesWriter, replies);
  }

  /**
   * The quick replies a JSON array describes, in order; none for SQL NULL.
   *
   * @throws IllegalArgumentException when it does not describe them
   */
  public List<QuickReply> readReplies(String json) {
    if (json == null) {
      return List.of();
    }
    List<QuickReply> replies = read(repliesReader, json);
    return replies == null ? List.of() : List.copyOf(replies);
  }

  /** The event as JSON; it begins with its {@value #TYPE_PROPERTY} property. */
  public String write(ChannelEvent event) {
    return write(eventWriter, event);
  }

  /**
   * The channel event a JSON document describes.
   *
   * @throws IllegalArgumentException when it does not describe one
   */
  public ChannelEvent readEvent(String json) {
    ChannelEvent direct = direct(eventReader, json);
    if (direct != null) {
      return direct;
    }
    JsonNode tree = tree(json);
    onDefaultConnectionIfNone(tree);
    ChannelEvent event;
    try {
      event = eventReader.readValue(tree);
    } catch (IOException e) {
      throw unreadable(e);
    }
    if (event == null) {
      throw new IllegalArgumentException("unreadable JSON: null is no channel event");
    }
    return event;
  }

  /** The events as a JSON array, in order. */
  public String writeEvents(List<ChannelEvent> events) {
    return write(eventsWriter, events);
  }

  /**
   * The channel events a JSON array describes, in order.
   *
   * @throws IllegalArgumentException when it does not describe them
   */
  public List<ChannelEvent> readEvents(String json) {
    List<ChannelEvent> direct = direct(eventsReader, json);
    if (direct != null && !direct.contains(null)) {
      return List.copyOf(direct);
    }
    JsonNode tree = tree(json);
    if (tree != null && tree.isArray()) {
      tree.forEach(OutboxCodec::onDefaultConnectionIfNone);
    }
    List<ChannelEvent> events;
    try {
      events = eventsReader.readValue(tree);
    } catch (IOException e) {
      throw unreadable(e);
    }
    if (events == null || events.contains(null)) {
      throw new IllegalArgumentException("unreadable JSON: null is no channel event");
    }
    return List.copyOf(events);
  }

  /** Every concrete variant of a sealed type the codec knows, with the id it is written under. */
  public Map<Class<?>, String> typeIds() {
    return typeIds;
  }

  /**
   * The value {@code json} describes, read straight into its classes; {@code null} when that fails
   * (or it is JSON {@code null}): then it is read again through a tree, which can fill in what
   * earlier versions did not write (a connection, say) and tells what cannot be read at all.
   * Reading straight costs half as much, and is what nearly every document needs.
   */
  private static <T> T direct(ObjectReader reader, String json) {
    try {
      return reader.readValue(json);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** {@code value} as JSON, written as a {@code type}. */
  String write(Object value, Class<?> type) {
    return write(mapper.writerFor(type), value);
  }

  /** The {@code type} a JSON document describes. */
  <T> T read(String json, Class<T> type) {
    return read(mapper.readerFor(type), json);
  }

  private static String write(ObjectWriter writer, Object value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private static <T> T read(ObjectReader reader, String json) {
    try {
      return reader.readValue(json);
    } catch (JsonProcessingException e) {
      throw unreadable(e);
    }
  }

  private static IllegalArgumentException unreadable(IOException e) {
    // the message names what is wrong, not the document, which may carry a message's text
    String why =
        e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.toString();
    return new IllegalArgumentException("unreadable JSON: " + why, e);
  }

  /** The annotation every sealed type gets through a mix-in. */
  @JsonTypeInfo(
      use = JsonTypeInfo.Id.NAME,
      include = JsonTypeInfo.As.PROPERTY,
      property = TYPE_PROPERTY)
  private interface SealedTypeMixin {}

  /** The sealed types reachable from the roots, and their concrete variants. */
  private static final class SealedTypes {
    final Set<Class<?>> sealed = new LinkedHashSet<>();
    final Map<Class<?>, String> typeIds = new LinkedHashMap<>();
    private final Map<String, Class<?>> byId = new HashMap<>();
    private final Set<Class<?>> seen = new HashSet<>();

    void visit(Type type) {
      if (type instanceof ParameterizedType parameterized) {
        visit(parameterized.getRawType());
        for (Type argument : parameterized.getActualTypeArguments()) {
          visit(argument);
        }
      } else if (type instanceof WildcardType wildcard) {
        for (Type bound : wildcard.getUpperBounds()) {
          visit(bound);
        }
      } else if (type instanceof GenericArrayType array) {
        visit(array.getGenericComponentType());
      } else if (type instanceof Class<?> raw) {
        visitClass(raw);
      }
    }

    private void visitClass(Class<?> type) {
      if (type.isArray()) {
        visit(type.getComponentType());
        return;
      }
      if (type.isPrimitive() || type.getName().startsWith("java.") || !seen.add(type)) {
        return;
      }
      if (type.isSealed()) {
        sealed.add(type);
        for (Class<?> variant : type.getPermittedSubclasses()) {
          if (!variant.isInterface() && !Modifier.isAbstract(variant.getModifiers())) {
            register(variant);
          }
          visit(variant);
        }
      }
      if (type.isRecord()) {
        for (RecordComponent component : type.getRecordComponents()) {
          visit(component.getGenericType());
        }
      }
    }

    private void register(Class<?> variant) {
      String packageName = variant.getPackageName();
      String id = variant.getName().substring(packageName.length() + 1).replace('$', '.');
      Class<?> other = byId.putIfAbsent(id, variant);
      if (other != null && other != variant) {
        throw new IllegalStateException(
            "two variants are both named "
                + id
                + ": "
                + other.getName()
                + ", "
                + variant.getName());
      }
      typeIds.put(variant, id);
    }
  }
}
