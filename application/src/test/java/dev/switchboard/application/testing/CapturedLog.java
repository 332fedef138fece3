package dev.switchboard.application.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what a class logs through {@link System.Logger} (backed by java.util.logging in the core
 * modules' tests), and keeps it out of the build output, until closed.
 */
public final class CapturedLog implements AutoCloseable {

  /** One record: its level and its message with the parameters filled in. */
  public record Entry(Level level, String message) {}

  private final Logger logger;
  private final boolean usedParentHandlers;
  private final List<Entry> entries = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          synchronized (entries) {
            entries.add(new Entry(record.getLevel(), formatter.formatMessage(record)));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedLog(Class<?> source) {
    logger = Logger.getLogger(source.getName());
    usedParentHandlers = logger.getUseParentHandlers();
    logger.addHandler(handler);
    logger.setUseParentHandlers(false);
  }

  /** Starts capturing what {@code source} logs. */
  public static CapturedLog of(Class<?> source) {
    return new CapturedLog(source);
  }

  /** What was logged so far, in order. */
  public List<Entry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(usedParentHandlers);
  }
}
