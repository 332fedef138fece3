package dev.switchboard.adapters.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The persistence contract on the embedded default: an H2 file database in a temporary folder. */
class H2PersistenceContractTest extends PersistenceContractTest {

  private Path dir;

  @Override
  Map<String, Object> databaseProperties() throws Exception {
    dir = Files.createTempDirectory("switchboard-h2-");
    return TestDatabases.h2(dir);
  }

  @Override
  boolean claimsAreStored() {
    return false;
  }

  @Override
  String inboxIdCacheSql() {
    return "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
        + " WHERE LOWER(TABLE_NAME) = 'inbox_event' AND LOWER(COLUMN_NAME) = 'id'";
  }

  @Override
  String expectedInboxIdCache() {
    return "1000";
  }

  @Override
  void dropDatabase() throws Exception {
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
