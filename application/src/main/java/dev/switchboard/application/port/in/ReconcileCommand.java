package dev.switchboard.application.port.in;

/** Look for accepted work that did not reach an end, and re-drive it. */
public record ReconcileCommand() {}
