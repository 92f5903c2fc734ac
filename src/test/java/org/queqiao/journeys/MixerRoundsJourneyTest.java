package org.queqiao.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;

/**
 * Two rounds of a speed-dating mixer in Chromium: the host starts each round on their screen; the
 * attendees' phones, open all along and never reloaded, learn their table or that they rest, and
 * count down to the same end time. Two women and one man: someone rests each round, and nobody
 * meets the same person twice.
 */
class MixerRoundsJourneyTest extends BrowserJourney {

  @Test
  void theHostRunsTwoRoundsAndEachPhoneFollowsItsTableLive() {
    Api.Member jing = Cast.single("林静", "静静", "FEMALE", 1997);
    Api.Member yu = Cast.single("许雨", "小雨", "FEMALE", 1995);
    Api.Member qiang = Cast.single("陈强", "强子", "MALE", 1994);
    long mixer = Cast.mixer(organizer, "速配联谊 " + Events.token(), 20);
    for (Api.Member m : new Api.Member[] {jing, yu, qiang}) {
      Cast.checkIn(organizer, mixer, Cast.signUpForMixer(m, mixer));
    }
    Page host = signedInPage(organizer);
    Page her = signedInPage(jing);
    Page other = signedInPage(yu);
    Page him = signedInPage(qiang);
    for (Page phone : new Page[] {her, other, him}) {
      phone.navigate("/events/" + mixer + "/mixer");
      assertThat(phone.locator("#round")).isHidden();
    }

    host.navigate("/events/" + mixer + "/mixer/host");
    assertThat(host.locator(".empty-state")).containsText("还没有开始轮换");
    button(host, "开始第一轮").click();
    Locator hostRound = host.locator("[data-round]");
    assertThat(hostRound).containsText("轮次 1");
    assertThat(hostRound.locator("[data-round-field=tables]")).hasText("1");
    assertThat(hostRound.locator("[data-round-field=resting]")).hasText("1");
    assertThat(hostRound.locator("[data-round-clock]")).hasText(Pattern.compile("^[67]:\\d\\d$"));

    // The phones were opened before the round began: they follow it without a reload.
    assertThat(her.locator("#round")).isVisible();
    assertThat(her.locator("[data-round-field=status]")).hasText("桌号 1");
    assertThat(him.locator("[data-round-field=status]")).hasText("桌号 1");
    assertThat(other.locator("[data-round-field=status]")).containsText("本轮休息");
    assertThat(him.locator("[data-round-clock]")).hasText(Pattern.compile("^[67]:\\d\\d$"));

    button(host, "开始下一轮").click();
    assertThat(host.locator("[data-round]")).containsText("轮次 2");
    assertThat(other.locator("[data-round-field=round]")).hasText("2");
    assertThat(other.locator("[data-round-field=status]")).hasText("桌号 1");
    assertThat(her.locator("[data-round-field=status]")).containsText("本轮休息");
    assertThat(him.locator("[data-round-field=status]")).hasText("桌号 1");

    // A third round has no new pair left for him: everyone rests rather than meeting again.
    button(host, "开始下一轮").click();
    assertThat(host.locator("[data-round-field=tables]")).hasText("0");
    assertThat(him.locator("[data-round-field=status]")).containsText("本轮休息");

    him.navigate("/events/" + mixer + "/mixer?lang=en");
    assertThat(him.locator("[data-round-field=status]")).containsText("You rest this round");
  }
}
