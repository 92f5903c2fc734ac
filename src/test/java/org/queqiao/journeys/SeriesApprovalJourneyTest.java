package org.queqiao.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Browser;
import org.queqiao.support.Events;

/**
 * Issue 15's journey on phones: an organiser makes a monthly reading salon a series from the form,
 * with a required question shown at the door and sign-ups that need approval; a member who follows
 * the series is told when the first date opens, answers the question, waits, is approved, and at
 * the door the scanner shows the answer with the name.
 */
class SeriesApprovalJourneyTest extends BrowserJourney {
  private static final String QUESTION = "这个月读的书";
  private static final String ANSWER = "《平凡的世界》";

  @Test
  void aMonthlySeriesWithARequiredQuestionAndApprovalFromFormToTheDoor() {
    String title = "凤城读书会 " + Events.token();
    Page desk = signedInPage(organizer);
    List<String> problems = Browser.problemsOf(desk);

    desk.navigate("/organizer/events");
    link(desk, "创建系列活动").click();
    desk.getByLabel("活动类型").selectOption("READING_SALON");
    desk.getByLabel("系列名称").fill(title);
    desk.getByLabel("地点").fill("凤城图书馆二楼");
    desk.getByLabel("总名额").fill("12");
    desk.getByLabel("活动介绍").fill("每月第二个周六下午，一起读一本书。");
    desk.getByLabel("报名需经我审核").check();
    desk.getByLabel("问题 1").fill(QUESTION);
    desk.getByLabel("必答").first().check();
    desk.getByLabel("签到时显示回答").first().check();
    desk.getByLabel("按规则重复").check();
    desk.getByLabel("每隔").selectOption("MONTH");
    desk.getByLabel("每月第几周（仅按月）").selectOption("2");
    desk.getByLabel("星期", new Page.GetByLabelOptions().setExact(true)).selectOption("SATURDAY");
    desk.getByLabel("首场不早于").fill(LocalDate.now(Events.CHINA).plusDays(1).toString());
    desk.getByLabel("共几场").fill("3");
    desk.getByLabel("开始时间").fill("14:00");
    desk.getByLabel("结束时间").fill("16:00");
    button(desk, "创建系列活动").click();

    Matcher created = Pattern.compile("/series/(\\d+)\\?created=1$").matcher(desk.url());
    assertTrue(created.find(), "the new series' page: " + desk.url());
    long seriesId = Long.parseLong(created.group(1));
    assertThat(desk.getByRole(AriaRole.STATUS).first()).containsText("已存为草稿");
    JsonArray dates = Cast.API.get("/api/series/" + seriesId, organizer.token()).json().getJsonArray("events");
    assertEquals(3, dates.size(), "three monthly dates: " + dates);
    long eventId = dates.getJsonObject(0).getLong("id");

    long nextEventId = dates.getJsonObject(1).getLong("id");
    desk.locator("a[href='/organizer/events/" + eventId + "']").first().click();
    button(desk, "发布活动").click();
    assertThat(desk.getByRole(AriaRole.STATUS)).containsText("活动已发布");

    Api.Member reader = Cast.member("读者刘晓燕");
    Page phone = signedInPage(reader);
    List<String> readerProblems = Browser.problemsOf(phone);
    phone.navigate("/events/" + eventId);
    assertThat(phone.getByText("所属系列：")).isVisible();
    phone.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(title)).first().click();
    button(phone, "关注本系列").click();
    assertThat(phone.getByText("您已关注本系列", new Page.GetByTextOptions().setExact(false))).isVisible();

    desk.navigate("/organizer/events/" + nextEventId);
    button(desk, "发布活动").click();
    assertThat(desk.getByRole(AriaRole.STATUS)).containsText("活动已发布");
    phone.navigate("/me/notifications");
    assertThat(phone.locator("main")).containsText("您关注的系列有新场次：" + title);

    phone.navigate("/events/" + eventId);
    button(phone, "报名").click();
    assertEquals(Boolean.TRUE, phone.getByLabel(QUESTION).evaluate("el => el.validity.valueMissing"),
        "the required answer stops the sign-up in the browser (the server refuses it too: RegistrationQuestionsTest)");
    assertTrue(Cast.API.get("/api/events/" + eventId, reader.token()).json().getValue("myRsvp") == null, "not signed up");
    phone.getByLabel(QUESTION).fill(ANSWER);
    button(phone, "报名").click();
    assertThat(phone.getByText("您已报名，等待组织者审核。", new Page.GetByTextOptions().setExact(false))).isVisible();
    assertEquals("PENDING_APPROVAL", Cast.API.get("/api/events/" + eventId, reader.token()).json()
        .getJsonObject("myRsvp").getString("status"), "waiting for the organiser");

    desk.navigate("/organizer/events/" + eventId + "/rsvps");
    Locator row = desk.locator("tr", new Page.LocatorOptions().setHasText("读者刘晓燕"));
    assertThat(row.first()).containsText(ANSWER);
    button(row.first(), "通过").click();
    assertThat(desk.locator("h2").first()).containsText("(1)");
    assertThat(desk.locator("table").first()).containsText("读者刘晓燕");

    phone.reload();
    assertThat(phone.getByText("你已报名成功", new Page.GetByTextOptions().setExact(false))).isVisible();
    phone.navigate("/me/notifications");
    assertThat(phone.locator("main")).containsText(title);

    desk.navigate("/organizer/events/" + eventId + "/checkin");
    desk.getByLabel("会员念出的 6 位签到码").fill(Cast.ticket(reader, eventId).getString("code"));
    button(desk, "签到").first().click();
    Locator result = desk.locator("#result .result-ok");
    assertThat(result).containsText("读者刘晓燕");
    assertThat(result).containsText(QUESTION + "：" + ANSWER);
    Browser.screenshot(desk, "series-approval-journey-door");

    assertEquals(1, Cast.attendance(organizer, eventId).getInteger("checkedIn"));
    assertTrue(problems.stream().noneMatch(p -> p.startsWith("uncaught")), "script errors: " + problems);
    assertTrue(readerProblems.stream().noneMatch(p -> p.startsWith("uncaught")), "script errors: " + readerProblems);
  }
}
