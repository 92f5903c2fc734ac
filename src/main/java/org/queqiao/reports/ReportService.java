package org.queqiao.reports;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.events.Event;
import org.queqiao.users.Role;
import org.queqiao.users.User;

/**
 * An event's report and a union's dashboard (contract §15). Both only read, on the read client:
 * a report may lag the primary by the replica's delay, which a report can afford.
 */
public final class ReportService {
  /** Months and date filters are days in China, whatever the server's zone. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final int MAX_RANGE_YEARS = 10;

  private final SqlClient reads;
  private final ReportRepository reports;
  private final SurveyRepository surveys;
  private final DashboardRepository dashboards;
  private final Clock clock;

  public ReportService(SqlClient reads, ReportRepository reports, SurveyRepository surveys,
      DashboardRepository dashboards, Clock clock) {
    this.reads = reads;
    this.reports = reports;
    this.surveys = surveys;
    this.dashboards = dashboards;
    this.clock = clock;
  }

  public Future<EventReport> eventReport(Event event) {
    return Future.all(reports.counts(reads, event.id()), reports.signupsByDay(reads, event.id()),
            reports.arrivals(reads, event.id()), surveys.summary(reads, event.id()))
        .map(all -> new EventReport(event, !clock.instant().isBefore(event.endsAt()), all.resultAt(0),
            all.resultAt(1), all.resultAt(2), all.resultAt(3)));
  }

  /** The dates of a dashboard: both days inclusive, in China. */
  public record Range(LocalDate from, LocalDate to) {}

  /** {@code from}/{@code to} as typed (null or blank: the last twelve months); 400 naming the wrong one. */
  public Range range(String from, String to) {
    LocalDate today = LocalDate.now(clock.withZone(ZONE));
    Map<String, String> errors = new LinkedHashMap<>();
    LocalDate end = date(to, "to", errors);
    LocalDate start = date(from, "from", errors);
    if (!errors.isEmpty()) {
      throw ReportErrors.invalid(errors);
    }
    end = end == null ? today : end;
    start = start == null ? end.withDayOfMonth(1).minusMonths(11) : start;
    if (start.isAfter(end) || start.plusYears(MAX_RANGE_YEARS).isBefore(end)) {
      throw ReportErrors.invalid(Map.of("from", "field.report.range"));
    }
    return new Range(start, end);
  }

  private static LocalDate date(String value, String field, Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      LocalDate date = LocalDate.parse(value.strip());
      if (date.getYear() < 2000 || date.getYear() > 2200) {
        errors.put(field, "field.report.date");
        return null;
      }
      return date;
    } catch (DateTimeParseException e) {
      errors.put(field, "field.report.date");
      return null;
    }
  }

  /**
   * Which union the asker's dashboard shows: admins any (none named: every event); an organiser
   * only their own union or one below it (none named: their own); anyone else, or an organiser
   * without a union, nothing (403). 404 for a union that does not exist.
   */
  public Future<Scope> scope(User asker, Long unionId) {
    boolean admin = asker.has(Role.ADMIN);
    if (!admin && (!asker.has(Role.ORGANIZER) || asker.unionId() == null)) {
      return Future.failedFuture(ReportErrors.unionNotYours());
    }
    Long wanted = unionId != null ? unionId : admin ? null : asker.unionId();
    if (wanted == null) {
      return Future.succeededFuture(new Scope(null, List.of(), null));
    }
    Long root = admin ? null : asker.unionId();
    return dashboards.lineage(reads, wanted).compose(lineage -> {
      if (lineage.isEmpty()) {
        return Future.failedFuture(ReportErrors.unknownUnion());
      }
      if (root != null && lineage.stream().noneMatch(u -> u.id() == root)) {
        return Future.failedFuture(ReportErrors.unionNotYours());
      }
      return Future.succeededFuture(new Scope(wanted, lineage, root));
    });
  }

  /**
   * The union shown ({@code unionId} null: everything), its ancestors nearest first, and the
   * highest union the asker may climb to (null: any).
   */
  public record Scope(Long unionId, List<DashboardRepository.Named> lineage, Long root) {
    public String name() {
      return lineage.isEmpty() ? null : lineage.get(0).name();
    }
  }

  /** Up to {@code limit} unions to narrow the dashboard to: below the one shown, or the top ones. */
  public Future<List<DashboardRepository.Named>> narrower(Scope scope, int limit) {
    return dashboards.below(reads, scope.unionId(), limit);
  }

  public Future<Dashboard> dashboard(Scope scope, Range range) {
    var from = range.from().atStartOfDay(ZONE).toInstant();
    var to = range.to().plusDays(1).atStartOfDay(ZONE).toInstant();
    return dashboards.rows(reads, scope.unionId(), from, to).map(rows -> new Dashboard(scope, range, rows));
  }
}
