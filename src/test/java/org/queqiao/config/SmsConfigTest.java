package org.queqiao.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SMS_* and QUIET_HOURS as README documents them. */
class SmsConfigTest {
  private static Map<String, String> sms() {
    Map<String, String> env = new HashMap<>();
    env.put("SMS_PROVIDER", "aliyun");
    env.put("SMS_ACCESS_KEY_ID", "id");
    env.put("SMS_ACCESS_KEY_SECRET", "secret");
    env.put("SMS_SIGN_NAME", "鹊桥");
    env.put("SMS_TEMPLATE_SEAT_OFFERED", " SMS_1 ");
    return env;
  }

  @Test
  void smsIsOffUnlessAProviderIsNamedAndQuietHoursDefaultToTenToEight() {
    AppConfig config = AppConfig.fromEnvironment(Map.of());
    assertTrue(config.sms().isEmpty());
    assertEquals(LocalTime.of(22, 0), config.quietFrom());
    assertEquals(LocalTime.of(8, 0), config.quietUntil());
  }

  @Test
  void aProviderNeedsItsKeysAndTakesOneTemplatePerKind() {
    AppConfig.Sms sms = AppConfig.fromEnvironment(sms()).sms().orElseThrow();
    assertEquals(Map.of("SEAT_OFFERED", "SMS_1"), sms.templates());
    assertEquals("https://dysmsapi.aliyuncs.com", sms.endpoint().toString());
    Map<String, String> missing = sms();
    missing.remove("SMS_ACCESS_KEY_SECRET");
    assertThrows(AppConfig.ConfigException.class, () -> AppConfig.fromEnvironment(missing));
    Map<String, String> unknown = sms();
    unknown.put("SMS_PROVIDER", "twilio");
    assertThrows(AppConfig.ConfigException.class, () -> AppConfig.fromEnvironment(unknown));
    assertThrows(AppConfig.ConfigException.class, () -> AppConfig.fromEnvironment(Map.of("QUIET_HOURS", "22-8")));
    assertEquals(LocalTime.of(23, 30), AppConfig.fromEnvironment(Map.of("QUIET_HOURS", "23:30-07:00")).quietFrom());
  }
}
