package org.queqiao;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.queqiao.accounts.AuthRoutes;
import org.queqiao.accounts.Membership;
import org.queqiao.accounts.ProfilePages;
import org.queqiao.accounts.ProfileRoutes;
import org.queqiao.auth.SignedInHeader;
import org.queqiao.checkin.CheckinPages;
import org.queqiao.checkin.CheckinRoutes;
import org.queqiao.covers.CoverPages;
import org.queqiao.covers.CoverRoutes;
import org.queqiao.events.EventPages;
import org.queqiao.events.ShareCard;
import org.queqiao.events.ShareTags;
import org.queqiao.events.EventRoutes;
import org.queqiao.events.OrganizerPages;
import org.queqiao.messages.MessageRoutes;
import org.queqiao.health.HealthRoutes;
import org.queqiao.metrics.MetricsRoutes;
import org.queqiao.lottery.LotteryBox;
import org.queqiao.lottery.LotteryPages;
import org.queqiao.lottery.LotteryRoutes;
import org.queqiao.mixer.BlockRoutes;
import org.queqiao.mixer.FollowUpRoutes;
import org.queqiao.mixer.MatchmakerPages;
import org.queqiao.mixer.MixerPages;
import org.queqiao.mixer.MixerRoutes;
import org.queqiao.mixer.RoundRoutes;
import org.queqiao.notify.NotificationRoutes;
import org.queqiao.notify.NotificationSettingsRoutes;
import org.queqiao.privacy.PrivacyRoutes;
import org.queqiao.reports.ReportPages;
import org.queqiao.reports.ReportRoutes;
import org.queqiao.rosters.MyRosterPages;
import org.queqiao.rosters.RosterPages;
import org.queqiao.rosters.RosterRoutes;
import org.queqiao.rsvp.MyEventsPages;
import org.queqiao.rsvp.RsvpPages;
import org.queqiao.rsvp.RsvpRoutes;
import org.queqiao.series.SeriesAccess;
import org.queqiao.series.SeriesPages;
import org.queqiao.series.SeriesRoutes;
import org.queqiao.rsvp.SeatPages;
import org.queqiao.rsvp.SeatRoutes;
import org.queqiao.sports.JudgePages;
import org.queqiao.sports.SportsPages;
import org.queqiao.sports.SportsRoutes;
import org.queqiao.sports.StandingsPages;
import org.queqiao.unions.UnionPages;
import org.queqiao.unions.UnionRoutes;
import org.queqiao.web.ApiError;
import org.queqiao.web.Assets;
import org.queqiao.web.ErrorHandler;
import org.queqiao.web.InputRules;
import org.queqiao.web.LanguageRoutes;
import org.queqiao.web.RequestFailures;
import org.queqiao.web.SameOrigin;
import org.queqiao.web.SecurityTxt;
import org.queqiao.web.SecurityHeaders;
import org.queqiao.web.Views;

/** Builds the router: cross-cutting handlers first, then each feature's route table. */
public final class HttpVerticle extends VerticleBase {
  static final int BODY_LIMIT_BYTES = 64 * 1024;
  /** On SIGTERM, requests in flight get this long to finish (contract §16). */
  static final long DRAIN_SECONDS = 20;

  private final Services services;
  private final int port;
  private final BooleanSupplier databaseAnswers;
  private HttpServer server;

  HttpVerticle(Services services, int port, BooleanSupplier databaseAnswers) {
    this.services = services;
    this.port = port;
    this.databaseAnswers = databaseAnswers;
  }

  @Override
  public Future<?> start() {
    var config = services.config();
    var auth = services.authentication();
    var access = services.eventAccess();
    var messages = services.messages();
    var clock = services.clock();
    Views views = new Views(vertx, messages, services.assets(),
        new SignedInHeader(services.notifications()::unreadCount));
    Router router = Router.router(vertx);

    RequestFailures.install(context, router, RequestFailures.DEADLINE_MS, RequestFailures.BUSY_DEADLINE_MS,
        databaseAnswers);
    router.route().handler(new SecurityHeaders(config.secureCookies())::handle);
    router.route("/static/*").handler(StaticHandler.create("webroot")
        .setCachingEnabled(true)
        .setMaxAgeSeconds(Assets.MAX_AGE_SECONDS));
    new HealthRoutes(services.health()).mount(router);
    new MetricsRoutes(services.metrics()).mount(router);
    new SecurityTxt(config.publicBaseUrl(), config.securityContact()).mount(router);

    CoverRoutes coverApi = new CoverRoutes(services.covers(), access);
    CoverPages coverPages = new CoverPages(services.covers(), access, messages, config.uploadsDir());
    coverApi.mountBodies(router, auth::identify);
    coverPages.mountBodies(router, auth::identify);
    RosterRoutes rosterApi = new RosterRoutes(services.rosters(), services.rosterAccess(), auth, messages);
    RosterPages rosterPages = new RosterPages(services.rosters(), services.rosterAccess(), auth, views, config.uploadsDir());
    rosterApi.mountBodies(router, auth::identify);
    rosterPages.mountBodies(router, auth::identify);
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
    router.route().handler(InputRules::handle);
    router.route().handler(auth::identify);
    router.route().handler(services.csrf()::handle);

    new LanguageRoutes().mount(router);
    new AuthRoutes(services.accounts(), auth, services.unions(), views, config.trustForwardedFor(),
        new SameOrigin(config.publicBaseUrl())).mount(router);
    Membership membership = userId -> services.rosters().verifiedUnions(userId).map(unions -> {
      Map<Long, String> byId = new LinkedHashMap<>();
      unions.forEach(u -> byId.put(u.id(), u.name()));
      return byId;
    });
    new ProfileRoutes(services.accounts(), auth, membership).mount(router);
    new ProfilePages(services.accounts(), services.unions(), auth, views, config.trustForwardedFor(), membership)
        .mount(router);
    new UnionRoutes(services.unions(), auth).mount(router);
    new UnionPages(services.unions(), auth, views).mount(router);
    new EventPages(services.events(), views, messages, clock).mount(router);
    new ShareCard(access, services.events(), config.publicBaseUrl()).mount(router);
    new EventRoutes(services.events(), access, auth, config, clock).mount(router);
    MessageRoutes organizerMessages = new MessageRoutes(services.organizerMessages(), access, messages);
    organizerMessages.mount(router);
    SportsPages sportsPages = new SportsPages(services.sports(), access, auth, views, messages);
    coverApi.mount(router);
    coverPages.mount(router);
    new OrganizerPages(services.events(), access, services.unions(), auth, views, messages, clock)
        .with(coverPages).with(organizerMessages).with(sportsPages).mount(router);
    SeriesAccess seriesAccess = new SeriesAccess(services.series());
    new SeriesRoutes(services.series(), seriesAccess, auth, clock).mount(router);
    new SeriesPages(services.series(), seriesAccess, services.unions(), auth, views, messages, clock).mount(router);
    new RsvpRoutes(services.rsvps(), access, auth, clock).mount(router);
    new RsvpPages(services.rsvps(), access, auth, views, messages, clock,
        new LotteryBox(services.lottery(), messages), new ShareTags(services.events(), config.publicBaseUrl()))
        .mount(router);
    new MyEventsPages(services.rsvps(), auth, views, messages, clock).with(sportsPages).mount(router);
    new LotteryRoutes(services.lottery(), access).mount(router);
    new LotteryPages(services.lottery(), access, views, messages, clock).mount(router);
    new SeatRoutes(services.offers(), services.reconfirmations(), services.noShows(), access, auth).mount(router);
    new SeatPages(services.offers(), services.reconfirmations(), access, auth).mount(router);
    new NotificationRoutes(services.notifications(), services.notificationTexts(), auth, views).mount(router);
    new NotificationSettingsRoutes(services.notifications(), auth, views).mount(router);
    new CheckinRoutes(services.checkins(), access, auth, messages).mount(router);
    new CheckinPages(services.checkins(), access, auth, views, messages, clock).mount(router);
    new MixerRoutes(services.mixer(), services.intros(), access, auth).mount(router);
    new MixerPages(services.mixer(), services.intros(), services.rounds(), access, auth, views, messages).mount(router);
    new BlockRoutes(services.blocks(), access, auth, views).mount(router);
    new FollowUpRoutes(services.followUps(), access, auth, views).mount(router);
    new RoundRoutes(services.rounds(), access, auth, views).mount(router);
    new MatchmakerPages(services.intros(), auth, views, messages).mount(router);
    new PrivacyRoutes(services.privacy(), auth, views, config).mount(router);
    new SportsRoutes(services.sports(), access, auth, messages, services.certificates()).mount(router);
    sportsPages.mount(router);
    new JudgePages(services.sports(), access, views, messages).mount(router);
    new StandingsPages(services.sports(), access, views, messages).mount(router);
    new ReportRoutes(services.surveys(), services.reports(), access, auth, messages).mount(router);
    new ReportPages(services.surveys(), services.reports(), access, auth, views, messages).mount(router);
    rosterApi.mount(router);
    rosterPages.mount(router);
    new MyRosterPages(services.rosters(), auth, views).mount(router);

    router.route().handler(ctx -> ctx.fail(ApiError.notFound()));
    router.route().failureHandler(new ErrorHandler(views)::handle);

    server = vertx.createHttpServer(new HttpServerOptions()
        .setCompressionSupported(true)
        .setIdleTimeout(120));
    return server.requestHandler(router).listen(port, config.httpHost());
  }

  /**
   * Stops accepting at once (a proxy sends new requests to another instance), lets the requests in
   * flight finish for up to {@link #DRAIN_SECONDS}, then closes what is left (live streams).
   * Readiness answers DRAINING from the start, so a balancer polling it stops sending here too.
   */
  @Override
  public Future<?> stop() {
    services.health().stopServing();
    return server == null ? Future.succeededFuture() : server.shutdown(DRAIN_SECONDS, TimeUnit.SECONDS);
  }
}
