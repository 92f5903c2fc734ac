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

  /** A union id, picked in a form or sent by a client, that names no union. */
  public static ApiError unknownUnion(String field) {
    return ApiError.validation(Map.of(field, "field.unionId.unknown"));
  }

  /** A typed union name that no union contains. */
  public static ApiError noMatch(String field) {
    return ApiError.validation(Map.of(field, "field.union.noMatch"));
  }

  /** A typed union name that several unions contain, or one but not exactly: the person picks. */
  public static ApiError pickOne(String field) {
    return ApiError.validation(Map.of(field, "field.union.pickOne"));
  }

  public static ApiError badName() {
    return ApiError.validation(Map.of("name", "field.union.name"));
  }

  public static ApiError badQuery() {
    return ApiError.validation(Map.of("q", "field.union.name"));
  }

  public static ApiError badLimit() {
    return ApiError.validation(Map.of("limit", "field.union.limit"));
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
