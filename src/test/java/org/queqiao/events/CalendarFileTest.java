package org.queqiao.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/**
 * Issue 14, defects 7 and 10: an event's time zone is a region (400 otherwise, contract §10); the
 * calendar file answers even for an event stored with an offset; its lines are folded at 75
 * octets, not characters (RFC 5545 §3.1), so Chinese text stays within the limit.
 */
class CalendarFileTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  @Test
  void aTimeZoneMustBeARegionNotAnOffset() {
    for (String zone : new String[] {"+08:00", "UTC+8", "GMT+08:00", "Z", "Mars/Olympus", ""}) {
      Api.Response refused = api.post("/api/events", Events.salon("时区 " + Events.token(), 5).put("timeZone", zone),
          organizer.token());
      assertEquals(400, refused.status(), zone + ": " + refused);
      assertTrue(refused.json().getJsonObject("error").getJsonObject("fields").containsKey("timeZone"), refused.body());
    }
    Api.Response region = api.post("/api/events", Events.salon("时区 " + Events.token(), 5).put("timeZone", "Asia/Urumqi"),
        organizer.token());
    assertEquals(201, region.status(), region.toString());
  }

  @Test
  void anEventStoredWithAnOffsetStillGetsACalendarFileAtOnce() throws SQLException {
    long id = Events.published(api, organizer.token(), Events.salon("旧时区 " + Events.token(), 5));
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement("UPDATE events SET time_zone = '+08:00' WHERE id = ?")) {
      st.setLong(1, id);
      assertEquals(1, st.executeUpdate());
    }
    long started = System.nanoTime();
    Api.Response calendar = api.get("/api/events/" + id + "/calendar.ics");
    assertTrue(System.nanoTime() - started < 5_000_000_000L, "answered at once");
    assertEquals(200, calendar.status(), calendar.toString());
    assertTrue(calendar.body().contains("BEGIN:VEVENT"), calendar.body());
  }

  @Test
  void linesAreFoldedAt75OctetsSoChineseTextFits() {
    String title = "凤城工友读书会：一起读《平凡的世界》第二部，" + "欢迎带上你的读书笔记和茶杯".repeat(3) + Events.token();
    String description = "本期活动在工人文化宫三楼阅览室举行，请提前十分钟到场签到。".repeat(6);
    long id = Events.published(api, organizer.token(), Events.salon(title, 5).put("description", description));
    Api.Response calendar = api.get("/api/events/" + id + "/calendar.ics");
    assertEquals(200, calendar.status(), calendar.toString());
    String body = calendar.body();
    for (String line : body.split("\r\n")) {
      int octets = line.getBytes(StandardCharsets.UTF_8).length;
      assertTrue(octets <= 75, octets + " octets: " + line);
    }
    String unfolded = body.replace("\r\n ", "");
    assertTrue(unfolded.contains("SUMMARY:" + title), unfolded);
    assertTrue(unfolded.contains(description), "folding keeps every character whole");
  }
}
