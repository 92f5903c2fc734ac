package org.queqiao.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A question asked at sign-up (contract §11). {@code organizerOnly}: the answer is for the event's
 * managers only (never shown at the door); {@code askAtDoor}: the scanner shows the answer when the
 * member is checked in. The key ties answers to the question, so a label may change freely.
 */
public record Question(String key, String label, String type, List<String> options, boolean required,
    boolean organizerOnly, boolean askAtDoor) {
  public static final Set<String> TYPES = Set.of("TEXT", "CHOICE", "MULTI", "NUMBER");
  public static final int MAX_QUESTIONS = 20;
  public static final int MAX_OPTIONS = 30;

  public boolean hasOptions() {
    return "CHOICE".equals(type) || "MULTI".equals(type);
  }

  /** Shown to door staff at check-in. */
  public boolean shownAtDoor() {
    return askAtDoor && !organizerOnly;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("key", key).put("label", label).put("type", type).put("required", required)
        .put("organizerOnly", organizerOnly).put("askAtDoor", askAtDoor);
    if (hasOptions()) {
      json.put("options", new JsonArray(options));
    }
    return json;
  }

  public static JsonArray toJson(List<Question> questions) {
    JsonArray array = new JsonArray();
    questions.forEach(q -> array.add(q.toJson()));
    return array;
  }

  /** Questions as stored (already validated when written). */
  static List<Question> fromStored(Object raw) {
    List<Question> list = new ArrayList<>();
    if (raw instanceof JsonArray array) {
      for (Object item : array) {
        JsonObject q = (JsonObject) item;
        List<String> options = new ArrayList<>();
        if (q.getJsonArray("options") != null) {
          q.getJsonArray("options").forEach(o -> options.add(String.valueOf(o)));
        }
        list.add(new Question(q.getString("key"), q.getString("label"), q.getString("type"), List.copyOf(options),
            q.getBoolean("required", false), q.getBoolean("organizerOnly", false), q.getBoolean("askAtDoor", false)));
      }
    }
    return List.copyOf(list);
  }

  /** Validates the {@code questions} of a request body; problems go to {@code errors} under "questions". */
  static List<Question> parse(Object value, Map<String, String> errors) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || array.size() > MAX_QUESTIONS) {
      errors.put("questions", "field.event.questions");
      return List.of();
    }
    List<Question> questions = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (Object item : array) {
      Question q = item instanceof JsonObject json ? one(json) : null;
      if (q == null || !keys.add(q.key())) {
        errors.put("questions", "field.event.questions");
        return List.of();
      }
      questions.add(q);
    }
    return List.copyOf(questions);
  }

  private static Question one(JsonObject json) {
    String key = json.getValue("key") instanceof String k ? k.strip() : "";
    String label = json.getValue("label") instanceof String l ? l.strip() : "";
    String type = json.getValue("type") instanceof String t ? t : "";
    if (!key.matches("[A-Za-z0-9_-]{1,40}") || label.isEmpty() || label.codePointCount(0, label.length()) > 200
        || !TYPES.contains(type) || !flag(json, "required") || !flag(json, "organizerOnly") || !flag(json, "askAtDoor")) {
      return null;
    }
    List<String> options = new ArrayList<>();
    Object raw = json.getValue("options");
    boolean choice = "CHOICE".equals(type) || "MULTI".equals(type);
    if (choice) {
      if (!(raw instanceof JsonArray given) || given.isEmpty() || given.size() > MAX_OPTIONS) {
        return null;
      }
      for (Object option : given) {
        String text = option instanceof String s ? s.strip() : "";
        if (text.isEmpty() || text.length() > 100 || options.contains(text)) {
          return null;
        }
        options.add(text);
      }
    } else if (raw != null && !(raw instanceof JsonArray a && a.isEmpty())) {
      return null;
    }
    return new Question(key, label, type, List.copyOf(options), Boolean.TRUE.equals(json.getValue("required")),
        Boolean.TRUE.equals(json.getValue("organizerOnly")), Boolean.TRUE.equals(json.getValue("askAtDoor")));
  }

  private static boolean flag(JsonObject json, String name) {
    Object value = json.getValue(name);
    return value == null || value instanceof Boolean;
  }
}
