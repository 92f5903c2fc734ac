package org.queqiao.mixer;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.users.LoginNames;
import org.queqiao.web.ApiError;

/** What a member is willing to share with someone they match with. Its toString hides the values. */
public record ContactCard(String phone, String wechat, String email, String note) {
  public static final List<String> FIELDS = List.of("phone", "wechat", "email", "note");
  public static final ContactCard EMPTY = new ContactCard(null, null, null, null);

  public static ContactCard parse(JsonObject body) {
    Map<String, String> errors = new LinkedHashMap<>();
    String phone = text(body, "phone", 20, errors);
    if (phone != null) {
      phone = LoginNames.normalise(phone).filter(p -> !p.contains("@")).orElse(null);
      if (phone == null) {
        errors.put("phone", "field.card.phone");
      }
    }
    String wechat = text(body, "wechat", 40, errors);
    if (wechat != null && !wechat.matches("[A-Za-z0-9_\\-]{3,40}")) {
      errors.put("wechat", "field.card.wechat");
    }
    String email = text(body, "email", 254, errors);
    if (email != null) {
      email = LoginNames.normalise(email).filter(e -> e.contains("@")).orElse(null);
      if (email == null) {
        errors.put("email", "field.card.email");
      }
    }
    String note = text(body, "note", 200, errors);
    if (!errors.isEmpty()) {
      throw ApiError.validation(errors);
    }
    return new ContactCard(phone, wechat, email, note);
  }

  private static String text(JsonObject body, String name, int max, Map<String, String> errors) {
    Object value = body.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      errors.put(name, "field.text.expected");
      return null;
    }
    String trimmed = s.strip();
    if (trimmed.length() > max) {
      errors.put(name, "field.card.tooLong");
      return null;
    }
    return trimmed.isEmpty() ? null : trimmed;
  }

  static ContactCard from(JsonObject json) {
    return new ContactCard(json.getString("phone"), json.getString("wechat"), json.getString("email"),
        json.getString("note"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (phone != null) {
      json.put("phone", phone);
    }
    if (wechat != null) {
      json.put("wechat", wechat);
    }
    if (email != null) {
      json.put("email", email);
    }
    if (note != null) {
      json.put("note", note);
    }
    return json;
  }

  /** The names of the fields this card shares: what a match would disclose. */
  public List<String> sharedFields() {
    List<String> shared = new ArrayList<>(toJson().fieldNames());
    shared.sort((a, b) -> FIELDS.indexOf(a) - FIELDS.indexOf(b));
    return shared;
  }

  /** Only the named fields: what was disclosed, never more than was consented to. */
  public JsonObject only(List<String> fields) {
    JsonObject all = toJson();
    JsonObject shown = new JsonObject();
    fields.forEach(f -> {
      if (all.containsKey(f)) {
        shown.put(f, all.getValue(f));
      }
    });
    return shown;
  }

  @Override
  public String toString() {
    return "ContactCard" + sharedFields();
  }
}
