package org.queqiao.rsvp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.SeatRules;
import org.queqiao.web.Messages;
import org.queqiao.web.Times;

/**
 * What the event page says about the seat rules (contract §12): the rules in plain words, and where
 * this member stands — a held place and its deadline, a reconfirmation to give, why they wait, a
 * lapsed offer or seat, a recorded no-show. Only about the viewer's own sign-up.
 */
final class SeatView {
  private SeatView() {}

  static Map<String, Object> of(Event event, Optional<Rsvp> mine, Instant now, String lang, Messages messages) {
    Map<String, Object> model = new HashMap<>();
    SeatRules rules = event.seatRules();
    List<String> said = new ArrayList<>();
    if (rules.offerHours() != null) {
      said.add(messages.get(lang, "seats.rules.offer", rules.offerHours()));
    }
    if (rules.reconfirmHours() != null) {
      said.add(messages.get(lang, "seats.rules.reconfirm", rules.reconfirmHours(),
          Times.display(ReconfirmService.deadline(event), event.zone(), lang)));
    }
    if (rules.maxRecentNoShows() != null) {
      said.add(messages.get(lang, "seats.rules.noShows", rules.maxRecentNoShows()));
    }
    model.put("seatRules", said);
    if (mine.isEmpty()) {
      return model;
    }
    Rsvp rsvp = mine.get();
    SeatTerms terms = rsvp.terms();
    switch (rsvp.status()) {
      case Rsvp.OFFERED -> {
        model.put("myOffered", true);
        model.put("offerNote", messages.get(lang, "seats.offered",
            Times.display(terms.offerExpiresAt(), event.zone(), lang)));
      }
      case Rsvp.CONFIRMED -> {
        boolean asked = rules.reconfirmHours() != null && now.isBefore(event.startsAt());
        if (asked && terms.reconfirmed()) {
          model.put("reconfirmedNote", messages.get(lang, "seats.reconfirmedShort"));
        } else if (asked && (terms.reconfirmRequested() || now.isAfter(event.startsAt()
            .minusSeconds(rules.reconfirmHours() * 3600L)))) {
          model.put("reconfirmAsk", messages.get(lang, "seats.reconfirmAsk",
              Times.display(ReconfirmService.deadline(event), event.zone(), lang)));
        }
        if (terms.noShow()) {
          model.put("noShowNote", messages.get(lang, "seats.noShowNote"));
        }
      }
      case Rsvp.WAITLISTED -> {
        if (SeatTerms.RECENT_NO_SHOWS.equals(terms.waitlistReason())) {
          model.put("heldBack", true);
        }
      }
      case Rsvp.OFFER_EXPIRED -> model.put("lapsedNote", messages.get(lang, "seats.offerExpired"));
      case Rsvp.RELEASED -> model.put("lapsedNote", messages.get(lang, "seats.released"));
      default -> { }
    }
    return model;
  }
}
