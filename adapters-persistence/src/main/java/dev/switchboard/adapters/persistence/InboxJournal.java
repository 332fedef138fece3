package dev.switchboard.adapters.persistence;

import dev.switchboard.application.pipeline.RawWebhook;
import dev.switchboard.application.pipeline.WebhookSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only journal of webhooks in segment files under one directory: each webhook gets the
 * next sequence number, and a batch of them is written with one {@code write(2)}, with no {@code
 * fsync}: once {@link #append} returns, the records survive the process being killed (they are in
 * the operating system's cache), not a power cut. That is what H2 with {@code WRITE_DELAY=0} gives
 * a commit, at a fraction of the cost: H2 rewrites every changed B-tree page and a chunk header per
 * commit, the journal writes the records' bytes once.
 *
 * <p>A segment ({@code inbox-<first sequence>.journal}) starts with {@link #MAGIC} and holds
 * records of the form {@code length:int crc:int seq:long seconds:long nanos:int source:utf8
 * body:bytes}, where {@code length} counts what follows the crc and the CRC-32C covers it. Once a
 * segment holds {@code segmentBytes}, the next batch starts a new one. On opening, the last segment
 * is read to its end and cut after its last whole record: a write the process died in the middle of
 * was never acknowledged. Segments whose records have all been processed are deleted ({@link
 * #forgetThrough}); the last segment is always kept, so the numbering survives restarts.
 *
 * <p>One thread appends at a time (the caller's duty: {@link JournalInbox} appends from its single
 * writer); reads may run on another thread at the same time and see only whole records.
 */
final class InboxJournal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InboxJournal.class);

  /** The first bytes of every segment. */
  static final byte[] MAGIC = "SBINBOX1".getBytes(StandardCharsets.US_ASCII);

  /** The default size after which a new segment is started. */
  static final long SEGMENT_BYTES = 64L * 1024 * 1024;

  /** length, crc, seq, seconds, nanos, source length. */
  private static final int HEADER = 4 + 4 + 8 + 8 + 4 + 1;

  /** The largest record accepted when reading: a corrupt length is not allocated. */
  private static final int MAX_RECORD = 64 * 1024 * 1024;

  private static final Pattern SEGMENT = Pattern.compile("inbox-(\\d{20})\\.journal");

  /** A webhook as the journal holds it. */
  record Entry(long seq, RawWebhook webhook) {}

  private final Path dir;
  private final long segmentBytes;
  private final NavigableMap<Long, Path> segments = new ConcurrentSkipListMap<>();

  // the appender's state (one thread at a time)
  private FileChannel active;
  private long activeSize;
  private long nextSeq;
  private boolean broken;

  /** The highest sequence number whose record is completely written. */
  private volatile long lastWritten;

  // the reader's state, guarded by this
  private final Object reading = new Object();
  private long cursorSeq = -1;
  private long cursorSegment;
  private long cursorOffset;
  private long openSegment = -1;
  private FileChannel reader;

  /**
   * Opens the journal in {@code dir} (created when missing), recovering its last segment.
   *
   * @param after the numbering continues after this (the last sequence already processed), also
   *     when the directory holds no records any more
   */
  static InboxJournal open(Path dir, long after, long segmentBytes) {
    try {
      return new InboxJournal(dir, after, segmentBytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the inbox journal in " + dir, e);
    }
  }

  private InboxJournal(Path dir, long after, long segmentBytes) throws IOException {
    if (segmentBytes < MAGIC.length + HEADER) {
      throw new IllegalArgumentException("a segment must hold at least one record header");
    }
    this.dir = Objects.requireNonNull(dir, "dir");
    this.segmentBytes = segmentBytes;
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          file -> {
            Matcher name = SEGMENT.matcher(file.getFileName().toString());
            if (name.matches()) {
              segments.put(Long.parseLong(name.group(1)), file);
            }
          });
    }
    long recovered = after;
    if (!segments.isEmpty()) {
      Map.Entry<Long, Path> newest = segments.lastEntry();
      recovered = recover(newest.getKey(), newest.getValue());
    }
    if (segments.isEmpty() || recovered < after) {
      // no segment yet, or the database is ahead of the files (their directory was emptied): a
      // segment of its own keeps the numbers of each segment gapless
      lastWritten = after;
      nextSeq = after + 1;
      startSegment(nextSeq);
    } else {
      lastWritten = recovered;
      nextSeq = recovered + 1;
      active =
          FileChannel.open(
              segments.lastEntry().getValue(), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      activeSize = active.size();
    }
  }

  /**
   * Reads the last segment to its end, cuts it after its last whole record and returns that
   * record's sequence number (or the one before the segment's first).
   */
  private long recover(long first, Path file) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      if (size < MAGIC.length) {
        // died while starting the segment: write its header again
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(MAGIC), 0);
        return first - 1;
      }
      checkMagic(channel, file);
      long offset = MAGIC.length;
      long seq = first - 1;
      while (true) {
        Record record = readRecord(channel, offset, size);
        if (record == null || record.seq() != seq + 1) {
          break;
        }
        seq = record.seq();
        offset = record.end();
      }
      if (offset < size) {
        LOG.warn(
            "inbox journal {}: cut {} bytes after record {}, the end of a write that never"
                + " completed (it was not acknowledged)",
            file.getFileName(),
            size - offset,
            seq);
        channel.truncate(offset);
      }
      return seq;
    }
  }

  /** The highest sequence number whose record is completely written (0 when none ever was). */
  long lastWritten() {
    return lastWritten;
  }

  /**
   * Appends the webhooks, in order, with one write; returns when the bytes are written through to
   * the operating system. On failure nothing of the batch stays in the journal (or, when that
   * cannot be ensured, the journal refuses all further appends until it is opened again).
   */
  void append(List<RawWebhook> webhooks) {
    if (webhooks.isEmpty()) {
      return;
    }
    if (broken) {
      throw new IllegalStateException(
          "the inbox journal could not undo a failed write; it accepts no more webhooks until the"
              + " service restarts");
    }
    List<byte[]> sources = new ArrayList<>(webhooks.size());
    int total = 0;
    for (RawWebhook webhook : webhooks) {
      byte[] source = StoredSources.write(webhook.source()).getBytes(StandardCharsets.UTF_8);
      sources.add(source);
      total += HEADER + source.length + webhook.body().length;
    }
    ByteBuffer batch = ByteBuffer.allocate(total);
    long seq = nextSeq;
    CRC32C crc = new CRC32C();
    for (int i = 0; i < webhooks.size(); i++) {
      RawWebhook webhook = webhooks.get(i);
      byte[] source = sources.get(i);
      int start = batch.position();
      batch.putInt(HEADER - 8 + source.length + webhook.body().length);
      batch.putInt(0); // the crc, once the rest is in place
      batch.putLong(seq++);
      batch.putLong(webhook.receivedAt().getEpochSecond());
      batch.putInt(webhook.receivedAt().getNano());
      batch.put((byte) source.length);
      batch.put(source);
      batch.put(webhook.body());
      crc.reset();
      crc.update(batch.array(), start + 8, batch.position() - start - 8);
      batch.putInt(start + 4, (int) crc.getValue());
    }
    batch.flip();
    try {
      while (batch.hasRemaining()) {
        active.write(batch);
      }
    } catch (IOException | RuntimeException e) {
      undo();
      throw new UncheckedIOException(
          "could not write to the inbox journal",
          e instanceof IOException io ? io : new IOException(e));
    }
    activeSize += total;
    nextSeq = seq;
    lastWritten = seq - 1;
    if (activeSize >= segmentBytes) {
      FileChannel full = active;
      try {
        startSegment(nextSeq);
      } catch (IOException e) {
        // the batch is written; this segment grows on, and the next batch tries again
        LOG.warn("inbox journal: could not start a new segment: {}", e.toString());
        return;
      }
      try {
        full.close();
      } catch (IOException e) {
        LOG.warn("inbox journal: closing a full segment failed: {}", e.toString());
      }
    }
  }

  /** Cuts what a failed write left of its batch, so that the segment ends on a whole record. */
  private void undo() {
    try {
      active.truncate(activeSize);
    } catch (IOException | RuntimeException e) {
      broken = true;
      LOG.error("inbox journal: could not undo a failed write: {}", e.toString());
    }
  }

  private void startSegment(long first) throws IOException {
    Path file = dir.resolve(String.format("inbox-%020d.journal", first));
    // a file of that name can only be one a failed start left behind: it holds no record
    Files.deleteIfExists(file);
    FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    try {
      channel.write(ByteBuffer.wrap(MAGIC));
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(file);
      throw e;
    }
    active = channel;
    activeSize = MAGIC.length;
    segments.put(first, file);
  }

  /**
   * Up to {@code max} records from sequence number {@code from} on, in order; fewer when fewer are
   * written. A {@code from} before the oldest kept record starts at the oldest kept record.
   */
  List<Entry> read(long from, int max) {
    synchronized (reading) {
      long upTo = lastWritten;
      List<Entry> entries = new ArrayList<>(Math.min(max, 1024));
      if (max < 1 || from > upTo || segments.isEmpty()) {
        return entries;
      }
      try {
        long seq = Math.max(from, segments.firstKey());
        if (seq != cursorSeq) {
          seek(seq);
        }
        while (entries.size() < max && cursorSeq <= upTo) {
          if (openSegment != cursorSegment) {
            openReader(cursorSegment);
          }
          Record record = readRecord(reader, cursorOffset, reader.size());
          if (record == null) {
            Long next = segments.higherKey(cursorSegment);
            if (next == null || next > cursorSeq) {
              throw new IllegalStateException(
                  "inbox journal: record " + cursorSeq + " is missing or damaged");
            }
            cursorSegment = next;
            cursorOffset = MAGIC.length;
            continue;
          }
          if (record.seq() != cursorSeq) {
            throw new IllegalStateException(
                "inbox journal: found record " + record.seq() + " where " + cursorSeq + " belongs");
          }
          entries.add(new Entry(record.seq(), record.webhook()));
          cursorSeq++;
          cursorOffset = record.end();
        }
        return entries;
      } catch (IOException e) {
        cursorSeq = -1;
        throw new UncheckedIOException("could not read the inbox journal", e);
      } catch (RuntimeException e) {
        cursorSeq = -1;
        throw e;
      }
    }
  }

  /** Points the cursor at record {@code seq}, reading only the headers of the records before it. */
  private void seek(long seq) throws IOException {
    Long segment = segments.floorKey(seq);
    if (segment == null) {
      segment = segments.firstKey();
    }
    openReader(segment);
    long offset = MAGIC.length;
    long current = segment;
    long size = reader.size();
    ByteBuffer header = ByteBuffer.allocate(4);
    while (current < seq) {
      header.clear();
      if (offset + 4 > size || reader.read(header, offset) < 4) {
        throw new IllegalStateException("inbox journal: record " + seq + " is missing");
      }
      offset += 8 + header.getInt(0);
      current++;
    }
    cursorSeq = seq;
    cursorSegment = segment;
    cursorOffset = offset;
  }

  private void openReader(long segment) throws IOException {
    if (reader != null) {
      reader.close();
    }
    Path file = segments.get(segment);
    if (file == null) {
      throw new IllegalStateException("inbox journal: segment " + segment + " is gone");
    }
    reader = FileChannel.open(file, StandardOpenOption.READ);
    openSegment = segment;
    checkMagic(reader, file);
  }

  /**
   * Deletes the segments whose records all have sequence numbers up to {@code seq}; never the last
   * one.
   */
  void forgetThrough(long seq) {
    synchronized (reading) {
      while (segments.size() > 1) {
        Map.Entry<Long, Path> oldest = segments.firstEntry();
        Long next = segments.higherKey(oldest.getKey());
        if (next == null || next > seq + 1) {
          return;
        }
        if (openSegment == oldest.getKey()) {
          closeReader();
        }
        segments.remove(oldest.getKey());
        try {
          Files.deleteIfExists(oldest.getValue());
        } catch (IOException e) {
          LOG.warn("inbox journal: could not delete {}: {}", oldest.getValue(), e.toString());
        }
      }
    }
  }

  /** The segment files, oldest first. */
  List<Path> segmentFiles() {
    return List.copyOf(segments.values());
  }

  @Override
  public void close() {
    synchronized (reading) {
      closeReader();
    }
    try {
      if (active != null) {
        active.close();
      }
    } catch (IOException e) {
      LOG.warn("inbox journal: closing failed: {}", e.toString());
    }
  }

  private void closeReader() {
    try {
      if (reader != null) {
        reader.close();
      }
    } catch (IOException ignored) {
      // nothing was written through it
    }
    reader = null;
    openSegment = -1;
    cursorSeq = -1;
  }

  private static void checkMagic(FileChannel channel, Path file) throws IOException {
    ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
    channel.read(magic, 0);
    if (magic.position() < MAGIC.length || !java.util.Arrays.equals(magic.array(), MAGIC)) {
      throw new IllegalStateException(file + " is not an inbox journal segment");
    }
  }

  /** One record as read, and where the next one starts. */
  private record Record(long seq, RawWebhook webhook, long end) {}

  /** The record at {@code offset}, or null when no whole, intact record starts there. */
  private static Record readRecord(FileChannel channel, long offset, long size) throws IOException {
    if (offset + 8 > size) {
      return null;
    }
    ByteBuffer prefix = ByteBuffer.allocate(8);
    readFully(channel, prefix, offset);
    int length = prefix.getInt(0);
    int crc = prefix.getInt(4);
    if (length < HEADER - 8 || length > MAX_RECORD || offset + 8 + length > size) {
      return null;
    }
    ByteBuffer rest = ByteBuffer.allocate(length);
    readFully(channel, rest, offset + 8);
    CRC32C check = new CRC32C();
    check.update(rest.array(), 0, length);
    if ((int) check.getValue() != crc) {
      return null;
    }
    rest.flip();
    long seq = rest.getLong();
    long seconds = rest.getLong();
    int nanos = rest.getInt();
    int sourceLength = Byte.toUnsignedInt(rest.get());
    if (sourceLength > rest.remaining()) {
      return null;
    }
    String source = new String(rest.array(), rest.position(), sourceLength, StandardCharsets.UTF_8);
    rest.position(rest.position() + sourceLength);
    byte[] body = new byte[rest.remaining()];
    rest.get(body);
    WebhookSource from;
    try {
      from = StoredSources.read(source);
    } catch (IllegalArgumentException unknown) {
      throw new IllegalStateException("inbox journal: record " + seq + " has an unknown source");
    }
    RawWebhook webhook = new RawWebhook(from, body, Instant.ofEpochSecond(seconds, nanos));
    return new Record(seq, webhook, offset + 8 + length);
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long offset)
      throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        throw new IOException("unexpected end of the inbox journal");
      }
    }
  }
}
