package org.queqiao.rsvp;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What the seat rules of contract §12 say about one sign-up: the deadline of an offer, whether the
 * member was asked to reconfirm and did, why they were only waitlisted, and a recorded no-show.
 */
public record SeatTerms(Instant offerExpiresAt, boolean reconfirmRequested, boolean reconfirmed,
    String waitlistReason, boolean noShow) {
  /** The columns {@link #from} reads, of a query that names the sign-ups {@code r}. */
  static final String COLUMNS = "r.offer_expires_at, r.reconfirm_requested_at IS NOT NULL AS reconfirm_requested,"
      + " r.reconfirmed_at IS NOT NULL AS reconfirmed, r.waitlist_reason, r.no_show";

  /** Only members with more recent no-shows than the event allows are waitlisted for this reason. */
  public static final String RECENT_NO_SHOWS = "RECENT_NO_SHOWS";

  static SeatTerms from(Row row) {
    OffsetDateTime expires = row.getOffsetDateTime("offer_expires_at");
    return new SeatTerms(expires == null ? null : expires.toInstant(),
        Boolean.TRUE.equals(row.getBoolean("reconfirm_requested")), Boolean.TRUE.equals(row.getBoolean("reconfirmed")),
        row.getString("waitlist_reason"), Boolean.TRUE.equals(row.getBoolean("no_show")));
  }

  /** The fields added to a sign-up's JSON; an offer's deadline and the waitlist reason only while they apply. */
  JsonObject toJson(String status) {
    return new JsonObject()
        .put("offerExpiresAt", Rsvp.OFFERED.equals(status) && offerExpiresAt != null ? offerExpiresAt.toString() : null)
        .put("waitlistReason", Rsvp.WAITLISTED.equals(status) ? waitlistReason : null)
        .put("reconfirmRequested", reconfirmRequested)
        .put("reconfirmed", reconfirmed)
        .put("noShow", noShow);
  }
}
