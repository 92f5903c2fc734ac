package org.queqiao.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Roles;

/** An organiser uploads the union's roster, watches the bar reach 100 %, and a member on it signs up for a verified-only event. */
class RosterJourneyTest extends BrowserJourney {
  @Test
  void anOrganiserImportsTheRosterAndAVerifiedMemberSignsUpForAVerifiedOnlyEvent() throws Exception {
    Api api = Cast.API;
    String admin = api.adminToken();
    String tag = UUID.randomUUID().toString().substring(0, 6);
    long unionId = api.post("/api/admin/unions", new JsonObject().put("name", "金凤区总工会-" + tag), admin).json()
        .getLong("id");
    String subName = "金凤区第三基层工会-" + tag;
    api.post("/api/admin/unions", new JsonObject().put("name", subName).put("parentId", unionId), admin);
    Api.Member unionOrganizer = api.registerAndLogin(new JsonObject().put("displayName", "名册管理员")
        .put("unionId", unionId));
    Roles.set(api, admin, unionOrganizer.id(), "ORGANIZER");

    String memberMobile = "136" + String.format("%08d", System.nanoTime() % 100_000_000L);
    StringBuilder csv = new StringBuilder("\uFEFF姓名,手机号,会员编号,所属工会\r\n");
    csv.append("苏小梅,").append(memberMobile).append(",JF-").append(tag).append("-0,").append(subName).append("\r\n");
    List<String> others = new ArrayList<>();
    for (int i = 1; i < 12_000; i++) {
      others.add("会员" + i + ",,JF-" + tag + "-" + i + "," + (i % 3 == 0 ? subName : ""));
    }
    others.add("无号码,,,");
    csv.append(String.join("\r\n", others)).append("\r\n");
    Path file = Files.createTempFile(Path.of("target"), "roster-", ".csv");
    Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);

    Page desk = signedInPage(unionOrganizer);
    desk.navigate("/organizer/events");
    link(desk, "会员名册").click();
    assertThat(desk).hasURL(Pattern.compile("/organizer/unions/" + unionId + "/roster$"));
    assertThat(desk.locator(".empty").first()).containsText("还没有导入过名册");
    desk.locator("#file").setInputFiles(file);
    button(desk, "上传并预览").click();

    assertThat(desk.locator("h1")).hasText("确认名册的列");
    assertThat(desk.locator("[data-preview] thead")).containsText("手机号");
    assertThat(desk.locator("[data-preview] tbody tr")).hasCount(5);
    assertThat(desk.locator("#map-name option[selected]")).hasText("姓名");
    assertThat(desk.locator("#map-union option[selected]")).hasText("所属工会");
    button(desk, "开始导入").click();

    assertThat(desk.locator("h1")).hasText("名册导入");
    Locator bar = desk.locator("[data-progress]");
    assertThat(bar).hasAttribute("value", "100", new com.microsoft.playwright.assertions.LocatorAssertions
        .HasAttributeOptions().setTimeout(60_000));
    assertThat(desk.locator("[data-status]")).hasText("已完成", new com.microsoft.playwright.assertions
        .LocatorAssertions.HasTextOptions().setTimeout(10_000));
    assertThat(desk.locator("[data-accepted]")).hasText("12000");
    assertThat(desk.locator("[data-refused]")).hasText("1");
    assertThat(link(desk, "下载被拒绝的行（CSV）")).isVisible();

    JsonObject event = Events.salon("核实会员专场读书会 " + tag, 20).put("audienceUnionId", unionId)
        .put("verifiedOnly", true);
    long eventId = Events.published(api, unionOrganizer.token(), event);
    Api.Response registered = api.post("/api/auth/register", new JsonObject().put("login", memberMobile)
        .put("password", "Magpie-bridge-7419").put("displayName", "苏小梅"), null);
    assertEquals(201, registered.status(), registered.body());
    Api.Member member = new Api.Member(memberMobile, "Magpie-bridge-7419", registered.json().getLong("id"),
        api.login(memberMobile, "Magpie-bridge-7419"));

    Page phone = signedInPage(member);
    phone.navigate("/me/profile");
    assertThat(phone.locator("[data-verified]")).containsText(subName);
    phone.navigate("/events/" + eventId);
    assertThat(phone.locator("main")).containsText("仅限已核实身份的工会会员");
    button(phone, "报名").click();
    assertThat(phone.locator("main")).containsText("你已报名成功");

    Api.Member unverified = Cast.member("没有核实的人");
    Page other = signedInPage(unverified);
    other.navigate("/events/" + eventId);
    button(other, "报名").click();
    assertThat(other.locator("main")).containsText("请联系所在工会核实会员身份");
    assertTrue(Files.deleteIfExists(file));
  }
}
