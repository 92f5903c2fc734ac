package org.queqiao.notify;

import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.queqiao.notify.NotificationSettingsRepository.Choice;

/**
 * A member's channels per kind (contract §19). The inbox always gets every notification; e-mail
 * is on unless turned off; SMS is on for the kinds that go by SMS at all ({@link NotificationKind#bySms})
 * and can never be on for the others.
 */
public record NotificationSettings(Map<NotificationKind, Choice> kinds, int smsDailyCap) {
  public static final int MAX_SMS_DAILY_CAP = 10;

  static NotificationSettings withDefaults(Map<NotificationKind, Choice> chosen, int smsDailyCap) {
    Map<NotificationKind, Choice> all = new EnumMap<>(NotificationKind.class);
    for (NotificationKind kind : NotificationKind.values()) {
      Choice choice = chosen.getOrDefault(kind, new Choice(true, kind.bySms()));
      all.put(kind, new Choice(choice.email(), choice.sms() && kind.bySms()));
    }
    return new NotificationSettings(all, smsDailyCap);
  }

  public JsonObject toJson() {
    Map<String, Object> kindsJson = new LinkedHashMap<>();
    kinds.forEach((kind, c) -> kindsJson.put(kind.name(), new JsonObject().put("email", c.email()).put("sms", c.sms())));
    return new JsonObject().put("kinds", new JsonObject(kindsJson)).put("smsDailyCap", smsDailyCap);
  }
}
