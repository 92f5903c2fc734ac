package org.queqiao.checkin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.queqiao.events.Event;
import org.queqiao.events.Question;
import org.queqiao.web.Times;

/** How check-ins and attendance leave the server, for the API, the live stream and the pages alike. */
final class CheckinJson {
  private CheckinJson() {}

  static JsonObject outcome(CheckinRepository.Outcome outcome, Event event) {
    return new JsonObject()
        .put("rsvpId", outcome.rsvpId())
        .put("displayName", outcome.displayName())
        .put("pool", outcome.poolKey())
        .put("badge", outcome.badge())
        .put("checkedInAt", Times.iso(outcome.checkedInAt(), event.zone()))
        .put("answers", atDoor(outcome.answers(), event));
  }

  /** The answers the door is to see (askAtDoor, not organizerOnly), with their questions' labels. */
  static JsonArray atDoor(JsonObject answers, Event event) {
    JsonArray shown = new JsonArray();
    for (Question q : event.questions()) {
      if (q.shownAtDoor() && answers.getValue(q.key()) != null) {
        shown.add(new JsonObject().put("key", q.key()).put("label", q.label()).put("value", text(answers.getValue(q.key()))));
      }
    }
    return shown;
  }

  /** An answer as one line of text: several choices joined. */
  static String text(Object answer) {
    if (answer instanceof JsonArray many) {
      return String.join("、", many.stream().map(String::valueOf).toList());
    }
    return answer == null ? "" : String.valueOf(answer);
  }

  static JsonObject attendance(List<CheckinRepository.PoolAttendance> pools) {
    int confirmed = pools.stream().mapToInt(CheckinRepository.PoolAttendance::confirmed).sum();
    int checkedIn = pools.stream().mapToInt(CheckinRepository.PoolAttendance::checkedIn).sum();
    int waitlisted = pools.stream().mapToInt(CheckinRepository.PoolAttendance::waitlisted).sum();
    JsonArray perPool = new JsonArray();
    pools.forEach(p -> perPool.add(new JsonObject().put("key", p.key()).put("label", p.label())
        .put("confirmed", p.confirmed()).put("checkedIn", p.checkedIn())
        .put("notCheckedIn", p.confirmed() - p.checkedIn()).put("waitlisted", p.waitlisted())));
    return new JsonObject().put("confirmed", confirmed).put("checkedIn", checkedIn)
        .put("notCheckedIn", confirmed - checkedIn).put("waitlisted", waitlisted).put("pools", perPool);
  }

  static JsonObject attendee(CheckinRepository.Attendee a, Event event) {
    return new JsonObject()
        .put("rsvpId", a.rsvpId()).put("displayName", a.displayName()).put("memberNo", a.memberNo())
        .put("pool", a.poolKey()).put("badge", a.badge())
        .put("checkedInAt", a.checkedInAt() == null ? null : Times.iso(a.checkedInAt(), event.zone()));
  }
}
