package org.queqiao.support;

import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * axe-core (vendored from npm under src/test/resources/axe/) run inside a page. It is injected with
 * {@code evaluate}, not a script tag: the pages' Content-Security-Policy forbids inline scripts, and
 * Playwright's evaluation is not subject to it.
 */
public final class Axe {
  private static final Set<String> BLOCKING = Set.of("serious", "critical");
  private static final String SCRIPT = load();

  private Axe() {}

  /** One rule that failed on the page, with the elements it failed on. */
  public record Violation(String rule, String impact, String help, List<String> targets) {
    @Override
    public String toString() {
      return rule + " (" + impact + "): " + help + " at " + targets;
    }
  }

  /** Every violation axe reports on the page as it is now. */
  public static List<Violation> violations(Page page) {
    if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
      page.evaluate(SCRIPT);
    }
    String json = (String) page.evaluate(
        "async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))");
    List<Violation> found = new ArrayList<>();
    for (Object v : new JsonObject(json).getJsonArray("violations")) {
      JsonObject violation = (JsonObject) v;
      List<String> targets = new ArrayList<>();
      for (Object n : violation.getJsonArray("nodes", new JsonArray())) {
        targets.add(String.valueOf(((JsonObject) n).getValue("target")));
      }
      found.add(new Violation(violation.getString("id"), violation.getString("impact"), violation.getString("help"),
          targets));
    }
    return found;
  }

  /** The violations that block a release: axe's "serious" and "critical" impacts. */
  public static List<Violation> seriousOrCritical(Page page) {
    return violations(page).stream().filter(v -> BLOCKING.contains(v.impact())).toList();
  }

  private static String load() {
    try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException("axe/axe.min.js is missing from the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
