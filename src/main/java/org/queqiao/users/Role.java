package org.queqiao.users;

import java.util.Optional;

public enum Role {
  MEMBER, ORGANIZER, MATCHMAKER, ADMIN;

  /** Every user is a member; only the other roles are granted and stored. */
  public boolean stored() {
    return this != MEMBER;
  }

  public static Optional<Role> parse(Object value) {
    if (!(value instanceof String text)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Role.valueOf(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
