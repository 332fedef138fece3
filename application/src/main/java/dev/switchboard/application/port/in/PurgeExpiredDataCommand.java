package dev.switchboard.application.port.in;

/** Purge what the bridge no longer needs to keep. */
public record PurgeExpiredDataCommand() {}
