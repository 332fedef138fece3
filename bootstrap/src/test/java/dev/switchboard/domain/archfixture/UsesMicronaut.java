package dev.switchboard.domain.archfixture;

import io.micronaut.core.util.StringUtils;

/** A deliberate violation: a domain class reaching for the framework. */
public final class UsesMicronaut {

  private UsesMicronaut() {}

  /** Uses a Micronaut utility, which domain code must never do. */
  public static boolean blank(String value) {
    return StringUtils.isEmpty(value);
  }
}
