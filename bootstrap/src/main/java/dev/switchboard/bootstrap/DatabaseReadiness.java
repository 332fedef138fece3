package dev.switchboard.bootstrap;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;

/** Readiness: the database answers a query. */
@Singleton
class DatabaseReadiness extends ReadinessCheck {

  private final DataSource dataSource;

  DatabaseReadiness(
      DataSource dataSource, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
    super("database", executor);
    // the pool itself, not the data source bound to the current transaction's connection
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
  }

  @Override
  Result check() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(TIMEOUT_SECONDS);
      try (ResultSet result = statement.executeQuery("SELECT 1")) {
        return result.next() ? Result.up(Map.of()) : Result.down("SELECT 1 returned no row");
      }
    } catch (SQLException e) {
      // the SQL state only: a driver's message may name the database's host or user
      return Result.down("query failed (SQL state " + e.getSQLState() + ")");
    }
  }
}
