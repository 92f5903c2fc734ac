package org.queqiao.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/**
 * The event report and the union dashboard against figures worked out by hand, who may see them,
 * and the spreadsheet export read back by a spreadsheet library.
 *
 * <pre>
 *   R ─┬─ A ── A1        e1 salon  A1  2025-03-10  cap 2: m1 m2 confirmed, m3 waitlisted; m1 came, rated 4
 *      └─ B              e2 salon  A   2025-03-20  cap 5: m1 m2 confirmed, both came, rated 2 and 5 (anonymous)
 *                        e3 other  B   2025-04-01 00:30 China (still March in UTC): m3 confirmed, did not come
 * </pre>
 */
class ReportsTest {
  private static final Api API = TestApp.api();
  private static final String YEAR = "from=2025-01-01&to=2025-12-31";
  private static Api.Member organizer;
  private static long r;
  private static long a;
  private static long a1;
  private static long b;
  private static long e1;

  @BeforeAll
  static void heldEvents() {
    String t = Events.token();
    r = ReportFixture.union(API, "报表市总工会" + t, null);
    a = ReportFixture.union(API, "报表甲区工会" + t, r);
    a1 = ReportFixture.union(API, "报表甲区一厂工会" + t, a);
    b = ReportFixture.union(API, "报表乙区工会" + t, r);
    organizer = Events.organizer(API, API.adminToken());
    Api.Member m1 = API.registerAndLogin();
    Api.Member m2 = API.registerAndLogin();
    Api.Member m3 = API.registerAndLogin();

    e1 = Events.published(API, organizer.token(), Events.salon("报表一 " + t, 2));
    JsonObject e1m1 = ReportFixture.signUp(API, m1, e1);
    ReportFixture.signUp(API, m2, e1);
    ReportFixture.signUp(API, m3, e1);
    ReportFixture.checkIn(e1m1);
    long e2 = Events.published(API, organizer.token(), Events.salon("报表二 " + t, 5));
    ReportFixture.checkIn(ReportFixture.signUp(API, m1, e2));
    ReportFixture.checkIn(ReportFixture.signUp(API, m2, e2));
    long e3 = Events.published(API, organizer.token(),
        Events.body("OTHER", "报表三 " + t, Events.evening(12)).put("capacity", 5));
    ReportFixture.signUp(API, m3, e3);

    ReportFixture.heldAt(e1, "2025-03-10T19:00:00+08:00");
    ReportFixture.heldAt(e2, "2025-03-20T19:00:00+08:00");
    ReportFixture.heldAt(e3, "2025-04-01T00:30:00+08:00");
    ReportFixture.audience(e1, a1);
    ReportFixture.audience(e2, a);
    ReportFixture.audience(e3, b);
    rate(m1, e1, 4, false);
    rate(m1, e2, 2, false);
    rate(m2, e2, 5, true);
  }

  private static void rate(Api.Member member, long event, int rating, boolean anonymous) {
    Api.Response answered = API.post("/api/events/" + event + "/survey",
        new JsonObject().put("rating", rating).put("anonymous", anonymous), member.token());
    assertEquals(201, answered.status(), answered.body());
  }

  private static Map<String, JsonObject> rows(Api.Response response) {
    assertEquals(200, response.status(), response.body());
    JsonArray rows = response.json().getJsonArray("rows");
    return rows.stream().map(o -> (JsonObject) o)
        .collect(Collectors.toMap(o -> o.getString("month") + " " + o.getString("type"), o -> o));
  }

  @Test
  void theEventReportCountsSeatsArrivalsAndNoShows() {
    JsonObject report = API.get("/api/events/" + e1 + "/report", organizer.token()).json();
    assertEquals(3, report.getInteger("signups"));
    assertEquals(2, report.getInteger("confirmed"));
    assertEquals(1, report.getInteger("waitlisted"));
    assertEquals(1, report.getInteger("checkedIn"));
    assertEquals(1, report.getInteger("noShows"));
    assertEquals(0.5, report.getDouble("attendanceRate"));
    assertEquals(1, report.getJsonObject("survey").getInteger("answers"));
    assertEquals(4.0, report.getJsonObject("survey").getDouble("averageRating"));
    assertEquals(3, report.getJsonArray("signupsOverTime").getJsonObject(0).getInteger("total"));
    assertEquals(1, report.getJsonArray("arrivals").getJsonObject(0).getInteger("total"));
  }

  @Test
  void theDashboardAddsUpEachMonthAndTypeOfTheUnionsSubtree() {
    Map<String, JsonObject> rows = rows(API.get("/api/reports?unionId=" + r + "&" + YEAR, API.adminToken()));
    assertEquals(2, rows.size(), rows.toString());
    JsonObject march = rows.get("2025-03 READING_SALON");
    assertEquals(2, march.getInteger("events"));
    assertEquals(5, march.getInteger("signups"));
    assertEquals(3, march.getInteger("attendances"));
    assertEquals(1, march.getInteger("noShows"));
    assertEquals(0.75, march.getDouble("attendanceRate"));
    assertEquals(0.25, march.getDouble("noShowRate"));
    assertEquals(3.67, march.getDouble("averageRating"));
    JsonObject april = rows.get("2025-04 OTHER");
    assertEquals(1, april.getInteger("events"));
    assertEquals(1, april.getInteger("signups"));
    assertEquals(0, april.getInteger("attendances"));
    assertEquals(0.0, april.getDouble("attendanceRate"));
    assertEquals(1.0, april.getDouble("noShowRate"));
    assertNull(april.getValue("averageRating"));

    Map<String, JsonObject> onlyB = rows(API.get("/api/reports?unionId=" + b + "&" + YEAR, API.adminToken()));
    assertEquals(List.of("2025-04 OTHER"), List.copyOf(onlyB.keySet()));
    Map<String, JsonObject> firstQuarter = rows(API.get("/api/reports?unionId=" + r + "&from=2025-03-15&to=2025-03-31",
        API.adminToken()));
    assertEquals(1, firstQuarter.get("2025-03 READING_SALON").getInteger("events"), "e2 only: e3 is April in China");
    assertEquals(1, firstQuarter.size());
  }

  @Test
  void aUnionLimitedOrganiserSeesTheirSubtreeOnly() {
    Api.Member local = Events.organizer(API, API.adminToken());
    ReportFixture.sql("UPDATE users SET union_id = ? WHERE id = ?", a, local.id());
    Map<String, JsonObject> own = rows(API.get("/api/reports?" + YEAR, local.token()));
    assertEquals(List.of("2025-03 READING_SALON"), List.copyOf(own.keySet()));
    assertEquals(3, own.get("2025-03 READING_SALON").getInteger("attendances"));
    JsonObject below = rows(API.get("/api/reports?unionId=" + a1 + "&" + YEAR, local.token())).get("2025-03 READING_SALON");
    assertEquals(1, below.getInteger("events"));
    assertEquals(3, below.getInteger("signups"));
    assertEquals(0.5, below.getDouble("attendanceRate"));
    assertEquals(4.0, below.getDouble("averageRating"));

    assertEquals(403, API.get("/api/reports?unionId=" + r + "&" + YEAR, local.token()).status(), "an ancestor");
    assertEquals(403, API.get("/api/reports?unionId=" + b + "&" + YEAR, local.token()).status(), "another union");
    Api.Member other = Events.organizer(API, API.adminToken());
    ReportFixture.sql("UPDATE users SET union_id = ? WHERE id = ?", b, other.id());
    assertEquals(403, API.get("/api/reports?unionId=" + a + "&" + YEAR, other.token()).status());
    assertEquals(403, API.get("/api/events/" + e1 + "/report", other.token()).status());
  }

  @Test
  void membersAndBadFiltersAreRefused() {
    Api.Member member = API.registerAndLogin();
    assertEquals(403, API.get("/api/reports?unionId=" + r, member.token()).status());
    assertEquals(403, API.get("/api/events/" + e1 + "/report", member.token()).status());
    assertEquals(401, API.get("/api/reports?unionId=" + r, null).status());
    Api.Response badDate = API.get("/api/reports?unionId=" + r + "&from=2025-13-01", API.adminToken());
    assertEquals(400, badDate.status());
    assertTrue(badDate.json().getJsonObject("error").getJsonObject("fields").containsKey("from"));
    assertEquals(400, API.get("/api/reports?from=2025-05-01&to=2025-01-01", API.adminToken()).status());
    assertEquals(404, API.get("/api/reports?unionId=999999999", API.adminToken()).status());
    Api.Member unlimited = Events.organizer(API, API.adminToken());
    assertEquals(403, API.get("/api/reports", unlimited.token()).status(), "an organiser of no union");
  }

  @Test
  void theDashboardDownloadsAsASpreadsheetWithNumbersDatesAndChineseText() throws Exception {
    Api.Binary file = API.getBytes("/api/reports?unionId=" + r + "&" + YEAR + "&format=xlsx", API.adminToken(), Map.of());
    assertEquals(200, file.status());
    assertTrue(file.header("Content-Type").orElseThrow().startsWith("application/vnd.openxmlformats"));
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(file.body()))) {
      Sheet sheet = workbook.getFirstSheet();
      assertEquals("按月和类型", sheet.getName());
      List<Row> rows = sheet.read();
      assertEquals("月份", rows.get(0).getCell(0).asString());
      assertEquals(3, rows.size());
      Row march = rows.get(1);
      assertEquals(LocalDateTime.of(2025, 3, 1, 0, 0), march.getCell(0).asDate());
      assertEquals(CellType.STRING, march.getCell(1).getType());
      assertEquals("读书会", march.getCell(1).asString());
      assertEquals(CellType.NUMBER, march.getCell(2).getType());
      assertEquals(0, new BigDecimal(2).compareTo(march.getCell(2).asNumber()));
      assertEquals(0, new BigDecimal("0.75").compareTo(march.getCell(7).asNumber()));
    }
    Api.Binary report = API.getBytes("/api/events/" + e1 + "/report?format=xlsx", organizer.token(), Map.of());
    assertEquals(200, report.status());
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(report.body()))) {
      List<Row> figures = workbook.getFirstSheet().read();
      assertEquals("项目", figures.get(0).getCell(0).asString());
      assertTrue(figures.get(1).getCell(1).asString().startsWith("报表一"));
      assertEquals(LocalDateTime.of(2025, 3, 10, 19, 0), figures.get(2).getCell(1).asDate());
      assertEquals(0, new BigDecimal("0.5").compareTo(figures.get(9).getCell(1).asNumber()), "the attendance rate");
    }
  }
}
