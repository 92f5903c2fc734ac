package org.queqiao.sports;

import io.vertx.ext.web.RoutingContext;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.EventAccess;
import org.queqiao.web.ApiError;

/**
 * Route handlers chained after {@link EventAccess}: sports routes exist only for a sports day, and
 * a team's entries are picked by that team's captains or the event's managers.
 */
final class SportsGate {
  private static final String CAPTAIN_OF = "sportsCaptainOf";

  private final SportsService service;

  SportsGate(SportsService service) {
    this.service = service;
  }

  void sportsDay(RoutingContext ctx) {
    if (SportsService.isSportsDay(EventAccess.event(ctx))) {
      ctx.next();
    } else {
      ctx.fail(SportsErrors.notASportsDay());
    }
  }

  /** Managers pass; a captain passes with their team in the context; anyone else gets 403. */
  void requireCaptainOrManager(RoutingContext ctx) {
    if (EventAccess.grant(ctx).manager()) {
      ctx.next();
      return;
    }
    service.captainTeam(EventAccess.event(ctx), CurrentUser.require(ctx).user()).onSuccess(team -> {
      if (team.isPresent()) {
        ctx.put(CAPTAIN_OF, team.get());
        ctx.next();
      } else {
        ctx.fail(ApiError.forbidden());
      }
    }).onFailure(ctx::fail);
  }

  /** The team a request acts for: a captain's own (naming another is 403); a manager must name one. */
  static String teamFor(RoutingContext ctx, String named) {
    String captainOf = ctx.get(CAPTAIN_OF);
    if (captainOf != null) {
      if (named != null && !named.equals(captainOf)) {
        throw ApiError.forbidden();
      }
      return captainOf;
    }
    if (named == null || EventAccess.event(ctx).pool(named).isEmpty()) {
      throw SportsErrors.teamRequired();
    }
    return named;
  }

  static boolean isCaptain(RoutingContext ctx) {
    return ctx.get(CAPTAIN_OF) != null;
  }
}
