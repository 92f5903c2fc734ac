package org.queqiao.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/** E-mail through a real SMTP server (GreenMail): delivered, retried, and sent once by two instances. */
class EmailDeliveryTest {
  private final List<Application> apps = new ArrayList<>();
  private final List<GreenMail> mailServers = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    apps.forEach(Application::close);
    mailServers.forEach(GreenMail::stop);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private GreenMail mailServer(int port) {
    GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    mailServers.add(mail);
    return mail;
  }

  /** Another instance on the test database that sends e-mail to the given SMTP port. */
  private Application instanceMailingTo(int smtpPort) throws Exception {
    TestApp.get();
    return instanceMailingTo(smtpPort, TestApp.databaseUrl());
  }

  private Application instanceMailingTo(int smtpPort, String databaseUrl) throws Exception {
    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "mail-"));
    env.put("DATABASE_URL", databaseUrl);
    env.put("SMTP_HOST", "127.0.0.1");
    env.put("SMTP_PORT", Integer.toString(smtpPort));
    env.put("SMTP_FROM", "queqiao@union.example");
    env.put("EMAIL_POLL_SECONDS", "1");
    env.put("EMAIL_RETRY_BASE_SECONDS", "1");
    Application app = Application.start(AppConfig.fromEnvironment(env));
    apps.add(app);
    return app;
  }

  private static Api.Member emailMember(Api api) {
    String email = Api.newEmail();
    String password = "password-mail-1";
    Api.Response registered = api.post("/api/auth/register",
        new JsonObject().put("login", email).put("password", password).put("displayName", "邮件会员"), null);
    assertEquals(201, registered.status(), registered.body());
    return new Api.Member(email, password, registered.json().getLong("id"), api.login(email, password));
  }

  private static List<MimeMessage> messagesTo(GreenMail mail, String address) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)) {
        found.add(message);
      }
    }
    return found;
  }

  private static void makeJobDue(String databaseUrl, String job) throws Exception {
    try (Connection conn = TestApp.jdbc(databaseUrl);
         var st = conn.prepareStatement("UPDATE scheduled_jobs SET next_run_at = now() WHERE name = ?")) {
      st.setString(1, job);
      assertEquals(1, st.executeUpdate());
    }
  }

  private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return condition.getAsBoolean();
  }

  private static String emailStatus(long userId, String kind) throws Exception {
    try (Connection conn = TestApp.jdbc(); var st = conn.prepareStatement(
        "SELECT email_status, email_attempts, email_last_error FROM notifications WHERE user_id = ? AND kind = ?")) {
      st.setLong(1, userId);
      st.setString(2, kind);
      ResultSet rs = st.executeQuery();
      return rs.next() ? rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getString(3) : "none";
    }
  }

  @Test
  void aSignUpIsConfirmedByEmailToMembersWhoseLoginIsAnEmailAddress() throws Exception {
    int port = freePort();
    GreenMail mail = mailServer(port);
    Application app = instanceMailingTo(port);
    Api api = new Api("http://127.0.0.1:" + app.port());
    Api.Member organizer = Events.organizer(api, api.adminToken());
    String title = "邮件读书会" + Events.token();
    long id = Events.published(api, organizer.token(), Events.salon(title, 5));
    Api.Member member = emailMember(api);
    Api.Member byPhone = api.registerAndLogin();

    assertEquals(201, api.post("/api/events/" + id + "/rsvp", null, member.token()).status());
    assertEquals(201, api.post("/api/events/" + id + "/rsvp", null, byPhone.token()).status());

    assertTrue(waitFor(() -> mail.getReceivedMessages().length >= 1), "an e-mail arrives");
    List<MimeMessage> received = messagesTo(mail, member.login());
    assertEquals(1, received.size());
    assertTrue(received.get(0).getSubject().contains(title), received.get(0).getSubject());
    assertTrue(received.get(0).getSubject().contains("You are signed up"), "Chinese first, English too");
    assertTrue(String.valueOf(received.get(0).getContent()).contains("/events/" + id));
    assertTrue(waitFor(() -> {
      try {
        return emailStatus(member.id(), "RSVP_CONFIRMED").startsWith("SENT/1/");
      } catch (Exception e) {
        return false;
      }
    }), "delivery is recorded");
    assertEquals("null/0/null", emailStatus(byPhone.id(), "RSVP_CONFIRMED"),
        "a member who signed up with a phone number has the notification in the inbox and no e-mail");
  }

  @Test
  void anEmailIsRetriedUntilTheSmtpServerIsBack() throws Exception {
    int port = freePort();
    Application app = instanceMailingTo(port);
    Api api = new Api("http://127.0.0.1:" + app.port());
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long id = Events.published(api, organizer.token(), Events.salon("重试" + Events.token(), 5));
    Api.Member member = emailMember(api);
    assertEquals(201, api.post("/api/events/" + id + "/rsvp", null, member.token()).status());

    assertTrue(waitFor(() -> {
      try {
        String status = emailStatus(member.id(), "RSVP_CONFIRMED");
        return status.startsWith("PENDING/") && !status.endsWith("/null");
      } catch (Exception e) {
        return false;
      }
    }), "the failed attempt is recorded and the e-mail stays pending");

    GreenMail mail = mailServer(port);
    assertTrue(waitFor(() -> {
      try {
        return messagesTo(mail, member.login()).size() == 1;
      } catch (Exception e) {
        return false;
      }
    }), "it arrives once the server is back");
    String status = emailStatus(member.id(), "RSVP_CONFIRMED");
    assertTrue(status.startsWith("SENT/"), status);
    assertTrue(Integer.parseInt(status.split("/")[1]) >= 2, "after more than one attempt: " + status);
  }

  @Test
  void twoInstancesSendEachEmailOnceAndEachReminderOnce() throws Exception {
    int port = freePort();
    GreenMail mail = mailServer(port);
    // Their own database: only these two instances run its jobs and send its e-mail.
    String database = TestApp.freshDatabaseUrl("two_instances");
    Application first = instanceMailingTo(port, database);
    Application second = instanceMailingTo(port, database);
    Api viaFirst = new Api("http://127.0.0.1:" + first.port());
    Api viaSecond = new Api("http://127.0.0.1:" + second.port());
    Api.Member organizer = Events.organizer(viaFirst, viaFirst.adminToken());
    OffsetDateTime soon = OffsetDateTime.now(Events.CHINA).plusHours(2).withNano(0);
    long id = Events.published(viaFirst, organizer.token(),
        Events.body("READING_SALON", "双实例" + Events.token(), soon).put("capacity", 20));
    List<Api.Member> members = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Api via = i % 2 == 0 ? viaFirst : viaSecond;
      Api.Member member = emailMember(via);
      assertEquals(201, via.post("/api/events/" + id + "/rsvp", null, member.token()).status());
      members.add(member);
    }
    for (int round = 0; round < 3; round++) {
      makeJobDue(database, "event-reminders");
      Thread.sleep(1500);
    }

    assertTrue(waitFor(() -> {
      try {
        for (Api.Member m : members) {
          if (messagesTo(mail, m.login()).size() < 2) {
            return false;
          }
        }
        return true;
      } catch (Exception e) {
        return false;
      }
    }), "every member gets the confirmation and the reminder");
    Thread.sleep(3000);
    for (Api.Member m : members) {
      List<MimeMessage> received = messagesTo(mail, m.login());
      assertEquals(2, received.size(), "exactly two e-mails for " + m.login());
      long reminders = received.stream().filter(msg -> {
        try {
          return msg.getSubject().startsWith("活动提醒");
        } catch (Exception e) {
          return false;
        }
      }).count();
      assertEquals(1, reminders, "one reminder e-mail for " + m.login());
      try (Connection conn = TestApp.jdbc(database);
           var st = conn.prepareStatement(
          "SELECT count(*) FROM notifications WHERE user_id = ? AND kind = 'EVENT_REMINDER'")) {
        st.setLong(1, m.id());
        ResultSet rs = st.executeQuery();
        rs.next();
        assertEquals(1, rs.getInt(1), "one reminder in the inbox");
      }
    }
    assertNotNull(second);
  }
}
