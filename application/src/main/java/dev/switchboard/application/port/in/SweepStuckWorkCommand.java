package dev.switchboard.application.port.in;

/** Look for accepted work that is stuck. */
public record SweepStuckWorkCommand() {}
