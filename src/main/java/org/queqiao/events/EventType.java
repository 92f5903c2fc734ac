package org.queqiao.events;

import java.util.Optional;

public enum EventType {
  READING_SALON, SPORTS_DAY, MIXER, OTHER;

  public static Optional<EventType> parse(Object value) {
    if (!(value instanceof String text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
