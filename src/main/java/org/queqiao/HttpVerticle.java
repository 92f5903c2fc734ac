package org.queqiao;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import org.queqiao.auth.AuthRoutes;
import org.queqiao.checkin.CheckinPages;
import org.queqiao.checkin.CheckinRoutes;
import org.queqiao.events.EventPages;
import org.queqiao.events.EventRoutes;
import org.queqiao.events.OrganizerPages;
import org.queqiao.health.HealthRoutes;
import org.queqiao.mixer.MixerPages;
import org.queqiao.mixer.MixerRoutes;
import org.queqiao.notify.NotificationRoutes;
import org.queqiao.rsvp.RsvpRoutes;
import org.queqiao.unions.UnionRoutes;
import org.queqiao.users.ProfilePages;
import org.queqiao.users.UserRoutes;
import org.queqiao.web.ApiError;
import org.queqiao.web.Assets;
import org.queqiao.web.Csrf;
import org.queqiao.web.ErrorHandler;
import org.queqiao.web.LanguageRoutes;
import org.queqiao.web.SecurityHeaders;
import org.queqiao.web.Views;

/** Builds the router: cross-cutting handlers first, then each feature's route table. */
public final class HttpVerticle extends VerticleBase {
  static final int BODY_LIMIT_BYTES = 64 * 1024;

  private final Services services;
  private final int port;

  HttpVerticle(Services services, int port) {
    this.services = services;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    var config = services.config();
    var auth = services.authentication();
    Views views = new Views(vertx, services.messages(), services.assets(), services.notifications()::unreadCount);
    Router router = Router.router(vertx);

    router.route().handler(new SecurityHeaders(config.secureCookies())::handle);
    router.route("/static/*").handler(StaticHandler.create("webroot")
        .setCachingEnabled(true)
        .setMaxAgeSeconds(Assets.MAX_AGE_SECONDS));
    new HealthRoutes(services.health()).mount(router);

    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
    router.route().handler(auth::identify);
    router.route().handler(new Csrf(config.secureCookies())::handle);

    new LanguageRoutes().mount(router);
    new EventPages(services.events(), services.rsvps(), services.rsvpService(), services.checkins(), auth, views,
        services.messages(), services.clock()).mount(router);
    new OrganizerPages(services.events(), services.eventService(), services.rsvps(), services.unions(), auth, views,
        services.messages(), services.clock()).mount(router);
    new ProfilePages(services.users(), services.unions(), auth, views).mount(router);
    new AuthRoutes(services.accounts(), auth, services.unions(), views, config.trustForwardedFor()).mount(router);
    new UserRoutes(services.users(), auth).mount(router);
    new UnionRoutes(services.unions(), auth).mount(router);
    new EventRoutes(services.events(), services.eventService(), services.rsvps(), auth, config, services.clock())
        .mount(router);
    new NotificationRoutes(services.notifications(), services.notificationTexts(), auth, views).mount(router);
    CheckinRoutes checkinApi = new CheckinRoutes(services.checkinService(), services.checkins(), services.eventService(),
        services.attendanceHub(), auth, services.messages(), config, services.clock());
    checkinApi.mount(router);
    new CheckinPages(services.checkinService(), services.checkins(), checkinApi, services.eventService(), auth, views,
        services.messages(), services.clock()).mount(router);
    new MixerRoutes(services.mixer(), services.intros(), auth).mount(router);
    new MixerPages(services.mixer(), services.intros(), auth, views, services.messages()).mount(router);
    new RsvpRoutes(services.rsvpService(), services.rsvps(), auth, services.clock()).mount(router);

    router.route().handler(ctx -> ctx.fail(ApiError.notFound()));
    router.route().failureHandler(new ErrorHandler(views)::handle);

    HttpServer server = vertx.createHttpServer(new HttpServerOptions()
        .setCompressionSupported(true)
        .setIdleTimeout(120));
    return server.requestHandler(router).listen(port, config.httpHost());
  }
}
