package org.queqiao.notify;

public enum NotificationKind {
  RSVP_CONFIRMED,
  RSVP_WAITLISTED,
  PROMOTED_FROM_WAITLIST,
  EVENT_CHANGED,
  EVENT_CANCELLED,
  EVENT_REMINDER,
  MATCH,
  INTRO_REQUEST_RECEIVED,
  INTRO_ACCEPTED,
  CARD_UNREADABLE,
  RSVP_APPROVED,
  RSVP_DECLINED,
  ORGANIZER_MESSAGE,
  SERIES_DATE_OPEN,
  LOTTERY_WON,
  LOTTERY_WAITLISTED,
  SEAT_OFFERED,
  OFFER_EXPIRED,
  RECONFIRM_REQUESTED,
  SEAT_RELEASED,
  SURVEY,
  FOLLOW_UP;

  /** Where the notification's link leads: a survey straight to its one-tap form, the rest to the event. */
  public String path(Long eventId) {
    if (eventId == null) {
      return "/me/notifications";
    }
    return this == SURVEY ? "/events/" + eventId + "/survey" : "/events/" + eventId;
  }
}
