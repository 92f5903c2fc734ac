package org.queqiao.events;

import java.net.URI;
import java.time.ZonedDateTime;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/** An RFC 5545 calendar file for one event, with its time zone written out (VTIMEZONE). */
public final class EventCalendar {
  private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

  private EventCalendar() {}

  public static String of(Event event, URI publicBaseUrl) {
    VTimeZone zone = ZONES.getTimeZone(event.zone().getId()).getVTimeZone();
    VEvent vevent = new VEvent(
        ZonedDateTime.ofInstant(event.startsAt(), event.zone()),
        ZonedDateTime.ofInstant(event.endsAt(), event.zone()),
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
    calendar.add(zone);
    calendar.add(vevent);
    return calendar.toString();
  }
}
