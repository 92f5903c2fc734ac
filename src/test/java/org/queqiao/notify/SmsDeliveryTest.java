package org.queqiao.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
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

/** SMS through a stand-in for Alibaba Cloud's SendSms that checks every request: sent, retried, given up, once. */
class SmsDeliveryTest {
  private final List<Application> apps = new ArrayList<>();
  private final SmsStandIn provider = new SmsStandIn();

  @AfterEach
  void stopEverything() {
    apps.forEach(Application::close);
    provider.close();
  }

  static Map<String, String> smsEnvironment(String endpoint, String databaseUrl) throws Exception {
    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "sms-"));
    env.put("DATABASE_URL", databaseUrl);
    env.put("SMS_PROVIDER", "aliyun");
    env.put("SMS_ACCESS_KEY_ID", SmsStandIn.KEY_ID);
    env.put("SMS_ACCESS_KEY_SECRET", SmsStandIn.SECRET);
    env.put("SMS_SIGN_NAME", SmsStandIn.SIGN_NAME);
    env.put("SMS_ENDPOINT", endpoint);
    env.put("SMS_TEMPLATE_EVENT_CANCELLED", "SMS_300000001");
    env.put("SMS_TEMPLATE_EVENT_CHANGED", "SMS_300000002");
    env.put("EMAIL_POLL_SECONDS", "1");
    env.put("EMAIL_RETRY_BASE_SECONDS", "1");
    // Delivery tests run at any hour; quiet hours have their own test with a fixed clock.
    env.put("QUIET_HOURS", "00:00-00:00");
    return env;
  }

  private Application instance(String databaseUrl) throws Exception {
    Application app = Application.start(AppConfig.fromEnvironment(smsEnvironment(provider.endpoint(), databaseUrl)));
    apps.add(app);
    return app;
  }

  static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return condition.getAsBoolean();
  }

  /** status/attempts/seconds until the next attempt/last error of a member's notification of a kind. */
  static String smsStatus(String databaseUrl, long userId, String kind) {
    try (Connection conn = TestApp.jdbc(databaseUrl); var st = conn.prepareStatement(
        "SELECT sms_status, sms_attempts, extract(epoch FROM sms_next_attempt_at - now())::int, sms_last_error"
            + " FROM notifications WHERE user_id = ? AND kind = ?")) {
      st.setLong(1, userId);
      st.setString(2, kind);
      ResultSet rs = st.executeQuery();
      return rs.next() ? rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getInt(3) + "/" + rs.getString(4) : "none";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Api.Member emailMember(Api api) {
    String email = Api.newEmail();
    String password = "Magpie-bridge-7419";
    Api.Response registered = api.post("/api/auth/register",
        new JsonObject().put("login", email).put("password", password).put("displayName", "邮件会员"), null);
    assertEquals(201, registered.status(), registered.body());
    return new Api.Member(email, password, registered.json().getLong("id"), api.login(email, password));
  }

  private static long eventWithMembers(Api api, List<Api.Member> members) {
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long id = Events.published(api, organizer.token(), Events.salon("短信读书会" + Events.token(), 20));
    for (Api.Member member : members) {
      assertEquals(201, api.post("/api/events/" + id + "/rsvp", null, member.token()).status());
    }
    assertEquals(200, api.post("/api/events/" + id + "/cancel", new JsonObject().put("reason", "场馆维修"),
        organizer.token()).status());
    return id;
  }

  @Test
  void theSignatureFollowsTheProvidersPublishedExample() {
    // The worked example of Alibaba Cloud's SMS signature documentation (GET, secret "testSecret").
    String canonical = "AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001"
        + "&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8"
        + "&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0"
        + "&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D&Timestamp=2017-07-12T02%3A42%3A19Z"
        + "&Version=2017-05-25";
    assertEquals("zJDF+Lrzhj/ThnlvIToysFRq6t4=", AliyunSms.sign("GET", canonical, "testSecret"));
    assertEquals("%E9%B9%8A%20a~b%2A%2B%2F", AliyunSms.percentEncode("鹊 a~b*+/"));
  }

  @Test
  void aCancellationGoesBySmsToMembersWhoSignInByPhoneSignedAsTheProviderWants() throws Exception {
    String database = TestApp.freshDatabaseUrl("sms_delivery");
    Application app = instance(database);
    Api api = new Api("http://127.0.0.1:" + app.port());
    Api.Member byPhone = api.registerAndLogin();
    Api.Member byEmail = emailMember(api);
    eventWithMembers(api, List.of(byPhone, byEmail));

    assertTrue(waitFor(() -> smsStatus(database, byPhone.id(), "EVENT_CANCELLED").startsWith("SENT/1/")),
        smsStatus(database, byPhone.id(), "EVENT_CANCELLED"));
    assertEquals(List.of(), provider.rejected, "every request passed the provider's checks");
    assertEquals(1, provider.accepted.size());
    SmsStandIn.Received sms = provider.accepted.get(0);
    assertEquals(byPhone.login(), sms.phone());
    assertEquals("SMS_300000001", sms.templateCode());
    assertTrue(sms.params().getString("title").startsWith("短信读书会"), sms.params().encode());
    assertTrue(!sms.params().getString("time").isEmpty() && sms.params().containsKey("venue"), sms.params().encode());
    assertTrue(smsStatus(database, byEmail.id(), "EVENT_CANCELLED").startsWith("null/0/"), "an e-mail login gets no SMS");
    assertTrue(smsStatus(database, byPhone.id(), "RSVP_CONFIRMED").startsWith("null/0/"),
        "a sign-up confirmation changes nobody's plans: inbox only, no SMS");
  }

  @Test
  void providerErrorsAreRetriedOrGivenUpAsTheirCodesMean() throws Exception {
    String database = TestApp.freshDatabaseUrl("sms_errors");
    Application app = instance(database);
    Api api = new Api("http://127.0.0.1:" + app.port());
    Api.Member throttled = api.registerAndLogin();
    Api.Member invalid = api.registerAndLogin();
    Api.Member noCredit = api.registerAndLogin();
    provider.answerFor.put(throttled.login(), "isv.BUSINESS_LIMIT_CONTROL");
    provider.answerFor.put(invalid.login(), "isv.MOBILE_NUMBER_ILLEGAL");
    provider.answerFor.put(noCredit.login(), "isv.AMOUNT_NOT_ENOUGH");
    eventWithMembers(api, List.of(throttled, invalid, noCredit));

    assertTrue(waitFor(() -> smsStatus(database, invalid.id(), "EVENT_CANCELLED").startsWith("FAILED/1/")),
        "an invalid number is given up at once: " + smsStatus(database, invalid.id(), "EVENT_CANCELLED"));
    assertTrue(waitFor(() -> smsStatus(database, throttled.id(), "EVENT_CANCELLED").contains("BUSINESS_LIMIT_CONTROL")));
    String status = smsStatus(database, throttled.id(), "EVENT_CANCELLED");
    assertTrue(status.startsWith("PENDING/1/"), "throttled: tried again later, " + status);
    assertTrue(Integer.parseInt(status.split("/")[2]) >= 280, "not before the provider's limit passes: " + status);
    assertTrue(waitFor(() -> smsStatus(database, noCredit.id(), "EVENT_CANCELLED").contains("AMOUNT_NOT_ENOUGH")));
    status = smsStatus(database, noCredit.id(), "EVENT_CANCELLED");
    assertTrue(status.startsWith("PENDING/1/") && Integer.parseInt(status.split("/")[2]) >= 580,
        "out of credit: retried after a long pause, " + status);
    assertEquals(List.of(), provider.rejected);
    assertEquals(0, provider.accepted.size());
  }

  @Test
  void twoInstancesSendEachSmsOnce() throws Exception {
    String database = TestApp.freshDatabaseUrl("sms_two_instances");
    Application first = instance(database);
    Application second = instance(database);
    Api viaFirst = new Api("http://127.0.0.1:" + first.port());
    Api viaSecond = new Api("http://127.0.0.1:" + second.port());
    List<Api.Member> members = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      members.add((i % 2 == 0 ? viaFirst : viaSecond).registerAndLogin());
    }
    eventWithMembers(viaSecond, members);

    assertTrue(waitFor(() -> members.stream()
        .allMatch(m -> smsStatus(database, m.id(), "EVENT_CANCELLED").startsWith("SENT/1/"))));
    Thread.sleep(3000);
    for (Api.Member member : members) {
      assertEquals(1, provider.acceptedFor(member.login()), member.login());
    }
    assertEquals(8, provider.accepted.size());
    assertEquals(List.of(), provider.rejected);
  }
}
