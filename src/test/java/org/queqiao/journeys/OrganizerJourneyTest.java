package org.queqiao.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Browser;
import org.queqiao.support.Events;
import org.queqiao.support.FakeCamera;
import org.queqiao.support.TestApp;

/**
 * The organiser's main path in Chromium on a phone: a sports day made from the form, published,
 * and the door — a spoken code typed in, a ticket QR held up to the (fake) camera — while the
 * attendance dashboard in another tab counts along without being reloaded.
 */
class OrganizerJourneyTest {
  private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  /** What the fake camera shows; rewritten with a ticket's QR just before the camera is started. */
  private static final Path CAMERA = Path.of("target", "fake-camera", "organizer-journey.y4m").toAbsolutePath();

  private static Browser browser;

  @BeforeAll
  static void launchWithAFakeCamera() {
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    FakeCamera.showing("nothing in front of the camera yet", CAMERA);
    browser = Browser.launch("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        "--use-file-for-fake-video-capture=" + CAMERA);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private static Locator button(Page page, String name) {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  @Test
  void anOrganizerCreatesASportsDayWithTeamsPublishesItAndChecksPeopleInByCodeAndCameraWhileTheDashboardCounts() {
    Api.Member organizer = Cast.organizer("赵组织");
    String title = "职工趣味运动会 " + Events.token();
    BrowserContext context = browser.newContext(Screens.phone());
    context.grantPermissions(List.of("camera"), new BrowserContext.GrantPermissionsOptions().setOrigin(TestApp.baseUrl()));
    Browser.signIn(context, organizer);
    Page page = context.newPage();
    List<String> problems = Browser.problemsOf(page);

    page.navigate("/");
    page.locator(".mainnav").getByText("组织活动").click();
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("创建活动")).first().click();
    page.getByLabel("活动类型").selectOption("SPORTS_DAY");
    assertThat(page.locator("fieldset[data-for-types='SPORTS_DAY']")).isVisible();
    assertThat(page.locator("fieldset[data-for-types='READING_SALON OTHER']")).isHidden();
    page.getByLabel("活动名称").fill(title);
    page.getByLabel("地点").fill("市体育中心东门田径场");
    OffsetDateTime start = Events.evening(14).withHour(9);
    page.getByLabel("开始时间").fill(LOCAL_INPUT.format(start));
    page.getByLabel("结束时间").fill(LOCAL_INPUT.format(start.plusHours(8)));
    page.getByLabel("第 1 队队名").fill("红队");
    page.getByLabel("第 1 队人数").fill("10");
    page.getByLabel("第 2 队队名").fill("蓝队");
    page.getByLabel("第 2 队人数").fill("12");
    page.getByLabel("活动介绍").fill("拔河、跳绳、接力跑。");
    button(page, "保存为草稿").click();

    assertThat(page.getByRole(AriaRole.STATUS)).hasText("已保存。");
    Matcher id = Pattern.compile("/organizer/events/(\\d+)\\?saved=1$").matcher(page.url());
    assertTrue(id.find(), "the new event's page: " + page.url());
    long eventId = Long.parseLong(id.group(1));
    assertThat(page.locator(".state")).hasText("草稿");
    button(page, "发布活动").click();
    assertThat(page.getByRole(AriaRole.STATUS)).containsText("活动已发布");

    Map<String, String> teams = new HashMap<>();
    Events.get(Cast.API, organizer.token(), eventId).getJsonArray("pools").forEach(p ->
        teams.put(((JsonObject) p).getString("label"), ((JsonObject) p).getString("key")));
    assertEquals(2, teams.size(), "two teams from the form: " + teams);
    Api.Member red = Cast.member("红队王小明");
    Api.Member blue = Cast.member("蓝队李小红");
    Cast.signUp(red, eventId, new JsonObject().put("pool", teams.get("红队")));
    Cast.signUp(blue, eventId, new JsonObject().put("pool", teams.get("蓝队")));

    Page dashboard = context.newPage();
    dashboard.navigate("/organizer/events/" + eventId + "/attendance");
    Locator checkedIn = dashboard.locator("[data-field=checkedIn]");
    assertThat(checkedIn).hasText("0");
    assertThat(dashboard.locator("[data-field=confirmed]")).hasText("2");
    dashboard.evaluate("() => { window.sameDocument = true; }");

    page.navigate("/organizer/events/" + eventId + "/checkin");
    page.getByLabel("会员念出的 6 位签到码").fill(Cast.ticket(red, eventId).getString("code"));
    button(page, "签到").first().click();
    assertThat(page.locator("#result .result-ok")).containsText("红队王小明");
    assertThat(page.locator("#result .result-ok")).containsText("红队");
    assertThat(page.locator("[data-count=checkedIn]")).hasText("1");
    assertThat(checkedIn).hasText("1");
    assertThat(dashboard.locator("tr", new Page.LocatorOptions().setHasText("红队")).locator("[data-pool-field=checkedIn]"))
        .hasText("1");
    assertThat(dashboard.locator("#recent")).containsText("红队王小明");

    FakeCamera.showing(Cast.ticket(blue, eventId).getString("qr"), CAMERA);
    button(page, "打开摄像头扫码").click();
    assertThat(page.locator("#result .result-ok").filter(new Locator.FilterOptions().setHasText("蓝队李小红")))
        .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
    Browser.screenshot(page, "organizer-journey-scanner");
    assertThat(checkedIn).hasText("2");
    assertThat(dashboard.locator("[data-field=notCheckedIn]")).hasText("0");
    assertThat(dashboard.locator("#recent li")).hasCount(2);
    assertEquals(Boolean.TRUE, dashboard.evaluate("() => window.sameDocument === true"),
        "the dashboard counted along without being reloaded");
    Browser.screenshot(dashboard, "organizer-journey-dashboard");

    assertEquals(2, Cast.attendance(organizer, eventId).getInteger("checkedIn"));
    assertTrue(problems.stream().noneMatch(p -> p.startsWith("uncaught")), "script errors: " + problems);
  }
}
