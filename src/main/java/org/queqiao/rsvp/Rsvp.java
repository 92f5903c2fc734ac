package org.queqiao.rsvp;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** One member's sign-up for one event; the waitlist position is computed when it is read. */
public record Rsvp(long id, long eventId, long userId, String poolKey, String status, Integer waitlistPosition,
    JsonObject answers, SeatTerms terms) {
  public static final String CONFIRMED = "CONFIRMED";
  public static final String WAITLISTED = "WAITLISTED";
  public static final String CANCELLED = "CANCELLED";
  /** Signed up for an event that needs approval: holds no seat and no waitlist place yet. */
  public static final String PENDING_APPROVAL = "PENDING_APPROVAL";
  /** A manager declined the sign-up; like a cancelled one it holds nothing, but it is not renewed. */
  public static final String DECLINED = "DECLINED";
  /** Applied to a lottery event: holds no seat and no waitlist place until the draw (contract §12). */
  public static final String APPLIED = "APPLIED";
  /** A freed seat held for this member until {@link SeatTerms#offerExpiresAt()}; claiming confirms it. */
  public static final String OFFERED = "OFFERED";
  /** An offer not claimed in time: out of the queue, holding nothing; may be renewed like a cancellation. */
  public static final String OFFER_EXPIRED = "OFFER_EXPIRED";
  /** A confirmed seat not reconfirmed in time, given to the waitlist; renewable like a cancellation. */
  public static final String RELEASED = "RELEASED";

  static Rsvp from(Row row) {
    Long position = row.getLong("waitlist_position");
    return new Rsvp(row.getLong("id"), row.getLong("event_id"), row.getLong("user_id"), row.getString("pool_key"),
        row.getString("status"), position == null ? null : position.intValue(),
        row.getValue("answers") instanceof JsonObject answers ? answers : new JsonObject(), SeatTerms.from(row));
  }

  public boolean active() {
    return !CANCELLED.equals(status) && !DECLINED.equals(status) && !OFFER_EXPIRED.equals(status)
        && !RELEASED.equals(status);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("rsvpId", id)
        .put("status", status)
        .put("pool", poolKey)
        .put("waitlistPosition", waitlistPosition)
        .put("answers", answers)
        .mergeIn(terms.toJson(status));
  }
}
