package dev.switchboard.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import dev.switchboard.domain.channel.ConnectionId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox journal's files: numbering, reading, recovery after a crash, segments. */
class InboxJournalTest {

  private static final WebhookSource WHATSAPP = WebhookSource.of("whatsapp");
  private static final WebhookSource GENESYS = WebhookSource.of("genesys", ConnectionId.DEFAULT);

  private static final Instant AT = Instant.parse("2026-03-01T09:00:00.123456789Z");

  @TempDir Path dir;

  @Test
  void records_come_back_as_appended_numbered_from_one() {
    try (InboxJournal journal = InboxJournal.open(dir, 0, InboxJournal.SEGMENT_BYTES)) {
      journal.append(List.of(webhook(WHATSAPP, "one"), webhook(GENESYS, "two")));
      journal.append(List.of(webhook(WHATSAPP, "three")));

      List<InboxJournal.Entry> read = journal.read(1, 10);

      assertThat(read).extracting(InboxJournal.Entry::seq).containsExactly(1L, 2L, 3L);
      assertThat(read).extracting(e -> body(e.webhook())).containsExactly("one", "two", "three");
      assertThat(read)
          .extracting(e -> e.webhook().source())
          .containsExactly(WHATSAPP, GENESYS, WHATSAPP);
      assertThat(read).extracting(e -> e.webhook().receivedAt()).containsOnly(AT);
      assertThat(journal.lastWritten()).isEqualTo(3);
      assertThat(journal.read(2, 1)).extracting(InboxJournal.Entry::seq).containsExactly(2L);
      assertThat(journal.read(4, 10)).isEmpty();
    }
  }

  @Test
  void the_numbering_and_the_records_survive_reopening() {
    try (InboxJournal journal = InboxJournal.open(dir, 0, InboxJournal.SEGMENT_BYTES)) {
      journal.append(List.of(webhook(WHATSAPP, "one"), webhook(WHATSAPP, "two")));
    }
    try (InboxJournal journal = InboxJournal.open(dir, 0, InboxJournal.SEGMENT_BYTES)) {
      journal.append(List.of(webhook(WHATSAPP, "three")));

      assertThat(journal.read(1, 10))
          .extracting(e -> e.seq() + ":" + body(e.webhook()))
          .containsExactly("1:one", "2:two", "3:three");
    }
  }

  @Test
  void a_write_cut_short_by_a_crash_is_dropped_and_numbering_goes_on_after_the_last_whole_record()
      throws IOException {
    try (InboxJournal journal = InboxJournal.open(dir, 0, InboxJournal.SEGMENT_BYTES)) {
      journal.append(List.of(webhook(WHATSAPP, "one"), webhook(WHATSAPP, "two")));
    }
    Path segment = onlySegment();
    long whole = Files.size(segment);
    // the first half of a third record: what a process killed in the middle of a write leaves
    try (InboxJournal other = InboxJournal.open(Files.createTempDirectory(dir, "x"), 2, 1 << 20)) {
      other.append(List.of(webhook(WHATSAPP, "three, never acknowledged")));
      byte[] third = Files.readAllBytes(other.segmentFiles().get(0));
      byte[] half = new byte[(third.length - InboxJournal.MAGIC.length) / 2];
      System.arraycopy(third, InboxJournal.MAGIC.length, half, 0, half.length);
      Files.write(segment, half, StandardOpenOption.APPEND);
    }

    try (InboxJournal journal = InboxJournal.open(dir, 0, InboxJournal.SEGMENT_BYTES)) {
      assertThat(Files.size(segment)).isEqualTo(whole);
      assertThat(journal.lastWritten()).isEqualTo(2);
      journal.append(List.of(webhook(WHATSAPP, "three")));

      assertThat(journal.read(1, 10))
          .extracting(e -> e.seq() + ":" + body(e.webhook()))
          .containsExactly("1:one", "2:two", "3:three");
    }
  }

  @Test
  void a_damaged_last_record_is_dropped_on_opening() throws IOException {
    try (InboxJournal journal = InboxJournal.open(dir, 0, InboxJournal.SEGMENT_BYTES)) {
      journal.append(List.of(webhook(WHATSAPP, "one")));
      journal.append(List.of(webhook(WHATSAPP, "two")));
    }
    Path segment = onlySegment();
    try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      file.write(
          ByteBuffer.wrap(new byte[] {'X'}), Files.size(segment) - 1); // the body's last byte
    }

    try (InboxJournal journal = InboxJournal.open(dir, 0, InboxJournal.SEGMENT_BYTES)) {
      assertThat(journal.read(1, 10)).extracting(e -> body(e.webhook())).containsExactly("one");
      assertThat(journal.lastWritten()).isEqualTo(1);
    }
  }

  @Test
  void full_segments_are_rolled_and_deleted_once_processed_but_never_the_last() {
    int size = 600; // a few records per segment
    try (InboxJournal journal = InboxJournal.open(dir, 0, size)) {
      for (int i = 1; i <= 20; i++) {
        journal.append(List.of(webhook(WHATSAPP, "message " + i + " " + "x".repeat(100))));
      }
      int segments = journal.segmentFiles().size();
      assertThat(segments).isGreaterThan(3);

      // reading from the middle of a later segment finds the record by its number
      assertThat(journal.read(17, 2)).extracting(InboxJournal.Entry::seq).containsExactly(17L, 18L);

      journal.forgetThrough(10);
      assertThat(journal.segmentFiles()).hasSizeBetween(2, segments - 1);
      assertThat(journal.read(11, 100))
          .extracting(InboxJournal.Entry::seq)
          .containsExactlyElementsOf(
              IntStream.rangeClosed(11, 20).mapToObj(i -> (long) i).toList());

      journal.forgetThrough(20);
      assertThat(journal.segmentFiles()).hasSize(1);
      assertThat(journal.lastWritten()).isEqualTo(20);
    }
    try (InboxJournal journal = InboxJournal.open(dir, 20, size)) {
      journal.append(List.of(webhook(WHATSAPP, "twenty-one")));
      assertThat(journal.read(21, 10)).extracting(InboxJournal.Entry::seq).containsExactly(21L);
    }
  }

  @Test
  void reading_from_before_the_oldest_kept_record_starts_at_the_oldest_kept_record() {
    try (InboxJournal journal = InboxJournal.open(dir, 0, 300)) {
      for (int i = 1; i <= 8; i++) {
        journal.append(List.of(webhook(WHATSAPP, "m" + i + "y".repeat(120))));
      }
      journal.forgetThrough(5);
      long oldest = journal.read(1, 1).get(0).seq();

      assertThat(oldest).isGreaterThan(1).isLessThanOrEqualTo(6);
    }
  }

  @Test
  void numbering_continues_after_the_processed_position_when_the_files_are_gone()
      throws IOException {
    try (InboxJournal journal = InboxJournal.open(dir, 0, InboxJournal.SEGMENT_BYTES)) {
      journal.append(List.of(webhook(WHATSAPP, "one")));
    }
    Files.delete(onlySegment());

    try (InboxJournal journal = InboxJournal.open(dir, 41, InboxJournal.SEGMENT_BYTES)) {
      assertThat(journal.lastWritten()).isEqualTo(41);
      journal.append(List.of(webhook(WHATSAPP, "forty-two")));

      assertThat(journal.read(42, 10))
          .extracting(e -> e.seq() + ":" + body(e.webhook()))
          .containsExactly("42:forty-two");
    }
  }

  @Test
  void numbering_continues_after_the_processed_position_when_it_is_ahead_of_the_files() {
    try (InboxJournal journal = InboxJournal.open(dir, 0, InboxJournal.SEGMENT_BYTES)) {
      journal.append(List.of(webhook(WHATSAPP, "one")));
    }
    try (InboxJournal journal = InboxJournal.open(dir, 7, InboxJournal.SEGMENT_BYTES)) {
      journal.append(List.of(webhook(WHATSAPP, "eight")));

      assertThat(journal.read(8, 10)).extracting(e -> body(e.webhook())).containsExactly("eight");
      assertThat(journal.segmentFiles()).hasSize(2);
    }
  }

  @Test
  void a_file_that_is_not_a_journal_segment_is_refused() throws IOException {
    Files.writeString(dir.resolve(String.format("inbox-%020d.journal", 1)), "not a journal at all");

    assertThatThrownBy(() -> InboxJournal.open(dir, 0, InboxJournal.SEGMENT_BYTES))
        .hasMessageContaining("is not an inbox journal segment");
  }

  private Path onlySegment() throws IOException {
    try (var files = Files.list(dir)) {
      List<Path> segments =
          files.filter(p -> p.getFileName().toString().endsWith(".journal")).toList();
      assertThat(segments).hasSize(1);
      return segments.get(0);
    }
  }

  private static RawWebhook webhook(WebhookSource source, String body) {
    return new RawWebhook(source, body.getBytes(StandardCharsets.UTF_8), AT);
  }

  private static String body(RawWebhook webhook) {
    return new String(webhook.body(), StandardCharsets.UTF_8);
  }
}
