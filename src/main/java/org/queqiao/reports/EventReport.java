package org.queqiao.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.queqiao.events.Event;
import org.queqiao.web.Times;

/**
 * One event's report: seats, attendance, demand over time, arrivals at the door, and the survey.
 * {@code signups} = confirmed + waitlisted; {@code attendanceRate} = checked in ÷ confirmed (0..1);
 * no-shows (confirmed seats without a check-in) count only once the event has ended.
 */
public record EventReport(Event event, boolean ended, ReportRepository.Counts counts, List<ReportRepository.Day> signupDays,
    List<ReportRepository.Slot> arrivals, SurveyRepository.Summary survey) {

  public long signups() {
    return counts.confirmed() + counts.waitlisted();
  }

  public long noShows() {
    return ended ? counts.unattended() : 0;
  }

  public double attendanceRate() {
    return Rates.ratio(counts.checkedIn(), counts.confirmed());
  }

  /** Sign-ups per capacity: above 1, more wanted to come than there were seats. */
  public double demand() {
    return Rates.ratio(counts.everSignedUp(), counts.capacity(), Double.MAX_VALUE);
  }

  public JsonObject toJson() {
    JsonArray days = new JsonArray();
    long total = 0;
    for (ReportRepository.Day d : signupDays) {
      total += d.count();
      days.add(new JsonObject().put("date", d.day().toString()).put("count", d.count()).put("total", total));
    }
    JsonArray slots = new JsonArray();
    long arrived = 0;
    for (ReportRepository.Slot s : arrivals) {
      arrived += s.count();
      slots.add(new JsonObject().put("at", Times.iso(s.start(), event.zone())).put("count", s.count()).put("total", arrived));
    }
    return new JsonObject()
        .put("eventId", event.id())
        .put("signups", signups())
        .put("confirmed", counts.confirmed())
        .put("waitlisted", counts.waitlisted())
        .put("checkedIn", counts.checkedIn())
        .put("noShows", noShows())
        .put("attendanceRate", attendanceRate())
        .put("capacity", counts.capacity())
        .put("signupsEver", counts.everSignedUp())
        .put("signupsOverTime", days)
        .put("arrivals", slots)
        .put("survey", survey.toJson());
  }
}
