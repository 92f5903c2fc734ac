package org.queqiao.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.queqiao.web.Forms;

/**
 * The event form, both ways: a stored event as the form's fields, and the posted fields (pools,
 * teams, questions) in the API's shape, so the form and the API share one set of rules. The series
 * form uses the same fields for what its dates share.
 */
public final class EventForm {
  static final int BLANK_TEAM_ROWS = 4;
  static final int BLANK_QUESTION_ROWS = 2;

  private EventForm() {}

  /** The stored event as the form's fields. */
  static Map<String, Object> formOf(Event event) {
    Map<String, Object> form = new HashMap<>();
    form.put("type", event.type().name());
    form.put("title", event.title());
    form.put("description", event.description());
    form.put("venue", event.venue());
    form.put("startsAt", EventView.localInput(event.startsAt(), event));
    form.put("endsAt", EventView.localInput(event.endsAt(), event));
    form.put("registrationOpensAt", EventView.localInput(event.registrationOpensAt(), event));
    form.put("registrationClosesAt", EventView.localInput(event.registrationClosesAt(), event));
    form.put("audienceUnionId", event.audienceUnionId());
    form.put("minAge", event.minAge());
    form.put("maxAge", event.maxAge());
    form.put("approval", event.approval());
    form.put("verifiedOnly", event.verifiedOnly());
    form.put("lottery", event.lottery());
    form.put("offerHours", event.seatRules().offerHours());
    form.put("reconfirmHours", event.seatRules().reconfirmHours());
    form.put("maxRecentNoShows", event.seatRules().maxRecentNoShows());
    event.pool(Pool.MAIN).ifPresent(p -> form.put("capacity", p.capacity()));
    event.pool("FEMALE").ifPresent(p -> form.put("femaleCapacity", p.capacity()));
    event.pool("MALE").ifPresent(p -> form.put("maleCapacity", p.capacity()));
    List<Map<String, Object>> teams = new ArrayList<>();
    if (event.type() == EventType.SPORTS_DAY) {
      event.pools().forEach(p -> teams.add(Map.of("key", p.key(), "label", p.label(), "capacity", p.capacity())));
    }
    form.put("teams", teamRows(teams));
    form.put("questions", questionRows(event.questions().stream().map(q -> Map.<String, Object>of(
        "key", q.key(), "label", q.label(), "type", q.type(), "options", String.join("，", q.options()),
        "required", q.required(), "organizerOnly", q.organizerOnly(), "askAtDoor", q.askAtDoor())).toList()));
    return form;
  }

  public static List<Map<String, Object>> questionRows(List<Map<String, Object>> questions) {
    List<Map<String, Object>> rows = new ArrayList<>(questions);
    for (int i = 0; i < BLANK_QUESTION_ROWS; i++) {
      rows.add(Map.of("key", "", "label", "", "type", "TEXT", "options", "", "required", false,
          "organizerOnly", false, "askAtDoor", false));
    }
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = new HashMap<>(rows.get(i));
      row.put("n", i + 1);
      rows.set(i, row);
    }
    return rows;
  }

  /** The question rows as typed; a checkbox sends its row's number, so unticked rows stay aligned. */
  public static List<Map<String, Object>> questionRowsFromForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    List<String> keys = form.getAll("questionKey");
    List<String> labels = form.getAll("questionLabel");
    List<String> types = form.getAll("questionType");
    List<String> options = form.getAll("questionOptions");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      String n = Integer.toString(i + 1);
      rows.add(Map.of("key", i < keys.size() ? keys.get(i) : "", "label", labels.get(i),
          "type", i < types.size() ? types.get(i) : "TEXT", "options", i < options.size() ? options.get(i) : "",
          "required", form.getAll("questionRequired").contains(n),
          "organizerOnly", form.getAll("questionOrganizerOnly").contains(n),
          "askAtDoor", form.getAll("questionAskAtDoor").contains(n), "n", i + 1));
    }
    return rows;
  }

  /**
   * The question rows in the API's shape. A question keeps its stored key, so rewording it keeps
   * the answers given to it; a new question gets a fresh key. Options are separated by commas.
   */
  static JsonArray questionsFromForm(RoutingContext ctx) {
    JsonArray questions = new JsonArray();
    for (Map<String, Object> row : keyed(questionRowsFromForm(ctx), "q")) {
      JsonObject question = new JsonObject().put("key", row.get("key")).put("label", row.get("label")).put("type", row.get("type"))
          .put("required", row.get("required")).put("organizerOnly", row.get("organizerOnly"))
          .put("askAtDoor", row.get("askAtDoor"));
      if ("CHOICE".equals(row.get("type")) || "MULTI".equals(row.get("type"))) {
        JsonArray options = new JsonArray();
        for (String option : String.valueOf(row.get("options")).split("[,，、\\n]")) {
          if (!option.isBlank()) {
            options.add(option.strip());
          }
        }
        question.put("options", options);
      }
      questions.add(question);
    }
    return questions;
  }

  public static List<Map<String, Object>> teamRows(List<Map<String, Object>> teams) {
    List<Map<String, Object>> rows = new ArrayList<>(teams);
    for (int i = 0; i < BLANK_TEAM_ROWS; i++) {
      rows.add(Map.of("key", "", "label", "", "capacity", ""));
    }
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = new HashMap<>(rows.get(i));
      row.put("n", i + 1);
      rows.set(i, row);
    }
    return rows;
  }

  public static List<Map<String, Object>> teamRowsFromForm(RoutingContext ctx) {
    List<String> keys = ctx.request().formAttributes().getAll("teamKey");
    List<String> labels = ctx.request().formAttributes().getAll("teamLabel");
    List<String> capacities = ctx.request().formAttributes().getAll("teamCapacity");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      rows.add(Map.of("key", i < keys.size() ? keys.get(i) : "", "label", labels.get(i),
          "capacity", i < capacities.size() ? capacities.get(i) : ""));
    }
    return rows;
  }

  /**
   * The form's fields in the API's shape. Teams keep their stored keys, so renaming or reordering
   * them in the form never moves anyone's sign-up to another team; a new team gets a fresh key.
   */
  public static JsonObject bodyFromForm(RoutingContext ctx, Event existing) {
    JsonObject body = Forms.toJson(ctx, "title", "description", "venue", "startsAt", "endsAt",
        "registrationOpensAt", "registrationClosesAt", "audienceUnionId", "minAge", "maxAge", "offerHours",
        "reconfirmHours", "maxRecentNoShows");
    String type = existing != null ? existing.type().name() : ctx.request().getFormAttribute("type");
    body.put("type", type);
    for (String optional : List.of("registrationOpensAt", "registrationClosesAt", "audienceUnionId", "minAge", "maxAge",
        "offerHours", "reconfirmHours", "maxRecentNoShows")) {
      if ("".equals(body.getString(optional))) {
        body.putNull(optional);
      }
    }
    if ("MIXER".equals(type)) {
      body.put("pools", new JsonArray()
          .add(new JsonObject().put("key", "FEMALE").put("label", "女")
              .put("capacity", ctx.request().getFormAttribute("femaleCapacity")))
          .add(new JsonObject().put("key", "MALE").put("label", "男")
              .put("capacity", ctx.request().getFormAttribute("maleCapacity"))));
    } else if ("SPORTS_DAY".equals(type)) {
      JsonArray pools = new JsonArray();
      for (Map<String, Object> row : keyed(teamRowsFromForm(ctx), "team")) {
        pools.add(new JsonObject().put("key", row.get("key")).put("label", row.get("label"))
            .put("capacity", row.get("capacity")));
      }
      body.put("pools", pools);
    } else {
      body.put("capacity", ctx.request().getFormAttribute("capacity"));
    }
    if (ctx.request().formAttributes().contains("approvalShown")) {
      // A checkbox sends nothing when unticked: the hidden field says the form showed it.
      body.put("approval", "on".equals(ctx.request().getFormAttribute("approval")));
    }
    if (ctx.request().formAttributes().contains("verifiedOnlyShown")) {
      body.put("verifiedOnly", "on".equals(ctx.request().getFormAttribute("verifiedOnly")));
    }
    String allocation = ctx.request().getFormAttribute("allocation");
    if (allocation != null) {
      body.put("allocation", allocation);
    }
    if (ctx.request().formAttributes().contains("questionLabel")) {
      body.put("questions", questionsFromForm(ctx));
    }
    if (existing != null) {
      body.remove("type");
    }
    return body;
  }

  /**
   * The rows a form filled in (a label given), each with its key: the stored key it came with, so
   * renaming or reordering never moves answers or sign-ups, or a fresh {@code prefix}N for a new row.
   */
  static List<Map<String, Object>> keyed(List<Map<String, Object>> rows, String prefix) {
    Set<String> used = new HashSet<>();
    rows.forEach(row -> used.add(String.valueOf(row.get("key")).strip()));
    List<Map<String, Object>> filled = new ArrayList<>();
    int next = 1;
    for (Map<String, Object> row : rows) {
      String label = String.valueOf(row.get("label")).strip();
      if (label.isEmpty()) {
        continue;
      }
      String key = String.valueOf(row.get("key")).strip();
      if (key.isEmpty()) {
        while (used.contains(prefix + next)) {
          next++;
        }
        key = prefix + next;
        used.add(key);
      }
      Map<String, Object> keyedRow = new HashMap<>(row);
      keyedRow.put("key", key);
      keyedRow.put("label", label);
      filled.add(keyedRow);
    }
    return filled;
  }
}
