package org.queqiao.unions;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A union in the tree: federation → district or industry union → grassroots union. */
public record Union(long id, String name, Long parentId) {
  public static Union from(Row row) {
    return new Union(row.getLong("id"), row.getString("name"), row.getLong("parent_id"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("parentId", parentId);
  }
}
