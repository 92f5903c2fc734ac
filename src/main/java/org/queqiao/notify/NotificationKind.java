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

  /**
   * SMS costs money: only kinds that need action or change plans may go by SMS. The database's
   * sms_kind() (V36) holds the same list, since it queues the SMS.
   */
  public boolean bySms() {
    return switch (this) {
      case PROMOTED_FROM_WAITLIST, SEAT_OFFERED, RECONFIRM_REQUESTED, EVENT_CHANGED, EVENT_CANCELLED, EVENT_REMINDER -> true;
      default -> false;
    };
  }

  /** Where the notification's link leads: a survey straight to its one-tap form, the rest to the event. */
  public String path(Long eventId) {
    if (eventId == null) {
      return "/me/notifications";
    }
    return this == SURVEY ? "/events/" + eventId + "/survey" : "/events/" + eventId;
  }
}
