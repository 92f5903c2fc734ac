package org.queqiao.rosters;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import org.queqiao.auth.CurrentUser;
import org.queqiao.users.Role;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.PathParams;

/**
 * Who may see and import a union's roster: admins, and organisers whose account names that union
 * or one above it in the tree. An organiser without a union on their account is no union's
 * organiser here (roster rows are personal data of people who may never sign up). Chained route
 * handlers: they leave the union id, or the import, in the context.
 */
public final class RosterAccess {
  private static final String UNION = "rosterUnionId";
  private static final String IMPORT = "rosterImport";

  private final RosterRepository rosters;
  private final SqlClient reads;

  public RosterAccess(RosterRepository rosters, SqlClient reads) {
    this.rosters = rosters;
    this.reads = reads;
  }

  /** {@code :id} names a union whose roster the asker may handle. */
  public void requireUnionOrganiser(RoutingContext ctx) {
    User user = asker(ctx);
    if (user == null) {
      return;
    }
    long unionId = PathParams.id(ctx);
    check(user, unionId).onSuccess(ok -> {
      ctx.put(UNION, unionId);
      ctx.next();
    }).onFailure(ctx::fail);
  }

  /** {@code :importId} names an import of such a union. */
  public void requireImportOrganiser(RoutingContext ctx) {
    User user = asker(ctx);
    if (user == null) {
      return;
    }
    long importId = PathParams.pathLong(ctx, "importId", RosterErrors::importNotFound);
    rosters.findImport(reads, importId)
        .compose(found -> found.isEmpty() ? Future.failedFuture(RosterErrors.importNotFound())
            : check(user, found.get().unionId()).recover(refused -> Future.failedFuture(
                refused instanceof ApiError e && e.status() == 403 ? e : RosterErrors.importNotFound()))
                .map(found.get()))
        .onSuccess(rosterImport -> {
          ctx.put(IMPORT, rosterImport);
          ctx.put(UNION, rosterImport.unionId());
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  public static long unionId(RoutingContext ctx) {
    return ctx.<Long>get(UNION);
  }

  public static RosterImport rosterImport(RoutingContext ctx) {
    return ctx.get(IMPORT);
  }

  private static User asker(RoutingContext ctx) {
    var current = CurrentUser.of(ctx);
    if (current.isEmpty()) {
      ctx.fail(ApiError.unauthorized());
      return null;
    }
    return current.get().user();
  }

  private Future<Void> check(User user, long unionId) {
    boolean admin = user.has(Role.ADMIN);
    if (!admin && (!user.has(Role.ORGANIZER) || user.unionId() == null)) {
      return Future.failedFuture(admin ? ApiError.forbidden() : RosterErrors.notUnionOrganiser());
    }
    return rosters.organises(reads, admin ? null : user.unionId(), unionId).compose(found -> {
      if (!found.found()) {
        return Future.failedFuture(ApiError.notFound());
      }
      return admin || found.within() ? Future.succeededFuture() : Future.failedFuture(RosterErrors.notUnionOrganiser());
    });
  }
}
