package org.queqiao.events;

import org.queqiao.web.Times;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.web.Messages;

/** An event as pages show it: labels and times in the asker's language and the event's time zone. */
public final class EventView {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private EventView() {}

  public static Map<String, Object> of(Event event, Instant now, String lang, Messages messages) {
    EventState state = event.state(now);
    Map<String, Object> view = new HashMap<>();
    view.put("id", event.id());
    view.put("type", event.type().name());
    view.put("typeLabel", messages.get(lang, "eventType." + event.type().name()));
    view.put("title", event.title());
    view.put("description", event.description());
    view.put("venue", event.venue());
    view.put("when", when(event.startsAt(), event.endsAt(), event, lang));
    view.put("startsAtIso", Times.iso(event.startsAt(), event.zone()));
    view.put("state", state.name());
    view.put("stateLabel", messages.get(lang, "eventState." + state.name()));
    view.put("status", event.status());
    view.put("draft", Event.DRAFT.equals(event.status()));
    view.put("cancelled", Event.CANCELLED.equals(event.status()));
    view.put("cancelReason", event.cancelReason());
    view.put("capacity", event.capacity());
    view.put("seatsLeft", event.seatsLeft());
    view.put("waitlisted", event.waitlisted());
    view.put("confirmed", event.capacity() - event.seatsLeft());
    view.put("mixer", event.type() == EventType.MIXER);
    view.put("sportsDay", event.type() == EventType.SPORTS_DAY);
    view.put("multiplePools", event.pools().size() > 1);
    view.put("opensAt", event.registrationOpensAt() == null ? null : moment(event.registrationOpensAt(), event, lang));
    view.put("closesAt", moment(event.effectiveClosesAt(), event, lang));
    view.put("minAge", event.minAge());
    view.put("maxAge", event.maxAge());
    view.put("verifiedOnly", event.verifiedOnly());
    List<Map<String, Object>> pools = new ArrayList<>();
    for (Pool pool : event.pools()) {
      Map<String, Object> p = new HashMap<>();
      p.put("key", pool.key());
      p.put("label", poolLabel(event, pool, lang, messages));
      p.put("capacity", pool.capacity());
      p.put("confirmed", pool.confirmed());
      p.put("seatsLeft", pool.seatsLeft());
      p.put("waitlisted", pool.waitlisted());
      p.put("full", pool.seatsLeft() == 0);
      pools.add(p);
    }
    view.put("pools", pools);
    view.put("seriesId", event.seriesId());
    view.put("seriesTitle", event.seriesTitle());
    view.put("cover", cover(event));
    return view;
  }

  /**
   * The poster as an {@code <img>} needs it, or null: both sizes in {@code srcset} so a phone
   * fetches the small one, and the large size's width and height so the page keeps its place
   * for the image before it arrives.
   */
  public static Map<String, Object> cover(Event event) {
    EventCover cover = event.cover();
    if (cover == null) {
      return null;
    }
    Map<String, Object> view = new HashMap<>();
    view.put("src", cover.url(event.id()));
    view.put("smallSrc", cover.smallUrl(event.id()));
    view.put("srcset", cover.smallWidth() == cover.width()
        ? cover.url(event.id()) + " " + cover.width() + "w"
        : cover.smallUrl(event.id()) + " " + cover.smallWidth() + "w, " + cover.url(event.id()) + " " + cover.width() + "w");
    view.put("width", cover.width());
    view.put("height", cover.height());
    view.put("alt", cover.altFor(event));
    view.put("customAlt", cover.alt() == null ? "" : cover.alt());
    return view;
  }

  /** Mixer pools are genders: shown in the asker's language rather than as stored. */
  public static String poolLabel(Event event, Pool pool, String lang, Messages messages) {
    if (event.type() == EventType.MIXER) {
      return messages.get(lang, "gender." + pool.key());
    }
    return Pool.MAIN.equals(pool.key()) ? messages.get(lang, "pool.main") : pool.label();
  }

  public static String moment(Instant instant, Event event, String lang) {
    return Times.display(instant, event.zone(), lang);
  }

  private static String when(Instant start, Instant end, Event event, String lang) {
    ZonedDateTime s = start.atZone(event.zone());
    ZonedDateTime e = end.atZone(event.zone());
    String from = moment(start, event, lang);
    String to = s.toLocalDate().equals(e.toLocalDate()) ? TIME.format(e) : moment(end, event, lang);
    return from + " – " + to;
  }

  /** For a datetime-local input: the wall-clock time in the event's zone. */
  public static String localInput(Instant instant, Event event) {
    return instant == null ? "" : LOCAL_INPUT.format(instant.atZone(event.zone()));
  }
}
