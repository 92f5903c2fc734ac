package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.EventView;
import org.queqiao.users.User;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Times;
import org.queqiao.web.Views;

/**
 * "My events": what is coming (with waitlist places and offers), what is past and cancelled, my
 * record in each series, my attendance record, and other features' lines under each event
 * ({@link MyEventsNotes}, e.g. the games I played).
 */
public final class MyEventsPages {
  private final RsvpService service;
  private final Authentication auth;
  private final Views views;
  private final Messages messages;
  private final Clock clock;
  private final List<MyEventsNotes> notes = new CopyOnWriteArrayList<>();

  public MyEventsPages(RsvpService service, Authentication auth, Views views, Messages messages, Clock clock) {
    this.service = service;
    this.auth = auth;
    this.views = views;
    this.messages = messages;
    this.clock = clock;
  }

  /** Adds another feature's lines under events on "my events" (before {@link #mount}). */
  public MyEventsPages with(MyEventsNotes more) {
    notes.add(more);
    return this;
  }

  public void mount(Router router) {
    router.get("/me/events").handler(auth::requireUser).handler(this::showMyEvents);
  }

  private void showMyEvents(RoutingContext ctx) {
    Instant now = clock.instant();
    String lang = Lang.of(ctx);
    User me = CurrentUser.require(ctx).user();
    Future<Map<Long, List<String>>> extra = Future.succeededFuture(new HashMap<>());
    for (MyEventsNotes more : notes) {
      extra = extra.compose(sofar -> more.notes(ctx, me).map(lines -> {
        lines.forEach((id, l) -> sofar.merge(id, l, (x, y) -> Stream.concat(x.stream(), y.stream()).toList()));
        return sofar;
      }));
    }
    Future.all(service.listMine(me), service.mySeries(me), service.record(me), extra)
        .onSuccess(all -> {
          List<RsvpRepository.MyRsvp> list = all.resultAt(0);
          List<SeriesStreaks.SeriesRecord> series = all.resultAt(1);
          NoShowRepository.Record record = all.resultAt(2);
          Map<Long, List<String>> lines = all.resultAt(3);
          List<Map<String, Object>> upcoming = new ArrayList<>();
          List<Map<String, Object>> past = new ArrayList<>();
          List<Map<String, Object>> cancelled = new ArrayList<>();
          for (RsvpRepository.MyRsvp mine : list) {
            Map<String, Object> row = EventView.of(mine.event(), now, lang, messages);
            row.put("myStatus", mine.rsvp().status());
            row.put("myConfirmed", Rsvp.CONFIRMED.equals(mine.rsvp().status()));
            row.put("myOffered", Rsvp.OFFERED.equals(mine.rsvp().status()));
            row.put("heldBack", SeatTerms.RECENT_NO_SHOWS.equals(mine.rsvp().terms().waitlistReason())
                && Rsvp.WAITLISTED.equals(mine.rsvp().status()));
            row.put("noShow", mine.rsvp().terms().noShow() && !mine.attended());
            row.put("myPosition", mine.rsvp().waitlistPosition());
            row.put("myStatusLabel", messages.get(lang, "rsvpStatus." + mine.rsvp().status()));
            row.put("attended", mine.attended());
            row.put("notes", lines.getOrDefault(mine.event().id(), List.of()));
            if (!mine.rsvp().active()) {
              cancelled.add(row);
            } else if (now.isBefore(mine.event().endsAt())) {
              upcoming.add(0, row);
            } else {
              past.add(row);
            }
          }
          views.render(ctx, "rsvp/mine", Map.of(
              "title", messages.get(lang, "mine.title"),
              "upcoming", upcoming, "past", past, "cancelledRsvps", cancelled,
              "series", series.stream().map(r -> seriesRow(r, lang)).toList(),
              "nothing", list.isEmpty() && series.isEmpty(),
              "record", messages.get(lang, "seats.record", record.attended(), record.noShows()),
              "perYear", attendedPerYear(list, lang)));
        })
        .onFailure(ctx::fail);
  }

  /** How many events I was checked in at, per year of their start (newest year first). */
  private List<String> attendedPerYear(List<RsvpRepository.MyRsvp> list, String lang) {
    SortedMap<Integer, Integer> years = new TreeMap<>(Comparator.reverseOrder());
    for (RsvpRepository.MyRsvp mine : list) {
      if (mine.attended()) {
        years.merge(mine.event().startsAt().atZone(mine.event().zone()).getYear(), 1, Integer::sum);
      }
    }
    return years.entrySet().stream()
        .map(e -> messages.get(lang, "mine.perYearRow", Integer.toString(e.getKey()), e.getValue())).toList();
  }

  private Map<String, Object> seriesRow(SeriesStreaks.SeriesRecord record, String lang) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", record.seriesId());
    row.put("title", record.title());
    row.put("following", record.following());
    row.put("record", messages.get(lang, "mine.seriesRecord", record.attended(), record.held(), record.streak()));
    row.put("nextEventId", record.nextEventId());
    row.put("next", record.nextStartsAt() == null ? null
        : Times.display(record.nextStartsAt(), record.nextZone(), lang));
    return row;
  }
}
