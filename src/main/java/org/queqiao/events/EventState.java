package org.queqiao.events;

/** What a member cares about, derived from the status, the clock and the seats. */
public enum EventState {
  DRAFT, CANCELLED, PAST, ONGOING, NOT_YET_OPEN, CLOSED, FULL, OPEN;

  public boolean acceptsSignUps() {
    return this == OPEN || this == FULL;
  }
}
