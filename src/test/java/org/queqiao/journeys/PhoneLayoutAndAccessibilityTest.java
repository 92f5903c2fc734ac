package org.queqiao.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Axe;
import org.queqiao.support.Browser;

/**
 * Every role's main pages, filled with the data a real day gives them, judged on a 390×844 phone
 * (and a 1280×800 desktop): nothing scrolls sideways, axe-core finds nothing serious, every field
 * has a label, the language is declared, and the keyboard moves through a page in reading order.
 * The screenshots land in target/screenshots/ (a chosen few are kept in docs/screenshots/).
 */
class PhoneLayoutAndAccessibilityTest {
  private enum Who { GUEST, MEMBER, ORGANIZER, MATCHMAKER }

  private record MainPage(String name, Who who, String path) {}

  private static Browser browser;
  private static final Map<Who, Page> TABS = new LinkedHashMap<>();
  private static final List<MainPage> PAGES = new ArrayList<>();

  @BeforeAll
  static void fillTheAppAndSignEveryoneIn() {
    Api.Member organizer = Cast.organizer("王组织");
    Api.Member hongniang = Cast.matchmaker("李红娘");
    Api.Member na = Cast.single("李娜", "娜娜", "FEMALE", 1996);
    Api.Member wei = Cast.single("张伟", "阿伟", "MALE", 1995);
    Api.Member qiang = Cast.single("刘强", "小刘", "MALE", 1991);
    Api.Member fang = Cast.single("王芳", "芳芳", "FEMALE", 1993);

    long salon = Cast.salon(organizer, "凤城工友读书会 · 《平凡的世界》", 30);
    Cast.signUp(na, salon);
    Cast.checkIn(organizer, salon, Cast.signUp(wei, salon));
    Cast.checkIn(organizer, salon, Cast.signUp(qiang, salon));
    Cast.signUp(fang, salon);

    long sportsDay = Cast.sportsDay(organizer, "凤城职工趣味运动会", "RED", "红队", 20, "BLUE", "蓝队", 20, "GREEN", "绿队", 20);
    Cast.signUp(na, sportsDay, new JsonObject().put("pool", "RED"));
    Cast.checkIn(organizer, sportsDay, Cast.signUp(wei, sportsDay, new JsonObject().put("pool", "BLUE")));
    Cast.signUp(qiang, sportsDay, new JsonObject().put("pool", "GREEN"));
    Cast.checkIn(organizer, sportsDay, Cast.signUp(fang, sportsDay, new JsonObject().put("pool", "RED")));

    long mixer = Cast.mixer(organizer, "青年职工单身联谊会", 20);
    Cast.contactCard(na, new JsonObject().put("wechat", "nana_1996").put("note", "喜欢读书和爬山"));
    Cast.contactCard(wei, new JsonObject().put("phone", "13900000001").put("wechat", "awei95"));
    int naBadge = Cast.checkIn(organizer, mixer, Cast.signUpForMixer(na, mixer)).getInteger("badge");
    int weiBadge = Cast.checkIn(organizer, mixer, Cast.signUpForMixer(wei, mixer)).getInteger("badge");
    int qiangBadge = Cast.checkIn(organizer, mixer, Cast.signUpForMixer(qiang, mixer)).getInteger("badge");
    Cast.checkIn(organizer, mixer, Cast.signUpForMixer(fang, mixer));
    mark(na, mixer, weiBadge);
    mark(wei, mixer, naBadge);
    // The mixer's organiser assigns the matchmaker, who then sees its requests (contract §8).
    Api.Response assigned = Cast.API.put("/api/events/" + mixer + "/staff/" + hongniang.id(),
        new JsonObject().put("role", "MATCHMAKER"), organizer.token());
    assertEquals(200, assigned.status(), assigned.body());
    long forwarded = introRequest(qiang, mixer, naBadge, "你好，刚才一起玩破冰游戏时聊得很开心，想多认识一下。");
    Api.Response forward = Cast.API.post("/api/matchmaker/intro-requests/" + forwarded + "/forward",
        new JsonObject().put("note", "小刘人很踏实，可以聊聊。"), hongniang.token());
    assertEquals(200, forward.status(), forward.body());
    introRequest(fang, mixer, qiangBadge, "想和你聊聊跑步的事。");

    browser = Browser.launch();
    TABS.put(Who.GUEST, browser.newContext(Screens.phone()).newPage());
    TABS.put(Who.MEMBER, signedIn(na));
    TABS.put(Who.ORGANIZER, signedIn(organizer));
    TABS.put(Who.MATCHMAKER, signedIn(hongniang));

    PAGES.add(new MainPage("home", Who.MEMBER, "/"));
    PAGES.add(new MainPage("event", Who.MEMBER, "/events/" + salon));
    PAGES.add(new MainPage("login", Who.GUEST, "/login"));
    PAGES.add(new MainPage("register", Who.GUEST, "/register"));
    PAGES.add(new MainPage("my-events", Who.MEMBER, "/me/events"));
    PAGES.add(new MainPage("ticket", Who.MEMBER, "/events/" + salon + "/ticket"));
    PAGES.add(new MainPage("profile", Who.MEMBER, "/me/profile"));
    PAGES.add(new MainPage("inbox", Who.MEMBER, "/me/notifications"));
    PAGES.add(new MainPage("organizer-events", Who.ORGANIZER, "/organizer/events"));
    PAGES.add(new MainPage("event-form", Who.ORGANIZER, "/organizer/events/new"));
    PAGES.add(new MainPage("signups", Who.ORGANIZER, "/organizer/events/" + sportsDay + "/rsvps"));
    PAGES.add(new MainPage("scanner", Who.ORGANIZER, "/organizer/events/" + salon + "/checkin"));
    PAGES.add(new MainPage("dashboard", Who.ORGANIZER, "/organizer/events/" + sportsDay + "/attendance"));
    PAGES.add(new MainPage("venue", Who.ORGANIZER, "/organizer/events/" + salon + "/venue"));
    PAGES.add(new MainPage("mixer", Who.MEMBER, "/events/" + mixer + "/mixer"));
    PAGES.add(new MainPage("introductions", Who.MEMBER, "/me/introductions"));
    PAGES.add(new MainPage("matchmaker", Who.MATCHMAKER, "/matchmaker"));
    PAGES.add(new MainPage("contact-card", Who.MEMBER, "/me/contact-card"));
    PAGES.add(new MainPage("disclosures", Who.MEMBER, "/me/disclosures"));
    PAGES.add(new MainPage("matches", Who.MEMBER, "/me/matches"));
    PAGES.add(new MainPage("consents", Who.MEMBER, "/me/consents"));
    PAGES.add(new MainPage("my-data", Who.MEMBER, "/me/data"));
    PAGES.add(new MainPage("privacy", Who.GUEST, "/privacy"));
    PAGES.add(new MainPage("staff", Who.ORGANIZER, "/organizer/events/" + salon + "/staff"));
  }

  private static void mark(Api.Member who, long mixer, int badge) {
    // The consent names every field on the member's card now, as the mixer page's form does.
    JsonObject card = Cast.API.get("/api/me/contact-card", who.token()).json();
    Api.Response marked = Cast.API.put("/api/events/" + mixer + "/mixer/likes/" + badge,
        new JsonObject().put("consentVersion", "mixer-mark-1")
            .put("fields", new io.vertx.core.json.JsonArray(new java.util.ArrayList<>(card.fieldNames()))), who.token());
    assertEquals(204, marked.status(), marked.body());
  }

  private static long introRequest(Api.Member from, long mixer, int targetBadge, String message) {
    Api.Response sent = Cast.API.post("/api/events/" + mixer + "/intro-requests",
        new JsonObject().put("targetBadge", targetBadge).put("message", message), from.token());
    assertEquals(201, sent.status(), sent.body());
    return sent.json().getLong("id");
  }

  private static Page signedIn(Api.Member member) {
    BrowserContext context = browser.newContext(Screens.phone());
    Browser.signIn(context, member);
    return context.newPage();
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  /** Opens the page at phone size and fails loudly if it is not there. */
  private static Page open(MainPage main) {
    Page page = TABS.get(main.who());
    Screens.usePhone(page);
    Response response = page.navigate(main.path());
    assertEquals(200, response.status(), main.name() + " (" + main.path() + ") did not open");
    return page;
  }

  @Test
  void everyMainPageFitsA390PixelPhoneWithoutSidewaysScrollingAndIsScreenshottedOnPhoneAndDesktop() {
    List<String> problems = new ArrayList<>();
    for (MainPage main : PAGES) {
      Page page = open(main);
      if (!Screens.fitsWidth(page)) {
        problems.add(main.name() + " on a phone: " + Screens.overflowReport(page));
      }
      Screens.phoneShot(page, main.name());
      Screens.useDesktop(page);
      if (!Screens.fitsWidth(page)) {
        problems.add(main.name() + " on a desktop: " + Screens.overflowReport(page));
      }
      Screens.desktopShot(page, main.name());
    }
    assertTrue(problems.isEmpty(), "pages that scroll sideways:\n" + String.join("\n", problems));
  }

  @Test
  void axeFindsNoSeriousOrCriticalViolationOnAnyMainPage() {
    List<String> problems = new ArrayList<>();
    for (MainPage main : PAGES) {
      Page page = open(main);
      Axe.seriousOrCritical(page).forEach(v -> problems.add(main.name() + ": " + v));
    }
    assertTrue(problems.isEmpty(), "axe-core violations:\n" + String.join("\n", problems));
  }

  @Test
  void everyFormFieldHasALabelEveryPageDeclaresChineseAndNothingJumpsTheTabOrder() {
    List<String> problems = new ArrayList<>();
    for (MainPage main : PAGES) {
      Page page = open(main);
      Object lang = page.evaluate("() => document.documentElement.lang");
      if (!"zh-CN".equals(lang)) {
        problems.add(main.name() + ": <html lang> is '" + lang + "'");
      }
      @SuppressWarnings("unchecked")
      List<String> unlabelled = (List<String>) page.evaluate("() => [...document.querySelectorAll('input, select, textarea')]"
          + ".filter(f => f.type !== 'hidden')"
          + ".filter(f => ![...(f.labels || [])].some(l => l.textContent.trim())"
          + "  && !(f.getAttribute('aria-label') || '').trim() && !f.getAttribute('aria-labelledby'))"
          + ".map(f => f.outerHTML.slice(0, 100))");
      unlabelled.forEach(f -> problems.add(main.name() + ": no label for " + f));
      @SuppressWarnings("unchecked")
      List<String> jumping = (List<String>) page.evaluate("() => [...document.querySelectorAll('[tabindex]')]"
          + ".filter(e => e.tabIndex > 0).map(e => e.outerHTML.slice(0, 100))");
      jumping.forEach(e -> problems.add(main.name() + ": positive tabindex on " + e));
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void theKeyboardMovesThroughEachFormPageInReadingOrderStartingWithAVisibleSkipLink() {
    List<String> problems = new ArrayList<>();
    for (String name : List.of("register", "event", "scanner", "mixer", "matchmaker")) {
      MainPage main = PAGES.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
      Page page = open(main);
      List<Focus> walk = tabThrough(page, 120);
      if (walk.isEmpty() || !walk.get(0).skipLink()) {
        problems.add(name + ": the first Tab does not reach the skip link: " + walk.stream().limit(1).toList());
      }
      for (int i = 0; i < walk.size(); i++) {
        Focus focus = walk.get(i);
        if (!focus.onScreen()) {
          problems.add(name + ": focus is off screen on " + focus.element());
        }
        if (i > 0 && focus.order() <= walk.get(i - 1).order()) {
          problems.add(name + ": focus goes back from " + walk.get(i - 1).element() + " to " + focus.element());
        }
      }
      if (walk.stream().noneMatch(f -> f.element().matches("(?s)<(button|input|select|textarea)\\b.*"))) {
        problems.add(name + ": the keyboard never reaches a form control: " + walk);
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void theSkipLinkTakesKeyboardUsersStraightToTheMainContent() {
    Page page = open(PAGES.stream().filter(p -> p.name().equals("event")).findFirst().orElseThrow());
    page.keyboard().press("Tab");
    assertEquals("#main", page.evaluate("() => document.activeElement.getAttribute('href')"), "the first Tab stop");
    page.keyboard().press("Enter");
    page.keyboard().press("Tab");
    assertEquals(Boolean.TRUE, page.evaluate("() => document.querySelector('main').contains(document.activeElement)"),
        "after the skip link, Tab lands in the main content, on: "
            + page.evaluate("() => document.activeElement.outerHTML.slice(0, 100)"));
  }

  /** Where focus landed after one Tab: the element, its place in the document, whether it shows. */
  private record Focus(String element, int order, boolean onScreen, boolean skipLink) {}

  /** Presses Tab until focus leaves the page (or {@code max} presses), noting each stop. */
  private static List<Focus> tabThrough(Page page, int max) {
    List<Focus> walk = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      page.keyboard().press("Tab");
      @SuppressWarnings("unchecked")
      Map<String, Object> at = (Map<String, Object>) page.evaluate("() => {"
          + "  const e = document.activeElement;"
          + "  if (!e || e === document.body) { return null; }"
          + "  const r = e.getBoundingClientRect();"
          + "  return { element: e.outerHTML.slice(0, 90), order: [...document.querySelectorAll('*')].indexOf(e),"
          + "    onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.left < window.innerWidth,"
          + "    skipLink: e.classList.contains('skip-link') };"
          + "}");
      if (at == null || (!walk.isEmpty() && ((Number) at.get("order")).intValue() == walk.get(0).order())) {
        break;
      }
      walk.add(new Focus((String) at.get("element"), ((Number) at.get("order")).intValue(),
          Boolean.TRUE.equals(at.get("onScreen")), Boolean.TRUE.equals(at.get("skipLink"))));
    }
    return walk;
  }
}
