package org.queqiao.unions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** The union tree: listing it, and adding a union under an existing parent. */
public final class UnionService {
  private final Pool pool;
  private final UnionRepository unions;

  public UnionService(Pool pool, UnionRepository unions) {
    this.pool = pool;
    this.unions = unions;
  }

  public Future<List<Union>> list() {
    return unions.list(pool);
  }

  public Future<Union> create(String name, Long parentId) {
    return unions.insert(pool, name, parentId).recover(UnionErrors::translate);
  }
}
