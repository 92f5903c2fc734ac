package org.queqiao.events;

import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import net.fortuna.ical4j.data.CalendarOutputter;
import java.time.ZonedDateTime;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * An RFC 5545 calendar file for one event, with its time zone written out (VTIMEZONE). Lines are
 * folded at 75 octets of UTF-8 (§3.1), never inside a character: ical4j folds at 75 characters,
 * which makes Chinese lines up to three times too long.
 */
public final class EventCalendar {
  private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();
  static final int MAX_OCTETS = 75;

  private EventCalendar() {}

  public static String of(Event event, URI publicBaseUrl) {
    // An event stored before time zones had to be regions may name one the registry lacks: then
    // its times are written in UTC, which every calendar reads right.
    var registered = registeredZone(event.zone().getId());
    java.time.ZoneId zoneId = registered == null ? java.time.ZoneOffset.UTC : event.zone();
    VEvent vevent = new VEvent(
        registered == null ? ZonedDateTime.ofInstant(event.startsAt(), zoneId).withZoneSameInstant(java.time.ZoneOffset.UTC)
            : ZonedDateTime.ofInstant(event.startsAt(), zoneId),
        registered == null ? ZonedDateTime.ofInstant(event.endsAt(), zoneId).withZoneSameInstant(java.time.ZoneOffset.UTC)
            : ZonedDateTime.ofInstant(event.endsAt(), zoneId),
        event.title());
    vevent.add(new Uid("event-" + event.id() + "@" + publicBaseUrl.getHost()));
    vevent.add(new Location(event.venue()));
    if (!event.description().isEmpty()) {
      vevent.add(new Description(event.description()));
    }
    vevent.add(new Url(URI.create(publicBaseUrl + "/events/" + event.id())));
    vevent.add(new Status(Event.CANCELLED.equals(event.status()) ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
    Calendar calendar = new Calendar();
    calendar.add(new ProdId("-//Queqiao//Union events//ZH"));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    if (registered != null) {
      calendar.add(registered.getVTimeZone());
    }
    calendar.add(vevent);
    StringWriter unfolded = new StringWriter();
    try {
      new CalendarOutputter(false, Integer.MAX_VALUE / 2).output(calendar, unfolded);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return foldOctets(unfolded.toString());
  }

  private static net.fortuna.ical4j.model.TimeZone registeredZone(String id) {
    if (!id.contains("/") || !java.time.ZoneId.getAvailableZoneIds().contains(id)) {
      return null;
    }
    try {
      return ZONES.getTimeZone(id);
    } catch (RuntimeException unknownToTheRegistry) {
      return null;
    }
  }

  /** Folds every content line longer than 75 octets: CRLF and a space, at a character boundary. */
  static String foldOctets(String text) {
    StringBuilder out = new StringBuilder(text.length() + text.length() / 20);
    for (String line : text.split("\r\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      int octets = 0;
      int limit = MAX_OCTETS;
      for (int i = 0; i < line.length(); ) {
        int cp = line.codePointAt(i);
        int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
        if (octets + size > limit) {
          out.append("\r\n ");
          octets = 1;
        }
        out.appendCodePoint(cp);
        octets += size;
        i += Character.charCount(cp);
      }
      out.append("\r\n");
    }
    return out.toString();
  }
}
