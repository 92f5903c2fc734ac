package org.queqiao.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/** The outbox row is part of the causing transaction: it commits with it and rolls back with it. */
class OutboxTransactionTest {
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void connect() {
    TestApp.get();
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().connectingTo(TestApp.get().database().connectOptions()).using(vertx).build();
  }

  @AfterAll
  static void disconnect() {
    pool.close().await();
    vertx.close().await();
  }

  private static String rows(long userId) throws Exception {
    try (Connection conn = TestApp.jdbc(); var st = conn.prepareStatement(
        "SELECT count(*), max(email_status), max(email_to) FROM notifications WHERE user_id = ?")) {
      st.setLong(1, userId);
      ResultSet rs = st.executeQuery();
      rs.next();
      return rs.getInt(1) + "/" + rs.getString(2) + "/" + rs.getString(3);
    }
  }

  @Test
  void aNotificationWrittenInAFailedTransactionIsGoneAndInACommittedOneIsThere() throws Exception {
    String email = Api.newEmail();
    Api api = TestApp.api();
    long userId = api.post("/api/auth/register", new JsonObject().put("login", email).put("password", "paper-lantern-9")
        .put("displayName", "事务"), null).json().getLong("id");
    NotificationRepository notifications = new NotificationRepository(true);
    JsonObject params = new JsonObject().put("eventTitle", "回滚测试");

    assertThrows(RuntimeException.class, () -> pool.withTransaction(conn ->
        notifications.notifyUser(conn, userId, NotificationKind.RSVP_CONFIRMED, null, params)
            .compose(written -> Future.failedFuture(new IllegalStateException("the change failed after it")))).await());
    assertEquals("0/null/null", rows(userId), "rolled back with the change");

    pool.withTransaction(conn -> notifications.notifyUser(conn, userId, NotificationKind.RSVP_CONFIRMED, null, params))
        .await();
    assertEquals("1/PENDING/" + email, rows(userId), "committed with the change, its e-mail queued");
  }

  @Test
  void aRefusedSignUpLeavesNoNotification() throws Exception {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long id = Events.published(api, organizer.token(), Events.salon("拒绝" + Events.token(), 5)
        .put("registrationOpensAt", Events.iso(Events.evening(5))));
    Api.Member member = api.registerAndLogin();
    Api.Response refused = api.post("/api/events/" + id + "/rsvp", null, member.token());
    assertEquals(409, refused.status());
    assertEquals("0/null/null", rows(member.id()));
  }
}
