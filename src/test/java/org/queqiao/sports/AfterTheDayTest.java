package org.queqiao.sports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/** After the day: the results CSV with who played, and the winners' certificates as a PDF in Chinese. */
class AfterTheDayTest {
  private static Api api;
  private static Api.Member organizer;
  private static SportsDay day;

  @BeforeAll
  static void playTheDay() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
    day = SportsDay.create(api, organizer, 2, true);
    day.games(SportsDay.game("tug", "拔河", "PLACE"), SportsDay.game("kick", "=踢毽子", "SCORE_DESC"));
    Members.Member red0 = day.players.get("red").get(0);
    assertEquals(200, day.entries("tug", new JsonObject().put("team", "red")
        .put("userIds", new JsonArray().add(red0.id()).add(day.players.get("red").get(1).id())), organizer.token())
        .status());
    assertEquals(201, day.post("tug", SportsDay.results("red", 1, "blue", 2, "yellow", 2, "green", 4),
        day.judge.token()).status());
    assertEquals(201, day.post("kick", SportsDay.results("red", 12.5, "blue", 30), day.judge.token()).status());
  }

  @Test
  void theResultsCsvHasARowPerTeamAndGameWithItsPlayersThenTheTotals() throws Exception {
    Api.Response csv = api.get("/api/events/" + day.id + "/results.csv", organizer.token());
    assertEquals(200, csv.status(), csv.body());
    assertTrue(csv.header("Content-Type").orElse("").startsWith("text/csv"));
    assertTrue(csv.body().startsWith("\uFEFF"), "a byte-order mark, for Excel");
    List<CSVRecord> rows = CSVFormat.EXCEL.parse(new StringReader(csv.body().substring(1))).getRecords();
    assertEquals(List.of("项目", "队伍", "成绩", "名次", "积分", "奖牌", "参赛队员"), rows.get(0).toList());
    assertEquals(1 + 4 + 2 + 4, rows.size(), csv.body());
    assertEquals(List.of("拔河", "红队", "1", "1", "7", "金牌", "red队员0、red队员1"), rows.get(1).toList());
    assertEquals(List.of("拔河", "黄队", "2", "2", "5", "银牌", ""), rows.get(3).toList());
    assertEquals(List.of("'=踢毽子", "蓝队", "30", "1", "7", "金牌", ""), rows.get(5).toList(), "a formula stays text");
    assertEquals(List.of("'=踢毽子", "红队", "12.5", "2", "5", "银牌", ""), rows.get(6).toList());
    assertEquals(List.of("总分", "红队", "", "1", "12", "金 1 · 银 1 · 铜 0", ""), rows.get(7).toList());
    Api.Response english = api.get("/api/events/" + day.id + "/results.csv?lang=en", organizer.token());
    assertTrue(english.body().startsWith("\uFEFFGame,Team,Result"), english.body());
  }

  @Test
  void certificatesAreAPdfWithAChinesePagePerWinningTeam() throws Exception {
    HttpResponse<byte[]> pdf = api.getBytes("/api/events/" + day.id + "/certificates.pdf", organizer.token());
    assertEquals(200, pdf.statusCode());
    assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
    PdfReader reader = new PdfReader(pdf.body());
    // red 12, blue 12 (both one gold: rank 1), yellow 5 (rank 3); green 3 is fourth.
    assertEquals(3, reader.getNumberOfPages());
    PdfTextExtractor text = new PdfTextExtractor(reader);
    String first = text.getTextFromPage(1);
    assertTrue(first.contains("荣誉证书"), first);
    assertTrue(first.contains("红队"), first);
    assertTrue(first.contains("荣获团体总分第1名（12分，金牌1枚）"), first);
    assertTrue(text.getTextFromPage(2).contains("蓝队"));
    assertTrue(text.getTextFromPage(3).contains("第3名"), text.getTextFromPage(3));
    assertEquals(403, api.get("/api/events/" + day.id + "/certificates.pdf", day.judge.token()).status());
  }

  @Test
  void withoutTheFontCertificatesAreRefusedWithAClearError() throws Exception {
    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "no-font-"));
    env.put("DATABASE_URL", TestApp.databaseUrl());
    env.put("CERTIFICATE_FONT", "/nonexistent/NotoSansCJK-Regular.ttc");
    env.put("HTTP_INSTANCES", "1");
    try (Application noFont = Application.start(AppConfig.fromEnvironment(env))) {
      Api.Response refused = new Api("http://127.0.0.1:" + noFont.port())
          .get("/api/events/" + day.id + "/certificates.pdf", organizer.token());
      assertEquals(503, refused.status(), refused.body());
      assertEquals("CERTIFICATE_FONT_MISSING", refused.errorCode());
    }
  }

  @Test
  void beforeAnyResultThereIsNoCertificate() {
    SportsDay empty = SportsDay.create(api, organizer, 1, true);
    Api.Response none = api.get("/api/events/" + empty.id + "/certificates.pdf", organizer.token());
    assertEquals(409, none.status(), none.body());
    assertEquals("NO_RESULTS_YET", none.errorCode());
  }
}
