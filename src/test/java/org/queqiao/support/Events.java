package org.queqiao.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Building, creating and publishing events over the API, for the event and sign-up tests. */
public final class Events {
  public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private Events() {}

  /** A token to make titles unique, so list assertions can filter on it with {@code q}. */
  public static String token() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** 19:00 China time, {@code days} days from today: always in the future for days ≥ 1. */
  public static OffsetDateTime evening(int days) {
    return OffsetDateTime.now(CHINA).plusDays(days).withHour(19).withMinute(0).withSecond(0).withNano(0);
  }

  /** A complete create body for a reading salon with one pool of {@code capacity} seats. */
  public static JsonObject salon(String title, int capacity) {
    return body("READING_SALON", title, evening(10)).put("capacity", capacity);
  }

  public static JsonObject body(String type, String title, OffsetDateTime startsAt) {
    return new JsonObject()
        .put("type", type)
        .put("title", title)
        .put("description", "测试活动的介绍")
        .put("venue", "凤城工人文化宫三楼")
        .put("startsAt", iso(startsAt))
        .put("endsAt", iso(startsAt.plusHours(2)));
  }

  /** ISO-8601 with seconds and offset, as the API writes times ({@code 2026-12-05T19:00:00+08:00}). */
  public static String iso(OffsetDateTime time) {
    return ISO.format(time);
  }

  public static JsonArray pools(Object... keyLabelCapacity) {
    JsonArray pools = new JsonArray();
    for (int i = 0; i < keyLabelCapacity.length; i += 3) {
      pools.add(new JsonObject().put("key", keyLabelCapacity[i]).put("label", keyLabelCapacity[i + 1])
          .put("capacity", keyLabelCapacity[i + 2]));
    }
    return pools;
  }

  /** A freshly registered member whom the admin has made an organizer. */
  public static Api.Member organizer(Api api, String adminToken) {
    Api.Member member = api.registerAndLogin(new JsonObject().put("displayName", "组织者"));
    Roles.set(api, adminToken, member.id(), "ORGANIZER");
    return member;
  }

  public static JsonObject create(Api api, String token, JsonObject body) {
    Api.Response created = api.post("/api/events", body, token);
    if (created.status() != 201) {
      throw new AssertionError("could not create the event: " + created);
    }
    return created.json();
  }

  public static JsonObject publish(Api api, String token, long eventId) {
    Api.Response published = api.post("/api/events/" + eventId + "/publish", null, token);
    if (published.status() != 200) {
      throw new AssertionError("could not publish event " + eventId + ": " + published);
    }
    return published.json();
  }

  /** Creates and publishes; returns the event's id. */
  public static long published(Api api, String token, JsonObject body) {
    long id = create(api, token, body).getLong("id");
    publish(api, token, id);
    return id;
  }

  public static JsonObject get(Api api, String token, long eventId) {
    Api.Response response = api.get("/api/events/" + eventId, token);
    if (response.status() != 200) {
      throw new AssertionError("could not read event " + eventId + ": " + response);
    }
    return response.json();
  }

  public static JsonObject pool(JsonObject event, String key) {
    for (Object p : event.getJsonArray("pools")) {
      JsonObject pool = (JsonObject) p;
      if (key.equals(pool.getString("key"))) {
        return pool;
      }
    }
    throw new AssertionError("no pool " + key + " in " + event.encode());
  }
}
