package org.queqiao.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/** A lottery from applying to the public result: the member applies, the organiser draws, everyone can check. */
class LotteryJourneyTest extends BrowserJourney {
  @Test
  void aMemberAppliesGetsANumberAndAfterTheDrawSeesTheirResultOnThePublicDrawPage() throws Exception {
    String title = "抽签观影会 " + Events.token();
    long eventId = Events.published(Cast.API, organizer.token(), Events.salon(title, 1).put("allocation", "LOTTERY")
        .put("registrationClosesAt", Events.iso(Events.evening(5))));
    Api.Member member = Cast.member("林小雨");
    Cast.signUp(Cast.member("郭大山"), eventId);
    Page page = signedInPage(member);

    page.navigate("/events/" + eventId);
    assertThat(page.locator(".action-box")).containsText("申请先后不影响结果");
    assertThat(page.locator(".lottery-box")).containsText("承诺值");
    button(page, "申请抽签").click();
    assertThat(page.locator("#my-application")).containsText("你的号码是 2");
    assertThat(button(page, "撤回申请")).isVisible();

    try (var db = TestApp.jdbc(); var st = db.prepareStatement(
        "UPDATE events SET registration_closes_at = now() - interval '1 second' WHERE id = ?")) {
      st.setLong(1, eventId);
      assertEquals(1, st.executeUpdate());
    }
    Page desk = signedInPage(organizer);
    desk.navigate("/events/" + eventId + "/draw");
    button(desk, "立即抽签").click();
    assertThat(desk).hasURL(Pattern.compile("/events/" + eventId + "/draw\\?drawn=1$"));
    assertThat(desk.getByRole(com.microsoft.playwright.options.AriaRole.STATUS).first()).containsText("抽签已完成");

    page.navigate("/events/" + eventId);
    link(page, "查看公开抽签结果").click();
    assertThat(page).hasURL(Pattern.compile("/events/" + eventId + "/draw$"));
    assertThat(page.locator("#my-result")).containsText("你的号码 2");
    assertThat(page.locator("table.results tbody tr")).hasCount(2);
    assertThat(page.locator("table.results")).containsText("林*");
    assertThat(page.locator("table.results")).containsText("郭*");
    assertThat(page.locator("table.results")).not().containsText("林小雨");
    assertThat(page.locator("#seed")).hasText(Pattern.compile("[0-9a-f]{64}"));
    assertThat(page.locator("#how-heading")).hasText("如何自己核对抽签");

    Page stranger = browser.newContext(Screens.phone()).newPage();
    stranger.navigate("/events/" + eventId + "/draw?lang=en");
    assertThat(stranger.locator("h1")).hasText("Public draw");
    assertThat(stranger.locator("table.results")).containsText("林*");
    assertThat(stranger.locator("#how-heading")).hasText("How to check the draw yourself");
  }
}
