package org.queqiao.accounts;

import io.vertx.core.Future;
import java.util.Map;

/**
 * The unions a member is verified in (their roster rows), by id with the union's name, for the
 * profile and {@code GET /api/me}. The rosters feature answers it; the composition root plugs it in.
 */
@FunctionalInterface
public interface Membership {
  Future<Map<Long, String>> verifiedUnions(long userId);
}
