package org.queqiao.journeys;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.queqiao.support.Api;
import org.queqiao.support.Browser;

/**
 * What the journeys share: one Chromium per test class, an organiser, phone-sized signed-in pages
 * and buttons found by their visible name (as a person finds them).
 */
abstract class BrowserJourney {
  static Browser browser;
  static Api.Member organizer;

  @BeforeAll
  static void launchBrowser() {
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    organizer = Cast.organizer("王组织");
    browser = Browser.launch();
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  static Page signedInPage(Api.Member member) {
    BrowserContext context = browser.newContext(Screens.phone());
    Browser.signIn(context, member);
    return context.newPage();
  }

  static Locator button(Page page, String name) {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  static Locator button(Locator scope, String name) {
    return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
  }

  static Locator link(Page page, String name) {
    return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
  }
}
