package org.queqiao.reports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.queqiao.events.Event;
import org.queqiao.users.User;

/**
 * The post-event survey (contract §15): a 1–5 rating, an optional comment, optionally anonymous,
 * once per checked-in attendee, from the event's end on.
 */
public final class SurveyService {
  public static final int COMMENT_MAX = 1000;

  private final Pool pool;
  private final SurveyRepository surveys;
  private final Clock clock;

  public SurveyService(Pool pool, SurveyRepository surveys, Clock clock) {
    this.pool = pool;
    this.surveys = surveys;
    this.clock = clock;
  }

  public record Answer(int rating, String comment, boolean anonymous) {}

  /** Checks a request body; throws 400 naming every wrong field. */
  public static Answer parse(JsonObject body) {
    Map<String, String> errors = new LinkedHashMap<>();
    Object rating = body.getValue("rating");
    if (!(rating instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < 1 || n.doubleValue() > 5) {
      errors.put("rating", "field.survey.rating");
    }
    Object comment = body.getValue("comment");
    String text = null;
    if (comment != null) {
      text = comment instanceof String s ? s.strip() : null;
      if (text == null || text.codePointCount(0, text.length()) > COMMENT_MAX) {
        errors.put("comment", "field.survey.comment");
      } else if (text.isEmpty()) {
        text = null;
      }
    }
    Object anonymous = body.getValue("anonymous");
    if (anonymous != null && !(anonymous instanceof Boolean)) {
      errors.put("anonymous", "field.survey.anonymous");
    }
    if (!errors.isEmpty()) {
      throw ReportErrors.invalid(errors);
    }
    return new Answer(((Number) rating).intValue(), text, Boolean.TRUE.equals(anonymous));
  }

  /** Where the member stands with this event's survey, for the page. */
  public Future<SurveyRepository.Standing> standing(User user, Event event) {
    return surveys.standing(pool, event.id(), user.id());
  }

  public boolean open(Event event) {
    return !clock.instant().isBefore(event.endsAt());
  }

  /**
   * Records the answer with the marker in one transaction. An anonymous answer is written without
   * the member: the marker alone says they answered, and nothing ties it to the answer.
   */
  public Future<Void> answer(User user, Event event, Answer answer) {
    if (!open(event)) {
      return Future.failedFuture(ReportErrors.surveyNotOpen());
    }
    return pool.withTransaction(tx -> surveys.standing(tx, event.id(), user.id())
        .compose(standing -> !standing.attended()
            ? Future.failedFuture(ReportErrors.notAnAttendee())
            : surveys.markAnswered(tx, event.id(), user.id()))
        .compose(first -> !first
            ? Future.failedFuture(ReportErrors.alreadyAnswered())
            : surveys.insertAnswer(tx, event.id(), answer.anonymous() ? null : user.id(), answer.rating(),
                answer.comment())));
  }
}
