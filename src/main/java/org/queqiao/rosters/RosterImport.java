package org.queqiao.rosters;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** One upload of a union's roster and how far reading it has come (never its file). */
public record RosterImport(long id, long unionId, String unionName, String fileName, String status, int rows, int done,
    int accepted, int refused, int dropped, String error, OffsetDateTime createdAt, OffsetDateTime finishedAt,
    ColumnMapping mapping) {
  public static final String PREVIEW = "PREVIEW";
  public static final String RUNNING = "RUNNING";
  public static final String DONE = "DONE";
  public static final String FAILED = "FAILED";

  static final String COLUMNS = "i.id, i.union_id, (SELECT n.name FROM unions n WHERE n.id = i.union_id) AS union_name,"
      + " i.file_name, i.status, i.rows, i.done, i.accepted, i.refused, i.dropped, i.error, i.created_at,"
      + " i.finished_at, i.mapping";

  static RosterImport from(Row row) {
    Object mapping = row.getValue("mapping");
    return new RosterImport(row.getLong("id"), row.getLong("union_id"), row.getString("union_name"),
        row.getString("file_name"), row.getString("status"), row.getInteger("rows"), row.getInteger("done"),
        row.getInteger("accepted"), row.getInteger("refused"), row.getInteger("dropped"), row.getString("error"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("finished_at"),
        mapping instanceof JsonObject json ? ColumnMapping.fromJson(json) : null);
  }

  public boolean finished() {
    return DONE.equals(status) || FAILED.equals(status);
  }

  /** Whole per cent of the rows read; 100 once finished. */
  public int percent() {
    if (finished()) {
      return 100;
    }
    return rows == 0 ? 0 : (int) Math.min(99, (long) done * 100 / rows);
  }

  /** Contract §17: status, rows, done, accepted, refused (and what else helps the page). */
  public JsonObject toJson() {
    return progress(id, status, rows, done, accepted, refused)
        .put("unionId", unionId)
        .put("fileName", fileName)
        .put("dropped", dropped)
        .put("error", error)
        .put("createdAt", createdAt == null ? null : createdAt.toString())
        .put("finishedAt", finishedAt == null ? null : finishedAt.toString());
  }

  static JsonObject progress(long id, String status, int rows, int done, int accepted, int refused) {
    return new JsonObject().put("importId", id).put("status", status).put("rows", rows).put("done", done)
        .put("accepted", accepted).put("refused", refused);
  }
}
