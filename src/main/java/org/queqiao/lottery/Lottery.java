package org.queqiao.lottery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.queqiao.events.Event;
import org.queqiao.web.Times;

/**
 * A lottery as the public sees it: the commitment from the start; after the draw the revealed
 * secret, the hash of the applicant list, the seed, the free seats and every applicant's place.
 */
public record Lottery(long eventId, String commitment, String secret, String applicantsSha256, String seed,
    JsonObject seats, Instant drawnAt, int applied, List<Result> results) {

  /** One applicant's published result; the name is masked (张*). */
  public record Result(int number, String maskedName, String pool, int rank, int position, String status) {
    public JsonObject toJson() {
      return new JsonObject().put("number", number).put("maskedName", maskedName).put("pool", pool)
          .put("rank", rank).put("position", position).put("status", status);
    }
  }

  /** The member's own application: their number, and after the draw what it gave. */
  public record Mine(int number, String status, Integer position, Integer waitlistPosition) {
    public JsonObject toJson() {
      return new JsonObject().put("number", number).put("status", status).put("position", position)
          .put("waitlistPosition", waitlistPosition);
    }
  }

  public boolean drawn() {
    return drawnAt != null;
  }

  /** The secret stays hidden until the draw: knowing it earlier would let one foresee the order. */
  public JsonObject toJson(Event event) {
    JsonArray list = new JsonArray();
    results.forEach(r -> list.add(r.toJson()));
    return new JsonObject()
        .put("eventId", eventId)
        .put("algorithm", Draw.ALGORITHM)
        .put("commitment", commitment)
        .put("drawAt", Times.iso(event.effectiveClosesAt(), event.zone()))
        .put("drawn", drawn())
        .put("applicants", drawn() ? results.size() : applied)
        .put("secret", drawn() ? secret : null)
        .put("applicantsSha256", applicantsSha256)
        .put("seed", seed)
        .put("seats", seats)
        .put("drawnAt", drawnAt == null ? null : Times.iso(drawnAt, event.zone()))
        .put("results", list);
  }
}
