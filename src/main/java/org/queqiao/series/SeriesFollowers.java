package org.queqiao.series;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.queqiao.events.Event;
import org.queqiao.events.EventService;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;

/**
 * Tells a series' followers that one of its dates is open ({@link EventService.Published}), in
 * the publishing transaction: the notice exists exactly when the date was published. Keyed by
 * date and member, so even a second call for the same date writes nothing new.
 */
public final class SeriesFollowers implements EventService.Published {
  private final SeriesRepository series;
  private final NotificationRepository notifications;

  public SeriesFollowers(SeriesRepository series, NotificationRepository notifications) {
    this.series = series;
    this.notifications = notifications;
  }

  @Override
  public Future<Integer> afterPublish(SqlConnection conn, Event date) {
    if (date.seriesId() == null) {
      return Future.succeededFuture(0);
    }
    return series.followerIds(conn, date.seriesId())
        .compose(followers -> notifications.notifyUsersOnce(conn, followers, NotificationKind.SERIES_DATE_OPEN,
            date.id(), date.notice().put("seriesId", date.seriesId()), "series-date:" + date.id()));
  }
}
