package org.queqiao.sports;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Times;

/** What managers take home after the day: the results CSV and the winners' certificates. */
final class AfterTheDay {
  /** Certificates go to the teams ranked this high (ties included). */
  static final int CERTIFIED_RANKS = 3;

  private final SportsService service;
  private final Messages messages;
  private final Certificates certificates;

  AfterTheDay(SportsService service, Messages messages, Certificates certificates) {
    this.service = service;
    this.messages = messages;
    this.certificates = certificates;
  }

  void downloadResults(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String lang = Lang.of(ctx);
    Future.all(service.publishedStandings(event), service.entries(event))
        .map(all -> ResultsCsv.of(all.resultAt(0), all.resultAt(1), key -> messages.get(lang, key),
            team -> SportsService.teamLabel(event, team)))
        .onSuccess(csv -> ctx.response()
            .putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"results-" + event.id() + ".csv\"")
            .putHeader("Cache-Control", "no-store")
            .end(csv))
        .onFailure(ctx::fail);
  }

  void downloadCertificates(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String lang = Lang.of(ctx);
    service.standings(event)
        .map(standings -> pages(standings, event, lang))
        .compose(pages -> ctx.vertx().executeBlocking(() -> certificates.render(pages), false))
        .onSuccess(pdf -> ctx.response()
            .putHeader("Content-Type", "application/pdf")
            .putHeader("Content-Disposition", "attachment; filename=\"certificates-" + event.id() + ".pdf\"")
            .putHeader("Cache-Control", "no-store")
            .end(Buffer.buffer(pdf)))
        .onFailure(ctx::fail);
  }

  /** One page per team in the first {@link #CERTIFIED_RANKS} ranks that scored; none before any result. */
  List<Certificates.Page> pages(Standings standings, Event event, String lang) {
    List<Certificates.Page> pages = new ArrayList<>();
    String date = Times.display(event.startsAt(), event.zone(), lang);
    for (Standings.TeamRow t : standings.teams()) {
      if (t.rank() <= CERTIFIED_RANKS && t.points() > 0) {
        pages.add(new Certificates.Page(
            messages.get(lang, "sports.certificate.title"),
            SportsService.teamLabel(event, t.team()),
            messages.get(lang, "sports.certificate.achievement", event.title(), t.rank(), t.points(), t.gold()),
            messages.get(lang, "sports.certificate.closing"),
            messages.get(lang, "sports.certificate.issuer", event.venue(), date)));
      }
    }
    if (pages.isEmpty()) {
      throw SportsErrors.noWinnersYet();
    }
    return pages;
  }
}
