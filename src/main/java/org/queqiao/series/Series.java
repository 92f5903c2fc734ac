package org.queqiao.series;

import io.vertx.sqlclient.Row;

/** A series: what its dates have in common as members see it; each date is an event of its own. */
public record Series(long id, String title, String description, long organizerId) {

  static Series from(Row row) {
    return new Series(row.getLong("id"), row.getString("title"), row.getString("description"),
        row.getLong("organizer_id"));
  }
}
