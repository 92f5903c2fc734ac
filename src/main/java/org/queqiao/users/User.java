package org.queqiao.users;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

public record User(
    long id,
    String login,
    String displayName,
    String nickname,
    String gender,
    Integer birthYear,
    Long unionId,
    String memberNo,
    Set<Role> roles,
    String employer,
    boolean avoidSameEmployer) {

  /** Reads the columns of {@code users} plus a {@code roles text[]} column. */
  public static User from(Row row) {
    EnumSet<Role> roles = EnumSet.of(Role.MEMBER);
    String[] stored = row.getArrayOfStrings("roles");
    if (stored != null) {
      Arrays.stream(stored).map(Role::valueOf).forEach(roles::add);
    }
    Short birthYear = row.getShort("birth_year");
    return new User(
        row.getLong("id"),
        row.getString("login"),
        row.getString("display_name"),
        row.getString("nickname"),
        row.getString("gender"),
        birthYear == null ? null : birthYear.intValue(),
        row.getLong("union_id"),
        row.getString("member_no"),
        Set.copyOf(roles),
        row.getString("employer"),
        Boolean.TRUE.equals(row.getBoolean("avoid_same_employer")));
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public JsonObject toJson() {
    JsonArray roleNames = new JsonArray();
    roles.stream().sorted().map(Role::name).forEach(roleNames::add);
    return new JsonObject()
        .put("id", id)
        .put("login", login)
        .put("displayName", displayName)
        .put("nickname", nickname)
        .put("gender", gender)
        .put("birthYear", birthYear)
        .put("unionId", unionId)
        .put("memberNo", memberNo)
        .put("roles", roleNames)
        .put("employer", employer)
        .put("avoidSameEmployer", avoidSameEmployer);
  }
}
