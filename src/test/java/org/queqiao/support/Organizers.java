package org.queqiao.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Organisers and their events, made through the API as a real organiser would. */
public final class Organizers {
  private Organizers() {}

  public static Api.Member newOrganizer(Api api) {
    Api.Member member = api.registerAndLogin(new JsonObject().put("displayName", "组织者"));
    Api.Response granted = api.put("/api/admin/users/" + member.id() + "/roles",
        new JsonObject().put("roles", new JsonArray().add("ORGANIZER")), api.adminToken());
    if (granted.status() != 200) {
      throw new AssertionError("could not grant ORGANIZER: " + granted);
    }
    return member;
  }

  /** A time {@code days} from now in Beijing time, whole seconds. */
  public static OffsetDateTime inDays(int days) {
    return OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(days).withNano(0);
  }

  public static String uniqueTitle(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A reading salon starting in ten days with the given capacity, as JSON ready to POST. */
  public static JsonObject salon(String title, int capacity) {
    return new JsonObject()
        .put("type", "READING_SALON").put("title", title).put("description", "共读一本书")
        .put("venue", "工人文化宫").put("startsAt", inDays(10).toString()).put("endsAt", inDays(10).plusHours(2).toString())
        .put("capacity", capacity);
  }

  public static long createAndPublish(Api api, String organizerToken, JsonObject event) {
    Api.Response created = api.post("/api/events", event, organizerToken);
    if (created.status() != 201) {
      throw new AssertionError("could not create event: " + created);
    }
    long id = created.json().getLong("id");
    Api.Response published = api.post("/api/events/" + id + "/publish", null, organizerToken);
    if (published.status() != 200) {
      throw new AssertionError("could not publish event: " + published);
    }
    return id;
  }
}
