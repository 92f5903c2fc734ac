package org.queqiao.unions;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

public record Union(long id, String name) {
  public static Union from(Row row) {
    return new Union(row.getLong("id"), row.getString("name"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name);
  }
}
