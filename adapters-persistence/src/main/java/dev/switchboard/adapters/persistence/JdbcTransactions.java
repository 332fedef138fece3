package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.out.Transactions;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Transactions on the JDBC data source, through Micronaut's transaction manager: the stores of this
 * package run their statements in the transaction begun here, and a call made inside another
 * transaction joins it (so the outermost call decides commit or rollback).
 */
@Singleton
public final class JdbcTransactions implements Transactions {

  private final TransactionOperations<Connection> transactions;

  public JdbcTransactions(TransactionOperations<Connection> transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    return transactions.execute(TransactionDefinition.DEFAULT, status -> work.get());
  }
}
