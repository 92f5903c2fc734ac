package org.queqiao.rosters;

import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which column holds which field: an index into the row per field, -1 for none. Guessed from the
 * header (Chinese or English names), or chosen on the preview page.
 */
public record ColumnMapping(int name, int mobile, int memberNo, int union) {
  public static final List<String> FIELDS = List.of("name", "mobile", "memberNo", "union");

  private static final Map<String, Set<String>> HEADERS = Map.of(
      "name", Set.of("姓名", "名字", "会员姓名", "name", "fullname"),
      "mobile", Set.of("手机号", "手机", "手机号码", "移动电话", "联系电话", "电话", "mobile", "phone", "mobilenumber",
          "phonenumber", "cellphone"),
      "memberNo", Set.of("会员编号", "会员号", "会员证号", "编号", "memberno", "membernumber", "memberid"),
      "union", Set.of("所属工会", "工会", "基层工会", "所在工会", "union", "unionname", "subunion"));

  /** The obvious mapping: the first column whose header names the field. */
  public static ColumnMapping guess(List<String> header) {
    int[] found = {-1, -1, -1, -1};
    for (int column = 0; column < header.size(); column++) {
      String h = normalise(header.get(column));
      for (int f = 0; f < FIELDS.size(); f++) {
        if (found[f] < 0 && HEADERS.get(FIELDS.get(f)).contains(h)) {
          found[f] = column;
          break;
        }
      }
    }
    return new ColumnMapping(found[0], found[1], found[2], found[3]);
  }

  static String normalise(String header) {
    return Normalizer.normalize(header, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-/:：]", "");
  }

  /** A mapping from stored or sent JSON ({@code {"name":0,"mobile":2,…}}); null for a field not given. */
  public static ColumnMapping fromJson(JsonObject json) {
    return new ColumnMapping(index(json, "name"), index(json, "mobile"), index(json, "memberNo"), index(json, "union"));
  }

  private static int index(JsonObject json, String field) {
    Object value = json.getValue(field);
    return value instanceof Number n && n.intValue() >= 0 && n.intValue() < 1000 ? n.intValue() : -1;
  }

  /** Fields wrong for a header of {@code columns} columns: the name and one way to verify are needed. */
  public Map<String, String> problems(int columns) {
    Map<String, String> errors = new LinkedHashMap<>();
    int[] all = {name, mobile, memberNo, union};
    for (int f = 0; f < all.length; f++) {
      if (all[f] >= columns) {
        errors.put(FIELDS.get(f), "field.roster.column");
      }
    }
    if (name < 0) {
      errors.putIfAbsent("name", "field.roster.nameColumn");
    }
    if (mobile < 0 && memberNo < 0) {
      errors.putIfAbsent("mobile", "field.roster.idColumn");
    }
    return errors;
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("mobile", mobile).put("memberNo", memberNo).put("union", union);
  }

  public int of(String field) {
    return switch (field) {
      case "name" -> name;
      case "mobile" -> mobile;
      case "memberNo" -> memberNo;
      default -> union;
    };
  }
}
