package dev.switchboard.application.port.in;

/**
 * A request for media the bridge serves, with the query values of its link.
 *
 * @param id the media id from the path
 * @param expires the {@code expires} query value; {@code null} when absent
 * @param signature the {@code signature} query value; {@code null} when absent
 */
public record ServeMediaCommand(String id, String expires, String signature) {}
