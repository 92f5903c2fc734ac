package org.queqiao.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The message bundles, Simplified Chinese first and English second, loaded once. Each feature has
 * its own pair of files ({@code i18n/<feature>_<lang>.properties}); a key may live in one only.
 */
public final class Messages {
  public static final String DEFAULT_LANG = "zh";
  public static final List<String> LANGS = List.of("zh", "en");
  static final List<String> FEATURES = List.of("accounts", "events", "notify", "checkin", "mixer", "privacy", "unions",
      "security", "covers", "series", "lottery", "seats", "sports", "reports", "mixerplus", "rosters");

  private final Map<String, Properties> bundles;

  private Messages(Map<String, Properties> bundles) {
    this.bundles = bundles;
  }

  public static Messages load() {
    return new Messages(LANGS.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), Messages::read)));
  }

  public static boolean supported(String lang) {
    return lang != null && LANGS.contains(lang);
  }

  public String get(String lang, String key, Object... args) {
    String pattern = bundles.getOrDefault(lang, bundles.get(DEFAULT_LANG)).getProperty(key);
    if (pattern == null) {
      pattern = bundles.get(DEFAULT_LANG).getProperty(key, key);
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(lang)).format(args);
  }

  /** The keys of one language, for the check that both languages say the same things. */
  Set<String> keys(String lang) {
    return bundles.get(lang).stringPropertyNames();
  }

  private static Properties read(String lang) {
    Properties all = new Properties();
    for (String feature : FEATURES) {
      String path = "i18n/" + feature + "_" + lang + ".properties";
      try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("Missing message bundle " + path);
        }
        Properties one = new Properties();
        one.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String key : one.stringPropertyNames()) {
          if (all.putIfAbsent(key, one.getProperty(key)) != null) {
            throw new IllegalStateException("Message key " + key + " is defined twice (again in " + path + ")");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }
}
