package org.queqiao.unions;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.Map;
import org.queqiao.web.ApiError;

/** The refusals of the union tree. */
public final class UnionErrors {
  private UnionErrors() {}

  public static ApiError unionExists() {
    return new ApiError(409, "UNION_EXISTS", "error.unionExists", Map.of("name", "field.union.taken"));
  }

  public static ApiError unknownParent() {
    return ApiError.validation(Map.of("parentId", "field.unionId.unknown"));
  }

  static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof PgException pg) {
      if ("23505".equals(pg.getSqlState())) {
        return Future.failedFuture(unionExists());
      }
      if ("23503".equals(pg.getSqlState())) {
        return Future.failedFuture(unknownParent());
      }
    }
    return Future.failedFuture(failure);
  }
}
