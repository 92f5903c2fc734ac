package org.queqiao.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Browser;
import org.queqiao.support.Events;

/**
 * The core forms with JavaScript switched off, as on an old phone or a locked-down browser: signing
 * up, cancelling and checking in by code or name are plain form posts that work on their own.
 */
class ProgressiveEnhancementTest extends BrowserJourney {
  private static Page withoutJavaScript(Api.Member member) {
    BrowserContext context = browser.newContext(Screens.phone().setJavaScriptEnabled(false));
    Browser.signIn(context, member);
    return context.newPage();
  }

  /** Clicks and returns the answer to the form post it makes: no script sends anything here. */
  private static Response post(Page page, Locator submit) {
    return page.waitForResponse(r -> r.request().method().equals("POST"), submit::click);
  }

  private static String myStatus(Api.Member member, long eventId) {
    Api.Response mine = Cast.API.get("/api/me/rsvps", member.token());
    assertEquals(200, mine.status(), mine.body());
    for (Object item : mine.json().getJsonArray("items")) {
      JsonObject rsvp = (JsonObject) item;
      if (rsvp.getJsonObject("event").getLong("id") == eventId) {
        return rsvp.getString("status");
      }
    }
    return "NONE";
  }

  @Test
  void signingUpAndCancellingWorkAsPlainFormPostsWithoutJavaScript() {
    String title = "无脚本读书会 " + Events.token();
    long eventId = Cast.salon(organizer, title, 10);
    Api.Member member = Cast.member("不开脚本的会员");
    Page page = withoutJavaScript(member);

    page.navigate("/events/" + eventId);
    Response signedUp = post(page, button(page, "报名"));
    assertEquals(303, signedUp.status(), "the sign-up form posts and redirects");
    assertThat(page).hasURL(Pattern.compile("/events/" + eventId + "\\?signed=CONFIRMED$"));
    assertThat(page.locator(".action-box .notice-success")).containsText("你已报名成功");
    assertEquals("CONFIRMED", myStatus(member, eventId));

    Response cancelled = post(page, button(page, "取消报名"));
    assertEquals(303, cancelled.status(), "the cancel form posts and redirects");
    assertThat(page).hasURL(Pattern.compile("/events/" + eventId + "\\?cancelled=1$"));
    assertThat(button(page, "报名")).isVisible();
    assertEquals("CANCELLED", myStatus(member, eventId));

    page.navigate("/me/events");
    assertThat(page.locator("h2").filter(new Locator.FilterOptions().setHasText("已取消的报名"))).isVisible();
    assertThat(page.locator(".event-card").filter(new Locator.FilterOptions().setHasText(title))).hasCount(1);
  }

  @Test
  void checkingInBySpokenCodeAndByNameSearchWorksAsPlainFormPostsWithoutJavaScript() {
    long eventId = Cast.salon(organizer, "无脚本签到 " + Events.token(), 10);
    Api.Member byCode = Cast.member("念签到码的会员");
    Api.Member byName = Cast.member("报姓名的会员");
    Cast.signUp(byCode, eventId);
    Cast.signUp(byName, eventId);
    Page page = withoutJavaScript(organizer);

    page.navigate("/organizer/events/" + eventId + "/checkin");
    assertThat(button(page, "打开摄像头扫码")).isHidden();
    assertThat(page.locator(".scanner noscript p")).containsText("扫码需要开启 JavaScript");
    assertThat(page.locator("#counts")).hasText("已签到 0 / 2");

    page.getByLabel("会员念出的 6 位签到码").fill(Cast.ticket(byCode, eventId).getString("code"));
    Response checkedIn = post(page, button(page.locator("#code-form"), "签到"));
    assertEquals(201, checkedIn.status(), "the code form posts to the page, which checks the member in");
    assertThat(page.locator("#result .result-ok")).containsText("念签到码的会员");
    assertThat(page.locator("#counts")).hasText("已签到 1 / 2");

    page.getByLabel("姓名、昵称、会员编号或手机尾号").fill("报姓名");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查找")).click();
    Locator found = page.locator(".found li").filter(new Locator.FilterOptions().setHasText("报姓名的会员"));
    assertThat(found).hasCount(1);
    Response byNameAnswer = post(page, button(found, "签到"));
    assertEquals(201, byNameAnswer.status());
    assertThat(page.locator("#result .result-ok")).containsText("报姓名的会员");
    assertThat(page.locator("#counts")).hasText("已签到 2 / 2");
    assertThat(page.locator(".found li").filter(new Locator.FilterOptions().setHasText("报姓名的会员")))
        .containsText("已签到");

    assertEquals(2, Cast.attendance(organizer, eventId).getInteger("checkedIn"));
  }

  @Test
  void withoutJavaScriptTheEventFormShowsEveryTypesSeatsAndTheTicketReloadsItselfToStayValid() {
    Page organizerPage = withoutJavaScript(organizer);
    organizerPage.navigate("/organizer/events/new");
    assertThat(organizerPage.getByLabel("总名额")).isVisible();
    assertThat(organizerPage.getByLabel("第 1 队队名")).isVisible();
    assertThat(organizerPage.getByLabel("女士名额")).isVisible();

    long eventId = Cast.salon(organizer, "无脚本入场码 " + Events.token(), 10);
    Api.Member member = Cast.member("无脚本看入场码");
    Cast.signUp(member, eventId);
    Page ticket = withoutJavaScript(member);
    ticket.navigate("/events/" + eventId + "/ticket");
    Locator reload = ticket.locator("meta[http-equiv=refresh]");
    assertThat(reload).hasCount(1);
    int seconds = Integer.parseInt(reload.getAttribute("content"));
    assertTrue(seconds >= 1 && seconds <= 31, "reloads when the code expires: " + seconds);
  }
}
