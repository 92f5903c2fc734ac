package org.queqiao.sports;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Browser;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/**
 * The day in a real browser: the organiser sets up the games on the page, two judges enter results
 * on their phones, and the projector page in the hall follows each result without a reload.
 */
class SportsDayJourneyTest {
  /** Contract §13: the projector updates within a second; a little slack for a busy test machine. */
  private static final LocatorAssertions.ContainsTextOptions PROMPTLY =
      new LocatorAssertions.ContainsTextOptions().setTimeout(2_500);

  private static Browser browser;

  @BeforeAll
  static void launch() {
    browser = Browser.launch();
  }

  @AfterAll
  static void close() {
    browser.close();
  }

  private static Page phoneOf(String token) {
    BrowserContext context = browser.newContext();
    context.addCookies(List.of(new Cookie("qq_session", token).setUrl(TestApp.baseUrl())));
    return context.newPage();
  }

  @Test
  void theOrganiserSetsUpGamesTwoJudgesEnterResultsAndTheProjectorFollowsWithoutReload() {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    SportsDay day = SportsDay.create(api, organizer, 1, true);
    Members.Member secondJudge = Members.insert(1, "二号裁判").get(0);
    day.addStaff(secondJudge.id(), "JUDGE");

    BrowserContext organiserContext = browser.newContext();
    Browser.signIn(organiserContext, organizer);
    Page setup = organiserContext.newPage();
    setup.navigate("/organizer/events/" + day.id);
    setup.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("设置项目和队长")).click();
    setup.locator("#name-0").fill("拔河");
    setup.locator("#scoring-0").selectOption("PLACE");
    setup.locator("#name-1").fill("托球跑");
    setup.locator("#scoring-1").selectOption("TIME_ASC");
    setup.locator("#points-1").fill("9-6-3");
    setup.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("保存项目")).click();
    assertThat(setup.getByRole(AriaRole.STATUS)).containsText("项目已保存");

    BrowserContext hall = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
        .setViewportSize(1280, 720));
    Page projector = hall.newPage();
    List<String> problems = Browser.problemsOf(projector);
    projector.navigate("/events/" + day.id + "/standings/projector");
    assertThat(projector.locator("[data-game='g1']")).containsText("待赛");
    projector.evaluate("window.stillTheSamePage = true");

    Page judgeOne = phoneOf(day.judge.token());
    judgeOne.navigate("/events/" + day.id + "/sports/judge");
    judgeOne.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("拔河")).click();
    judgeOne.getByLabel("红队").fill("2");
    judgeOne.getByLabel("蓝队").fill("1");
    judgeOne.getByLabel("黄队").fill("3");
    judgeOne.getByLabel("绿队").fill("3");
    judgeOne.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交成绩")).click();
    assertThat(judgeOne.getByRole(AriaRole.STATUS)).containsText("“拔河”的成绩已记录");

    Locator firstRow = projector.locator("[data-teams] tr").first();
    assertThat(firstRow).containsText("蓝队", PROMPTLY);
    assertThat(firstRow).containsText("7", PROMPTLY);
    assertThat(projector.locator("[data-game='g1']")).containsText("3. 黄队 3（4）", PROMPTLY);
    assertThat(projector.locator("[data-game='g1']")).containsText("3. 绿队 3（4）", PROMPTLY);

    Page judgeTwo = phoneOf(secondJudge.token());
    judgeTwo.navigate("/events/" + day.id + "/sports/judge/g1");
    judgeTwo.getByLabel("红队").fill("2");
    judgeTwo.getByLabel("蓝队").fill("1");
    judgeTwo.getByLabel("黄队").fill("3");
    judgeTwo.getByLabel("绿队").fill("3");
    judgeTwo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交更正")).click();
    assertThat(judgeTwo.getByRole(AriaRole.STATUS)).containsText("没有重复记录");

    judgeTwo.navigate("/events/" + day.id + "/sports/judge/g2");
    judgeTwo.getByLabel("红队").fill("15.2");
    judgeTwo.getByLabel("蓝队").fill("16");
    judgeTwo.getByLabel("黄队").fill("14.9");
    judgeTwo.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交成绩")).click();
    assertThat(judgeTwo.getByRole(AriaRole.STATUS)).containsText("“托球跑”的成绩已记录");

    // 黄队 4 + 9 = 13, 蓝队 7 + 3 = 10, 红队 5 + 6 = 11, 绿队 4.
    assertThat(firstRow).containsText("黄队", PROMPTLY);
    assertThat(firstRow).containsText("13", PROMPTLY);
    assertThat(projector.locator("[data-game='g2']")).containsText("1. 黄队 14.9（9）", PROMPTLY);
    assertEquals(true, projector.evaluate("window.stillTheSamePage === true"), "updated in place, not reloaded");
    assertEquals("rgb(11, 15, 26)", projector.evaluate("getComputedStyle(document.body).backgroundColor"),
        "the projector is dark");
    assertTrue(problems.isEmpty(), "the projector's script ran cleanly: " + problems);
    Browser.screenshot(projector, "sports-projector");
    Browser.screenshot(judgeTwo, "sports-judge-phone");
    assertEquals(1, SportsApiTest.historySize(api, day, "g1"), "two phones, one stored sheet");
  }
}
