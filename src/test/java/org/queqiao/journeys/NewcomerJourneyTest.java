package org.queqiao.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;

/** A member's main path in Chromium on a phone: register, browse, sign up, the ticket; the waitlist. */
class NewcomerJourneyTest extends BrowserJourney {
  @Test
  void aNewcomerRegistersFindsAnEventSignsUpAndShowsATicketWhoseCodeChecksThemIn() {
    String token = Events.token();
    String title = "新会员读书会 " + token;
    long eventId = Cast.salon(organizer, title, 20);
    String phone = Api.newPhone();
    Page page = browser.newContext(Screens.phone()).newPage();

    page.navigate("/");
    page.locator("header").getByText("注册").click();
    page.getByLabel("手机号或电子邮箱").fill(phone);
    page.getByLabel("密码").fill("我的新密码-2026");
    page.getByLabel("姓名").fill("周新人");
    button(page, "注册并登录").click();

    assertThat(page).hasURL(Pattern.compile("/\\?welcome=1$"));
    assertThat(page.getByRole(AriaRole.STATUS)).hasText("欢迎加入，周新人！");
    assertThat(page.locator("header .who")).hasText("周新人");

    page.getByLabel("搜索").fill(token);
    button(page, "查找").click();
    assertThat(page.locator(".event-card")).hasCount(1);
    link(page, title).click();

    assertThat(page.locator("h1")).hasText(title);
    assertThat(page).hasURL(Pattern.compile("/events/" + eventId + "$"));
    button(page, "报名").click();
    assertThat(page.locator(".action-box .notice-success")).containsText("你已报名成功");

    link(page, "出示入场码").click();
    assertThat(page).hasURL(Pattern.compile("/events/" + eventId + "/ticket$"));
    assertThat(page.locator(".ticket-name")).hasText("周新人");
    Locator qr = page.getByAltText("入场二维码，每 30 秒更新");
    assertThat(qr).isVisible();
    assertTrue((Boolean) qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR code is drawn");
    String code = page.locator(".ticket-code").innerText().strip();
    assertTrue(code.matches("\\d{3} \\d{3}"), "six digits to read aloud, in two groups: " + code);

    Api.Response atTheDoor = Cast.API.post("/api/events/" + eventId + "/checkins",
        new JsonObject().put("code", code.replace(" ", "")), organizer.token());
    assertEquals(201, atTheDoor.status(), "the code on the phone checks the newcomer in: " + atTheDoor.body());
    assertEquals("周新人", atTheDoor.json().getString("displayName"));

    link(page, "我的活动").click();
    Locator mine = page.locator(".event-card").filter(new Locator.FilterOptions().setHasText(title));
    assertThat(mine).containsText("已报名");
    assertThat(mine).containsText("已签到");
  }

  @Test
  void aWaitlistedMemberIsPromotedWhenSomeoneCancelsAndSeesItOnTheEventPageAndInTheInbox() {
    String title = "只有一个名额的读书会 " + Events.token();
    long eventId = Cast.salon(organizer, title, 1);
    Page first = signedInPage(Cast.member("先报名的会员"));
    Page second = signedInPage(Cast.member("候补的会员"));

    first.navigate("/events/" + eventId);
    button(first, "报名").click();
    assertThat(first.locator(".action-box .notice-success")).containsText("你已报名成功");

    second.navigate("/events/" + eventId);
    assertThat(second.locator(".pools")).containsText("已满");
    button(second, "加入候补").click();
    assertThat(second.locator(".action-box .notice-wait")).hasText("你在候补名单第 1 位，有人取消时会按顺序递补。");
    assertThat(link(second, "出示入场码")).hasCount(0);

    button(first, "取消报名").click();
    assertThat(first).hasURL(Pattern.compile("/events/" + eventId + "\\?cancelled=1$"));
    assertThat(first.locator(".action-box .notice-success")).hasCount(0);
    assertThat(button(first, "加入候补")).isVisible();

    second.reload();
    assertThat(second.locator(".action-box .notice-success")).containsText("你已报名成功");
    assertThat(link(second, "出示入场码")).isVisible();
    assertThat(second.locator(".unread-badge")).isVisible();
    second.locator(".mainnav").getByText("通知").click();
    assertThat(second.locator(".notification.unread")
        .filter(new Locator.FilterOptions().setHasText("候补成功：" + title))).hasCount(1);
  }

  @Test
  void theTicketRedrawsItsCodeInPlaceWhenTheStepEndsAndShowsTheCheckInWithoutReloading() {
    long eventId = Cast.salon(organizer, "入场码刷新 " + Events.token(), 5);
    Api.Member member = Cast.member("看入场码的会员");
    JsonObject rsvp = Cast.signUp(member, eventId);
    Page page = signedInPage(member);
    page.clock().install();
    page.navigate("/events/" + eventId + "/ticket");
    int refreshSeconds = Integer.parseInt(page.locator("[data-live-refresh]").getAttribute("data-live-refresh"));
    assertTrue(refreshSeconds >= 1 && refreshSeconds <= 31, "the box knows when its code expires: " + refreshSeconds);
    assertThat(page.locator(".ticket .notice-success")).hasCount(0);
    page.evaluate("() => { window.sameDocument = true; document.querySelector('.ticket-qr img').dataset.old = 'yes'; }");

    Cast.checkIn(organizer, eventId, rsvp);
    page.waitForResponse(r -> r.url().endsWith("/events/" + eventId + "/ticket") && r.status() == 200,
        () -> page.clock().runFor(refreshSeconds * 1000L + 500));

    assertThat(page.locator(".ticket .notice-success")).containsText("签到");
    assertThat(page.locator(".ticket-qr img")).not().hasAttribute("data-old", "yes");
    assertEquals(Boolean.TRUE, page.evaluate("() => window.sameDocument === true"), "the page was not reloaded");
    assertEquals(0, page.locator("meta[http-equiv=refresh]").count(), "with JavaScript, no timed reload");
  }
}
