package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.application.pipeline.OutboxItem;
import dev.switchboard.domain.delivery.DeliveryStatus;
import dev.switchboard.domain.delivery.StatusReport;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutboxCodecTest {

  private final OutboxCodec codec = new OutboxCodec();

  @Test
  void every_kind_of_outbox_item_comes_back_as_it_was_written() {
    for (OutboxItem item : Samples.items()) {
      assertThat(codec.readItem(codec.write(item))).isEqualTo(item);
    }
  }

  @Test
  void a_status_report_comes_back_as_it_was_written() {
    StatusReport failed = Samples.report("wamid.A", DeliveryStatus.FAILED, Samples.AT);

    assertThat(codec.readReport(codec.write(failed))).isEqualTo(failed);
  }

  @Test
  void every_permitted_subclass_of_every_sealed_type_in_the_items_is_registered() {
    Set<Class<?>> variants = concreteVariantsReachableFrom(OutboxItem.class, StatusReport.class);

    assertThat(variants)
        .as("the walk found the known variants")
        .contains(
            OutboxItem.SendToCustomer.class,
            dev.switchboard.domain.customer.CustomerId.Phone.class,
            dev.switchboard.domain.message.InboundContent.Text.class,
            dev.switchboard.domain.message.OutboundContent.Text.class);
    assertThat(codec.typeIds().keySet()).containsExactlyInAnyOrderElementsOf(variants);
  }

  @Test
  void the_samples_round_trip_every_variant_of_every_sealed_type() {
    Set<Class<?>> used = new HashSet<>();
    Samples.items().forEach(item -> collectRecordTypes(item, used));

    assertThat(used)
        .as("a variant with no sample in Samples.items() is never round-tripped: add one")
        .containsAll(concreteVariantsReachableFrom(OutboxItem.class));
  }

  @Test
  void the_stored_form_names_variants_and_keeps_only_record_components() throws Exception {
    OutboxItem item = Samples.items().get(4);

    JsonNode written = new ObjectMapper().readTree(codec.write(item));

    assertThat(written)
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    """
                    {"@type": "OutboxItem.SendToCustomer",
                     "message": {
                       "contactCenterMessageId": "gen-3",
                       "recipient": {"@type": "CustomerId.Phone", "number": {"e164": "+16505551234"}},
                       "content": {"@type": "OutboundContent.Text", "body": "Sure, what is the number?"}
                     },
                     "businessNumberId": "106540352242922"}
                    """));
  }

  @Test
  void times_keep_their_nanoseconds_as_iso_8601() {
    String json = codec.write(Samples.items().get(0));

    assertThat(json).contains("\"sentAt\":\"2026-03-01T10:15:30.123456789Z\"");
  }

  @Test
  void properties_it_does_not_know_are_ignored() {
    OutboxItem item =
        codec.readItem(
            """
            {"@type": "OutboxItem.SendToCustomer", "addedLater": [1, 2],
             "message": {"contactCenterMessageId": "gen-3", "priority": "high",
               "recipient": {"@type": "CustomerId.Opaque", "userId": "US.1", "x": null},
               "content": {"@type": "OutboundContent.Text", "body": "hi", "template": false}},
             "businessNumberId": null}
            """);

    assertThat(item)
        .isEqualTo(
            new OutboxItem.SendToCustomer(
                new dev.switchboard.domain.message.OutboundMessage(
                    "gen-3",
                    dev.switchboard.domain.customer.CustomerId.opaque("US.1"),
                    new dev.switchboard.domain.message.OutboundContent.Text("hi")),
                null));
  }

  @Test
  void a_variant_it_does_not_know_is_refused() {
    assertThatThrownBy(
            () ->
                codec.readItem(
                    """
                    {"@type": "OutboxItem.ForwardToContactCenter", "message": {
                      "channelMessageId": "wamid.1", "sentAt": "2026-03-01T10:00:00Z",
                      "sender": {"id": {"@type": "CustomerId.Opaque", "userId": "US.1"}},
                      "content": {"@type": "InboundContent.Sticker", "id": "s"}}}
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("InboundContent.Sticker");
  }

  @Test
  void nested_sealed_types_reached_through_lists_and_sub_interfaces_are_registered_without_code() {
    OutboxCodec shapes = new OutboxCodec(List.of(Drawing.class));
    Drawing drawing =
        new Drawing(
            List.of(new Circle(1.5), new Triangle(3, 4, 5), new Square(2)), new Label.Plain("x"));

    assertThat(shapes.typeIds().keySet())
        .containsExactlyInAnyOrder(
            Circle.class, Triangle.class, Square.class, Label.Plain.class, Label.Bold.class);
    assertThat(shapes.read(shapes.write(drawing, Drawing.class), Drawing.class)).isEqualTo(drawing);
  }

  sealed interface Shape permits Circle, Polygon {}

  record Circle(double radius) implements Shape {}

  sealed interface Polygon extends Shape permits Triangle, Square {}

  record Triangle(double a, double b, double c) implements Polygon {}

  record Square(double side) implements Polygon {}

  sealed interface Label permits Label.Plain, Label.Bold {
    record Plain(String text) implements Label {}

    record Bold(String text) implements Label {}
  }

  record Drawing(List<Shape> shapes, Label label) {}

  /** The concrete permitted subclasses of the sealed types reachable from {@code roots}. */
  private static Set<Class<?>> concreteVariantsReachableFrom(Class<?>... roots) {
    Set<Class<?>> variants = new LinkedHashSet<>();
    Set<Type> seen = new HashSet<>();
    for (Class<?> root : roots) {
      walk(root, seen, variants);
    }
    return variants;
  }

  private static void walk(Type type, Set<Type> seen, Set<Class<?>> variants) {
    if (!seen.add(type)) {
      return;
    }
    if (type instanceof ParameterizedType parameterized) {
      for (Type argument : parameterized.getActualTypeArguments()) {
        walk(argument, seen, variants);
      }
      return;
    }
    if (!(type instanceof Class<?> raw)) {
      return;
    }
    if (raw.isSealed()) {
      for (Class<?> variant : raw.getPermittedSubclasses()) {
        if (!variant.isInterface() && !Modifier.isAbstract(variant.getModifiers())) {
          variants.add(variant);
        }
        walk(variant, seen, variants);
      }
    }
    if (raw.isRecord()) {
      for (RecordComponent component : raw.getRecordComponents()) {
        walk(component.getGenericType(), seen, variants);
      }
    }
  }

  /** The record classes in an object graph. */
  private static void collectRecordTypes(Object value, Set<Class<?>> into) {
    if (value instanceof Collection<?> values) {
      values.forEach(element -> collectRecordTypes(element, into));
      return;
    }
    if (value == null || !value.getClass().isRecord()) {
      return;
    }
    into.add(value.getClass());
    for (RecordComponent component : value.getClass().getRecordComponents()) {
      try {
        collectRecordTypes(component.getAccessor().invoke(value), into);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
