package org.queqiao.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;

/**
 * A singles mixer in Chromium on phones: two attendees mark each other and both see the match with
 * the other's contact; a matchmaker relays a request, the other person accepts, the requester sees
 * the contact. Everyone was checked in at the door beforehand (that is how badges are handed out).
 */
class MixerJourneyTest extends BrowserJourney {
  private static Locator person(Page page, String nickname) {
    return page.locator("#people .person").filter(new Locator.FilterOptions().setHasText(nickname));
  }

  /** A published mixer with these singles checked in at the door (so they hold badges). */
  private static long mixerWith(Api.Member... attendees) {
    long mixer = Cast.mixer(organizer, "单身联谊 " + Events.token(), 20);
    for (Api.Member attendee : attendees) {
      Cast.checkIn(organizer, mixer, Cast.signUpForMixer(attendee, mixer));
    }
    return mixer;
  }

  @Test
  void twoAttendeesWhoMarkEachOtherBothSeeTheMatchWithTheOthersContact() {
    Api.Member jing = Cast.single("林静", "静静", "FEMALE", 1997);
    Api.Member qiang = Cast.single("陈强", "强子", "MALE", 1994);
    Cast.contactCard(jing, new JsonObject().put("wechat", "jingjing_97"));
    Cast.contactCard(qiang, new JsonObject().put("phone", "13912345678"));
    long mixer = mixerWith(jing, qiang);
    Page her = signedInPage(jing);
    Page him = signedInPage(qiang);

    her.navigate("/events/" + mixer + "/mixer");
    Locator qiangOnHerPage = person(her, "强子");
    assertThat(qiangOnHerPage.locator("form[action$='/mixer/marks'] .consent")).containsText("如果 强子 也标记了你，强子 将收到你联系卡中的：微信号");
    button(qiangOnHerPage, "标记，想交换联系方式").click();
    assertThat(person(her, "强子")).containsText("你已悄悄标记了 TA（对方看不到）");
    assertThat(her.locator("#matches-heading")).hasCount(0);

    him.navigate("/events/" + mixer + "/mixer");
    Locator jingOnHisPage = person(him, "静静");
    assertThat(jingOnHisPage).not().containsText("你已悄悄标记了");
    button(jingOnHisPage, "标记，想交换联系方式").click();
    Locator hisMatches = him.locator("section[aria-labelledby=matches-heading]");
    assertThat(hisMatches).containsText("静静");
    assertThat(hisMatches).containsText("jingjing_97");

    her.reload();
    Locator herMatches = her.locator("section[aria-labelledby=matches-heading]");
    assertThat(herMatches).containsText("强子");
    assertThat(herMatches).containsText("13912345678");
    assertThat(her.locator(".unread-badge")).isVisible();

    her.navigate("/me/disclosures");
    assertThat(her.locator("main .card").filter(new Locator.FilterOptions().setHasText("强子"))).containsText("微信号");
  }

  @Test
  void aMatchmakerRelaysARequestTheOtherPersonAcceptsAndTheRequesterSeesTheirContact() {
    Api.Member lin = Cast.single("林大海", "大林", "MALE", 1992);
    Api.Member yu = Cast.single("许雨", "小雨", "FEMALE", 1995);
    Cast.contactCard(lin, new JsonObject().put("wechat", "dalin_92"));
    Cast.contactCard(yu, new JsonObject().put("email", "xiaoyu@example.com"));
    long mixer = mixerWith(lin, yu);
    Api.Member matchmaker = Cast.matchmaker("李红娘");
    // A matchmaker sees the introductions of the mixers they are assigned to (contract §9).
    Cast.staff(organizer, mixer, matchmaker, "MATCHMAKER");
    String message = "刚才拔河时站在你旁边，想认识一下 " + Events.token();
    Page requester = signedInPage(lin);
    Page desk = signedInPage(matchmaker);
    Page target = signedInPage(yu);

    requester.navigate("/events/" + mixer + "/mixer");
    Locator yuOnHisPage = person(requester, "小雨");
    yuOnHisPage.getByText("请红娘帮我转达").click();
    yuOnHisPage.getByLabel("想对红娘说的话（会转达给对方）").fill(message);
    button(yuOnHisPage, "请红娘转达").click();
    assertThat(requester).hasURL(Pattern.compile("/me/introductions\\?sent=1$"));
    assertThat(requester.getByRole(AriaRole.STATUS)).containsText("已交给红娘");
    assertThat(requester.locator(".request").filter(new Locator.FilterOptions().setHasText(message)))
        .containsText("进行中");

    desk.navigate("/");
    desk.locator(".mainnav").getByText("红娘工作台").click();
    Locator request = desk.locator(".request").filter(new Locator.FilterOptions().setHasText(message));
    assertThat(request).containsText("大林 想认识");
    assertThat(request).not().containsText("dalin_92");
    request.getByLabel("给对方的附言（可选）").fill("大林人很踏实。");
    button(request, "转达给对方").click();
    assertThat(desk).hasURL(Pattern.compile("/matchmaker$"));
    assertThat(desk.locator(".request").filter(new Locator.FilterOptions().setHasText(message))).hasCount(0);
    // Forwarded or not, the requester sees the same "in progress" (contract §9).
    requester.reload();
    Locator mine = requester.locator(".request").filter(new Locator.FilterOptions().setHasText(message));
    assertThat(mine).containsText("进行中");
    assertThat(mine).not().containsText("红娘已转达");

    target.navigate("/me/introductions");
    Locator incoming = target.locator(".request").filter(new Locator.FilterOptions().setHasText(message));
    assertThat(incoming).containsText("红娘附言：大林人很踏实。");
    assertThat(incoming.locator(".consent")).containsText("大林");
    assertThat(incoming.locator(".consent")).containsText("电子邮箱");
    button(incoming, "同意交换联系方式").click();
    assertThat(target.locator(".request").filter(new Locator.FilterOptions().setHasText(message)))
        .containsText("你已同意");

    requester.navigate("/me/introductions");
    assertThat(requester.locator(".request").filter(new Locator.FilterOptions().setHasText(message)))
        .containsText("对方同意了");
    requester.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("我的配对")).click();
    Locator match = requester.locator("main .card").filter(new Locator.FilterOptions().setHasText("小雨"));
    assertThat(match).containsText("红娘转达");
    assertThat(match).containsText("xiaoyu@example.com");
  }
}
