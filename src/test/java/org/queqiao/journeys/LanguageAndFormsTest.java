package org.queqiao.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Browser;
import org.queqiao.support.Events;

/** The language switch in the header, and forms that answer bad input next to the field at fault. */
class LanguageAndFormsTest extends BrowserJourney {
  private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");


  /** Submits the page's form with this button and returns the server's answer to the post. */
  private static Response submit(Page page, String buttonName) {
    return page.waitForResponse(r -> r.request().method().equals("POST"), () -> button(page, buttonName).click());
  }

  /** The field's error as a screen reader and an eye find it: in the field's box, tied to the input. */
  private static void assertErrorNextTo(Page page, String inputId, String message) {
    Locator input = page.locator("#" + inputId);
    Locator box = page.locator(".field").filter(new Locator.FilterOptions().setHas(input));
    assertThat(box).hasClass(Pattern.compile("\\bhas-error\\b"));
    assertThat(box.locator(".field-error")).hasText(message);
    assertThat(input).hasAttribute("aria-invalid", "true");
    String errorId = box.locator(".field-error").getAttribute("id");
    assertTrue(errorId != null && input.getAttribute("aria-describedby").contains(errorId),
        "#" + inputId + " is described by its error message");
  }

  @Test
  void theLanguageSwitchTurnsTheSamePageIntoEnglishAndTheChoiceStaysUntilSwitchedBack() {
    long eventId = Cast.salon(organizer, "双语读书会 " + Events.token(), 10);
    BrowserContext context = browser.newContext(Screens.phone());
    Browser.signIn(context, Cast.member("双语会员"));
    Page page = context.newPage();

    page.navigate("/events/" + eventId);
    assertThat(page.locator("html")).hasAttribute("lang", "zh-CN");
    assertThat(page.locator("dl.facts")).containsText("时间");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("English")).click();

    assertThat(page).hasURL(Pattern.compile("/events/" + eventId + "$"));
    assertThat(page.locator("html")).hasAttribute("lang", "en");
    assertThat(page.locator("dl.facts")).containsText("When");
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up"))).isVisible();
    assertThat(page.locator("a[href^='/lang/zh']")).hasAttribute("lang", "zh");

    page.locator(".mainnav").getByText("My events").click();
    assertThat(page.locator("h1")).hasText("My events");
    assertThat(page.locator("html")).hasAttribute("lang", "en");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("中文")).click();
    assertThat(page).hasURL(Pattern.compile("/me/events$"));
    assertThat(page.locator("html")).hasAttribute("lang", "zh-CN");
    assertThat(page.locator("h1")).hasText("我的活动");
  }

  @Test
  void registeringWithABadPhoneNumberAndAShortPasswordShowsEachErrorNextToItsFieldAndKeepsWhatWasTyped() {
    Page page = browser.newContext(Screens.phone()).newPage();
    page.navigate("/register");
    page.getByLabel("手机号或电子邮箱").fill("12345");
    page.getByLabel("密码").fill("short");
    page.getByLabel("姓名").fill("输错的人");

    Response answer = submit(page, "注册并登录");

    assertEquals(400, answer.status());
    assertThat(page.getByRole(AriaRole.ALERT)).hasText("有些内容需要修改，请查看各项提示。");
    assertErrorNextTo(page, "login", "请填写中国大陆手机号（11 位）或有效的电子邮箱。");
    assertErrorNextTo(page, "password", "密码至少需要 8 个字符。");
    assertThat(page.locator("#displayName")).hasValue("输错的人");
    assertThat(page.locator("#login")).hasValue("12345");
    assertThat(page.locator("#password")).hasValue("");
    assertThat(page.locator("#displayName")).not().hasAttribute("aria-invalid", "true");
  }

  @Test
  void anEventThatEndsBeforeItStartsIsRefusedWithTheMessageUnderTheEndTime() {
    BrowserContext context = browser.newContext(Screens.phone());
    Browser.signIn(context, organizer);
    Page page = context.newPage();
    page.navigate("/organizer/events/new");
    OffsetDateTime start = Events.evening(20);
    page.getByLabel("活动名称").fill("时间填反的活动");
    page.getByLabel("地点").fill("工人文化宫");
    page.getByLabel("开始时间").fill(LOCAL_INPUT.format(start));
    page.getByLabel("结束时间").fill(LOCAL_INPUT.format(start.minusHours(1)));
    page.getByLabel("总名额").fill("30");

    Response answer = submit(page, "保存为草稿");

    assertEquals(400, answer.status());
    assertErrorNextTo(page, "endsAt", "结束时间要晚于开始时间。");
    assertThat(page.locator("#startsAt")).not().hasAttribute("aria-invalid", "true");
    assertThat(page.locator("#title")).hasValue("时间填反的活动");
    assertThat(page.locator("#capacity")).hasValue("30");
    assertTrue(page.url().endsWith("/organizer/events"), "still the new-event form: " + page.url());
  }
}
