package org.queqiao.series;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.queqiao.auth.CurrentUser;
import org.queqiao.web.PathParams;

/**
 * Who may see the series named by the path's {@code :id}, as a chained route handler: those who
 * may see at least one of its dates (the events' own rule, date by date). Leaves the asker's
 * {@link SeriesService.View} in the routing context; 404 for everyone else.
 */
public final class SeriesAccess {
  private static final String VIEW = "seriesView";

  private final SeriesService service;

  public SeriesAccess(SeriesService service) {
    this.service = service;
  }

  public void requireVisible(RoutingContext ctx) {
    long id = PathParams.pathLong(ctx, "id", SeriesErrors::seriesNotFound);
    service.view(CurrentUser.of(ctx).map(CurrentUser::user), id)
        .onSuccess(found -> {
          if (found.isEmpty()) {
            ctx.fail(SeriesErrors.seriesNotFound());
          } else {
            ctx.put(VIEW, found.get());
            ctx.next();
          }
        })
        .onFailure(ctx::fail);
  }

  public static SeriesService.View view(RoutingContext ctx) {
    return Optional.<SeriesService.View>ofNullable(ctx.get(VIEW))
        .orElseThrow(() -> new IllegalStateException("route is missing SeriesAccess.requireVisible"));
  }
}
