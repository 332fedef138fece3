package dev.switchboard.application.port.in;

/** Erases what the bridge stores about one customer (a right-to-erasure request). */
public interface EraseCustomerUseCase {

  /** Erases it; whether anything was stored. */
  boolean erase(EraseCustomerCommand command);
}
