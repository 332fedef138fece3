package dev.switchboard.adapters.persistence;

import java.util.Map;

/**
 * The persistence contract on the real PostgreSQL at {@value TestDatabases#POSTGRES_URL}, in a
 * schema of its own that is dropped afterwards. Fails, rather than skips, when PostgreSQL is down.
 */
class PostgresPersistenceContractTest extends PersistenceContractTest {

  private String schema;

  @Override
  boolean tracesApart() {
    return false;
  }

  @Override
  boolean claimsAreStored() {
    return true;
  }

  @Override
  String idCacheSql(String table, String column) {
    return "SELECT cache_size FROM pg_sequences"
        + (" WHERE sequencename = '" + table + "_" + column + "_seq'");
  }

  @Override
  String expectedIdCache() {
    return "1";
  }

  @Override
  Map<String, Object> databaseProperties() throws Exception {
    schema = TestDatabases.createPostgresSchema();
    return TestDatabases.postgres(schema);
  }

  @Override
  void dropDatabase() throws Exception {
    if (schema != null) {
      TestDatabases.dropPostgresSchema(schema);
    }
  }
}
