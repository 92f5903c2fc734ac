package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Whether a member is verified (found on a union's roster) in a union or one below it, or in any
 * union when it is null: the audience rule of an event for verified members only. The rosters
 * feature answers it; the composition root plugs it in, so sign-up needs nothing from rosters.
 */
@FunctionalInterface
public interface VerifiedMembers {
  Future<Boolean> verifiedWithin(SqlClient client, long userId, Long unionId);
}
