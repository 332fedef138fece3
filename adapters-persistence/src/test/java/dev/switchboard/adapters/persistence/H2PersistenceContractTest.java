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
  boolean tracesApart() {
    return true;
  }

  @Override
  boolean claimsAreStored() {
    return false;
  }

  @Override
  String idCacheSql(String table, String column) {
    return "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
        + (" WHERE LOWER(TABLE_NAME) = '" + table + "' AND LOWER(COLUMN_NAME) = '" + column + "'");
  }

  @Override
  String expectedIdCache() {
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
