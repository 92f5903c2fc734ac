package org.queqiao.rosters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.queqiao.support.Api;
import org.queqiao.support.Roles;

/** A union with a sub-union, its organiser, and roster files to upload (CSV in any encoding, XLSX). */
final class RosterFixture {
  static final String CSV = "text/csv";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final String PASSWORD = "Magpie-bridge-7419";
  private static final AtomicLong MOBILE = new AtomicLong(System.nanoTime() % 100_000_000L);

  final Api api;
  final String adminToken;
  final long unionId;
  final long subUnionId;
  final String unionName;
  final String subUnionName;
  final Api.Member organizer;

  RosterFixture(Api api) {
    this.api = api;
    this.adminToken = api.adminToken();
    String tag = UUID.randomUUID().toString().substring(0, 8);
    unionName = "兴庆区总工会-" + tag;
    subUnionName = "兴庆区第一基层工会-" + tag;
    unionId = createUnion(unionName, null);
    subUnionId = createUnion(subUnionName, unionId);
    organizer = api.registerAndLogin(new JsonObject().put("displayName", "名册组织者").put("unionId", unionId));
    Roles.set(api, adminToken, organizer.id(), "ORGANIZER");
  }

  long createUnion(String name, Long parentId) {
    Api.Response created = api.post("/api/admin/unions", new JsonObject().put("name", name).put("parentId", parentId),
        adminToken);
    assertEquals(201, created.status(), created.body());
    return created.json().getLong("id");
  }

  /** A mobile number no test account uses (their logins start 139). */
  static String mobile() {
    return "137" + String.format("%08d", MOBILE.incrementAndGet() % 100_000_000L);
  }

  static String memberNo() {
    return "NX" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
  }

  /** Rows of name, mobile, member number, union; the header is 姓名,手机号,会员编号,所属工会. */
  static String csv(List<List<String>> rows) {
    StringBuilder text = new StringBuilder("姓名,手机号,会员编号,所属工会\r\n");
    rows.forEach(row -> text.append(String.join(",", row)).append("\r\n"));
    return text.toString();
  }

  static byte[] bytes(String text, Charset charset, boolean bom) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (bom) {
      out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    out.writeBytes(text.getBytes(charset));
    return out.toByteArray();
  }

  static byte[] utf8(List<List<String>> rows) {
    return bytes(csv(rows), StandardCharsets.UTF_8, false);
  }

  /** An XLSX as Excel writes one, with the mobile number as a number cell. */
  static byte[] xlsx(List<String> header, List<List<String>> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Workbook workbook = new Workbook(out, "queqiao-test", "1.0");
      Worksheet sheet = workbook.newWorksheet("会员名册");
      for (int c = 0; c < header.size(); c++) {
        sheet.value(0, c, header.get(c));
      }
      for (int r = 0; r < rows.size(); r++) {
        List<String> row = rows.get(r);
        for (int c = 0; c < row.size(); c++) {
          String value = row.get(c);
          if (c == 1 && value.matches("\\d{11}")) {
            sheet.value(r + 1, c, Long.parseLong(value));
          } else {
            sheet.value(r + 1, c, value);
          }
        }
      }
      workbook.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  Api.Response upload(long union, byte[] file, String contentType, String token) {
    return api.sendBytes("/api/unions/" + union + "/rosters", "POST", file, contentType, token);
  }

  /** Uploads as the organiser and waits until the import is finished; its final progress. */
  JsonObject importRoster(byte[] file, String contentType) {
    Api.Response accepted = upload(unionId, file, contentType, organizer.token());
    assertEquals(202, accepted.status(), accepted.body());
    return awaitFinished(api, accepted.json().getLong("importId"), organizer.token());
  }

  static JsonObject awaitFinished(Api api, long importId, String token) {
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline) {
      Api.Response status = api.get("/api/roster-imports/" + importId, token);
      assertEquals(200, status.status(), status.body());
      String state = status.json().getString("status");
      if ("DONE".equals(state) || "FAILED".equals(state)) {
        return status.json();
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("import " + importId + " did not finish");
  }

  /** Registers a member with this login (a mobile number) and profile. */
  Api.Member register(String login, String displayName, String memberNo) {
    JsonObject body = new JsonObject().put("login", login).put("password", PASSWORD).put("displayName", displayName);
    if (memberNo != null) {
      body.put("memberNo", memberNo);
    }
    Api.Response registered = api.post("/api/auth/register", body, null);
    assertEquals(201, registered.status(), registered.body());
    return new Api.Member(login, PASSWORD, registered.json().getLong("id"), api.login(login, PASSWORD));
  }

  List<Long> verifiedUnionIds(Api.Member member) {
    Api.Response me = api.get("/api/me", member.token());
    assertEquals(200, me.status(), me.body());
    return me.json().getJsonArray("verifiedUnionIds").stream().map(id -> ((Number) id).longValue()).toList();
  }
}
