package org.queqiao.rosters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Roles;
import org.queqiao.support.TestApp;

/** Importing a union's roster through the API (contract §17): files, refusals, re-imports, who may. */
class RosterImportTest {
  private final Api api = TestApp.api();

  @Test
  void aCsvIsImportedAndEveryBadRowIsRefusedWithItsReason() {
    RosterFixture f = new RosterFixture(api);
    String no = RosterFixture.memberNo();
    List<List<String>> rows = List.of(
        List.of("张伟", RosterFixture.mobile(), no, f.subUnionName),
        List.of("李娜", RosterFixture.mobile(), RosterFixture.memberNo(), ""),
        List.of("", RosterFixture.mobile(), RosterFixture.memberNo(), ""),
        List.of("王芳", "12345", RosterFixture.memberNo(), ""),
        List.of("刘洋", RosterFixture.mobile(), no, ""),
        List.of("陈静", RosterFixture.mobile(), RosterFixture.memberNo(), "不存在的工会"),
        List.of("赵磊", "", RosterFixture.memberNo(), f.unionName));

    JsonObject done = f.importRoster(RosterFixture.utf8(rows), RosterFixture.CSV);

    assertEquals("DONE", done.getString("status"), done.encode());
    assertEquals(7, done.getInteger("rows"));
    assertEquals(7, done.getInteger("done"));
    assertEquals(3, done.getInteger("accepted"), "张伟, 李娜 and 赵磊 (member number only)");
    assertEquals(4, done.getInteger("refused"));
    Api.Response csv = api.get("/api/roster-imports/" + done.getLong("importId") + "/refused.csv", f.organizer.token());
    assertEquals(200, csv.status());
    assertTrue(csv.header("Content-Type").orElse("").startsWith("text/csv"));
    assertTrue(csv.body().startsWith("\uFEFF"), "Excel reads it as UTF-8");
    List<String> lines = csv.body().lines().toList();
    assertEquals(5, lines.size(), csv.body());
    assertTrue(lines.get(1).startsWith("4,EMPTY_NAME,"), lines.get(1));
    assertTrue(lines.get(2).startsWith("5,BAD_MOBILE,") && lines.get(2).contains("12345"), lines.get(2));
    assertTrue(lines.get(3).startsWith("6,DUPLICATE_MEMBER_NO,") && lines.get(3).contains("刘洋"), lines.get(3));
    assertTrue(lines.get(4).startsWith("7,UNKNOWN_UNION,") && lines.get(4).contains("不存在的工会"), lines.get(4));
    assertTrue(lines.get(2).contains("手机号无效"), "the reason in words: " + lines.get(2));

    JsonObject roster = api.get("/api/unions/" + f.unionId + "/roster?q=" + no, f.organizer.token()).json();
    assertEquals(3, roster.getLong("onRoster"));
    assertEquals(f.subUnionName, roster.getJsonArray("items").getJsonObject(0).getString("union"),
        "a row's union is the sub-union it names");
  }

  @Test
  void utf8WithAndWithoutBomGb18030AndXlsxAllReadTheSame() {
    RosterFixture f = new RosterFixture(api);
    String name = "欧阳娜娜";
    List<List<String>> rows = List.of(List.of(name, RosterFixture.mobile(), RosterFixture.memberNo(), f.subUnionName));
    List<List<String>> rows2 = List.of(List.of(name, RosterFixture.mobile(), RosterFixture.memberNo(), f.subUnionName));
    List<List<String>> rows3 = List.of(List.of(name, RosterFixture.mobile(), RosterFixture.memberNo(), f.subUnionName));
    List<List<String>> rows4 = List.of(List.of(name, RosterFixture.mobile(), RosterFixture.memberNo(), f.subUnionName));

    List<byte[]> files = List.of(
        RosterFixture.bytes(RosterFixture.csv(rows), StandardCharsets.UTF_8, false),
        RosterFixture.bytes(RosterFixture.csv(rows2), StandardCharsets.UTF_8, true),
        RosterFixture.bytes(RosterFixture.csv(rows3), RosterFile.GB18030, false),
        RosterFixture.xlsx(List.of("Name", "Mobile", "Member No", "Union"), rows4));
    List<String> types = List.of(RosterFixture.CSV, "application/vnd.ms-excel", RosterFixture.CSV, RosterFixture.XLSX);
    List<List<List<String>>> all = List.of(rows, rows2, rows3, rows4);
    for (int i = 0; i < files.size(); i++) {
      JsonObject done = f.importRoster(files.get(i), types.get(i));
      assertEquals("DONE", done.getString("status"), "file " + i + ": " + done.encode());
      assertEquals(1, done.getInteger("accepted"), "file " + i + ": " + done.encode());
      String mobile = all.get(i).get(0).get(1);
      JsonObject found = api.get("/api/unions/" + f.unionId + "/roster?q=" + mobile, f.organizer.token()).json();
      assertEquals(1, found.getJsonArray("items").size(), "file " + i);
      JsonObject row = found.getJsonArray("items").getJsonObject(0);
      assertEquals(name, row.getString("name"), "file " + i + " decoded the name");
      assertEquals(f.subUnionName, row.getString("union"), "file " + i);
      assertEquals(all.get(i).get(0).get(2), row.getString("memberNo"), "file " + i);
    }
  }

  @Test
  void reimportingTheSameFileChangesNothingAndANewerRosterDropsWhoIsMissing() throws SQLException {
    RosterFixture f = new RosterFixture(api);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(List.of("会员" + i, RosterFixture.mobile(), RosterFixture.memberNo(), i % 2 == 0 ? f.subUnionName : ""));
    }
    byte[] file = RosterFixture.utf8(rows);
    assertEquals(20, f.importRoster(file, RosterFixture.CSV).getInteger("accepted"));
    String before = rowVersions(f.unionId);

    JsonObject again = f.importRoster(file, RosterFixture.CSV);
    assertEquals("DONE", again.getString("status"));
    assertEquals(20, again.getInteger("accepted"));
    assertEquals(before, rowVersions(f.unionId), "no roster row was written by the same file again");

    List<List<String>> newer = new ArrayList<>(rows.subList(0, 15));
    newer.set(0, List.of("会员0改名", rows.get(0).get(1), rows.get(0).get(2), f.subUnionName));
    JsonObject updated = f.importRoster(RosterFixture.utf8(newer), RosterFixture.CSV);
    assertEquals(15, updated.getInteger("accepted"));
    assertEquals(5, api.get("/api/roster-imports/" + updated.getLong("importId"), f.organizer.token()).json()
        .getInteger("dropped"));
    JsonObject roster = api.get("/api/unions/" + f.unionId + "/roster?q=" + rows.get(19).get(2), f.organizer.token()).json();
    assertEquals(15, roster.getLong("onRoster"));
    assertEquals(5, roster.getLong("noLongerOnRoster"));
    assertEquals(false, roster.getJsonArray("items").getJsonObject(0).getBoolean("onRoster"));
    assertEquals("会员0改名", api.get("/api/unions/" + f.unionId + "/roster?q=" + rows.get(0).get(2), f.organizer.token())
        .json().getJsonArray("items").getJsonObject(0).getString("name"));

    JsonObject back = f.importRoster(file, RosterFixture.CSV);
    assertEquals(0, back.getInteger("refused"));
    assertEquals(20, api.get("/api/unions/" + f.unionId + "/roster", f.organizer.token()).json().getLong("onRoster"),
        "people back on a newer roster are on it again");
  }

  @Test
  void aFileWithoutTheNeededColumnsOrNotASpreadsheetIsRefusedAndNothingRuns() {
    RosterFixture f = new RosterFixture(api);
    Api.Response noName = f.upload(f.unionId, "手机号,备注\r\n13700000001,x\r\n".getBytes(StandardCharsets.UTF_8),
        RosterFixture.CSV, f.organizer.token());
    assertEquals(400, noName.status(), noName.body());
    assertEquals("ROSTER_COLUMNS", noName.errorCode());
    assertTrue(noName.json().getJsonObject("error").getJsonObject("fields").containsKey("name"));
    Api.Response empty = f.upload(f.unionId, new byte[0], RosterFixture.CSV, f.organizer.token());
    assertEquals(400, empty.status());
    Api.Response image = f.upload(f.unionId, new byte[] {1, 2, 3}, "image/png", f.organizer.token());
    assertEquals(415, image.status());
    assertEquals(0, api.get("/api/unions/" + f.unionId + "/roster-imports", f.organizer.token()).json()
        .getJsonArray("items").size());
  }

  @Test
  void anOrganiserOfAnotherUnionMembersAndStrangersCannotSeeOrImportARoster() {
    RosterFixture a = new RosterFixture(api);
    RosterFixture b = new RosterFixture(api);
    JsonObject done = a.importRoster(RosterFixture.utf8(List.of(
        List.of("孙悦", RosterFixture.mobile(), RosterFixture.memberNo(), ""))), RosterFixture.CSV);
    long importId = done.getLong("importId");
    String other = b.organizer.token();
    byte[] file = RosterFixture.utf8(List.of(List.of("周杰", RosterFixture.mobile(), RosterFixture.memberNo(), "")));

    assertEquals(403, a.upload(a.unionId, file, RosterFixture.CSV, other).status());
    assertEquals(403, api.get("/api/unions/" + a.unionId + "/roster", other).status());
    assertEquals(403, api.get("/api/unions/" + a.unionId + "/roster-disputes", other).status());
    assertEquals(403, api.get("/api/roster-imports/" + importId, other).status());
    assertEquals(403, api.get("/api/roster-imports/" + importId + "/refused.csv", other).status());
    assertEquals(403, api.get("/api/roster-imports/" + importId + "/stream", other).status());
    assertEquals(403, api.get("/organizer/unions/" + a.unionId + "/roster", other).status());

    Api.Member member = api.registerAndLogin(new JsonObject().put("unionId", a.unionId));
    assertEquals(403, a.upload(a.unionId, file, RosterFixture.CSV, member.token()).status());
    assertEquals(403, api.get("/api/unions/" + a.unionId + "/roster", member.token()).status());
    assertEquals(401, a.upload(a.unionId, file, RosterFixture.CSV, null).status());
    assertEquals(401, api.get("/api/roster-imports/" + importId, null).status());

    Api.Member subOrganizer = api.registerAndLogin(new JsonObject().put("unionId", a.subUnionId));
    Roles.set(api, a.adminToken, subOrganizer.id(), "ORGANIZER");
    assertEquals(403, api.get("/api/unions/" + a.unionId + "/roster", subOrganizer.token()).status(),
        "an organiser of a sub-union does not see the roster of the union above");
    assertEquals(200, api.get("/api/unions/" + a.subUnionId + "/roster", a.organizer.token()).status(),
        "an organiser of the union above sees a sub-union's roster");
    assertEquals(200, api.get("/api/roster-imports/" + importId, a.adminToken).status(), "admins see every roster");
    assertEquals(404, api.get("/api/roster-imports/999999999", a.organizer.token()).status());
  }

  /** Each row's version (xmin): unchanged exactly when no statement wrote the row. */
  static String rowVersions(long unionId) throws SQLException {
    try (var conn = TestApp.jdbc(); var st = conn.prepareStatement(
        "SELECT string_agg(xmin::text, ',' ORDER BY id) FROM roster_entries WHERE roster_union_id = ?")) {
      st.setLong(1, unionId);
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
