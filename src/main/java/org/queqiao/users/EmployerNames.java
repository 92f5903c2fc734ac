package org.queqiao.users;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * The key two employers are compared by for the colleague firewall (docs/privacy.md). People type
 * the same employer many ways — full-width letters, a trailing 有限公司, "Ltd." — and a firewall that
 * misses a colleague because of a suffix fails the one person who asked for it. So: NFKC (full-width
 * to ASCII, compatibility forms), case-folded, trailing Latin legal forms (Co., Ltd, Inc …) dropped as words,
 * whitespace and punctuation dropped, then the Chinese legal-form suffixes removed, longest first, repeatedly ("某某集团股份有限公司" and "某某集团"
 * are one employer). A name that is nothing but a suffix keeps its own key.
 */
public final class EmployerNames {
  // Longest first: 股份有限公司 must go before 有限公司 and 公司.
  private static final List<String> SUFFIXES = List.of("股份有限公司", "有限责任公司", "有限公司", "分公司", "总公司", "公司");
  // Latin legal forms count only as separate words: "Tesco" is not "Tes" + "co".
  private static final java.util.Set<String> WORDS = java.util.Set.of(
      "corporation", "company", "limited", "incorporated", "co", "corp", "inc", "ltd", "llc", "plc", "gmbh");

  private EmployerNames() {}

  /** The comparison key, or null for no employer. */
  public static String key(String employer) {
    if (employer == null || employer.isBlank()) {
      return null;
    }
    String folded = Normalizer.normalize(employer, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> words = new java.util.ArrayList<>(List.of(folded.split("[\\s\\p{Punct}\\p{IsPunctuation}]+")));
    while (words.size() > 1 && WORDS.contains(words.get(words.size() - 1))) {
      words.remove(words.size() - 1);
    }
    String compact = String.join("", words);
    if (compact.isEmpty()) {
      return null;
    }
    String key = compact;
    boolean stripped = true;
    while (stripped) {
      stripped = false;
      for (String suffix : SUFFIXES) {
        if (key.endsWith(suffix) && key.length() > suffix.length()) {
          key = key.substring(0, key.length() - suffix.length());
          stripped = true;
          break;
        }
      }
    }
    return key.isEmpty() ? compact : key;
  }
}
