package org.queqiao.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Playwright, for journeys that need the pages' JavaScript.
 * Playwright never downloads a browser of its own here: CI installs Debian's {@code chromium}.
 * One instance per test class; Playwright objects belong to the thread that made them.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  /** Headless as root in a container, on a machine whose outside network is closed. */
  private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
  /** A mid-size phone: the pages are phone-first, and the door is worked from a phone. */
  private static final int PHONE_WIDTH = 412;
  private static final int PHONE_HEIGHT = 915;

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser chromium;

  private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
    this.playwright = playwright;
    this.chromium = chromium;
  }

  /** Launches Chromium with the common flags and the caller's own (a fake camera, say). */
  public static Browser launch(String... extraArgs) {
    List<String> args = new ArrayList<>(FLAGS);
    Collections.addAll(args, extraArgs);
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      return new Browser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(CHROMIUM)
          .setHeadless(true)
          .setArgs(args)));
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  /** A fresh profile (no cookies, no storage) on the test app, in Chinese, at a phone's size. */
  public BrowserContext newContext() {
    return newContext(new com.microsoft.playwright.Browser.NewContextOptions());
  }

  /** As {@link #newContext()}, with the caller's options on top of those defaults. */
  public BrowserContext newContext(com.microsoft.playwright.Browser.NewContextOptions options) {
    if (options.baseURL == null) {
      options.setBaseURL(TestApp.baseUrl());
    }
    if (options.locale == null) {
      options.setLocale("zh-CN");
    }
    if (options.viewportSize == null) {
      options.setViewportSize(PHONE_WIDTH, PHONE_HEIGHT);
    }
    return chromium.newContext(options);
  }

  /**
   * Signs the context in through the real login form, as a person would; its pages then share the
   * session cookie. Fails with the form's own message when the sign-in is refused.
   */
  public static void signIn(BrowserContext context, String login, String password) {
    Page page = context.newPage();
    try {
      page.navigate("/login");
      page.locator("#login").fill(login);
      page.locator("#password").fill(password);
      Response answer = page.waitForResponse(
          r -> r.request().method().equals("POST") && r.url().endsWith("/login"),
          () -> page.locator("form[action='/login'] button[type=submit]").click());
      if (answer.status() != 303) {
        page.waitForLoadState();
        throw new AssertionError("sign-in as " + login + " was refused (" + answer.status() + "): "
            + page.locator("main").innerText());
      }
      page.waitForLoadState();
    } finally {
      page.close();
    }
  }

  public static void signIn(BrowserContext context, Api.Member member) {
    signIn(context, member.login(), member.password());
  }

  /**
   * Collects what the page's scripts complain about (console errors, uncaught exceptions), for
   * failure messages: a journey that times out should say why.
   */
  public static List<String> problemsOf(Page page) {
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type()) || "warning".equals(m.type())) {
        problems.add(m.type() + ": " + m.text());
      }
    });
    page.onPageError(error -> problems.add("uncaught: " + error));
    return problems;
  }

  /** A full-page screenshot under target/screenshots/, for people to look at after the run. */
  public static Path screenshot(Page page, String name) {
    Path file = Path.of("target", "screenshots", name + ".png").toAbsolutePath();
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    return file;
  }

  @Override
  public void close() {
    try {
      chromium.close();
    } finally {
      playwright.close();
    }
  }
}
