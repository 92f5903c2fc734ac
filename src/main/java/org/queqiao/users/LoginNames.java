package org.queqiao.users;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A login is a mainland mobile number or an e-mail address. People type them with full-width
 * digits (Chinese input methods), spaces, dashes, a +86 prefix or capitals; all of those name the
 * same account.
 */
public final class LoginNames {
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}");

  private LoginNames() {}

  /**
   * Invisible format characters (zero-width space and joiners, soft hyphen, direction marks, BOM)
   * would make a second account that looks exactly like another: no login holds one.
   */
  public static boolean hasInvisible(String raw) {
    return raw != null && Normalizer.normalize(raw, Normalizer.Form.NFKC).codePoints()
        .anyMatch(c -> Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.CONTROL);
  }

  public static Optional<String> normalise(String raw) {
    if (raw == null || hasInvisible(raw)) {
      return Optional.empty();
    }
    String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
    if (text.contains("@")) {
      String email = text.toLowerCase(Locale.ROOT);
      return email.length() <= 254 && EMAIL.matcher(email).matches() ? Optional.of(email) : Optional.empty();
    }
    String digits = text.replaceAll("[\\s\\-()]", "");
    if (digits.startsWith("+86")) {
      digits = digits.substring(3);
    } else if (digits.startsWith("0086")) {
      digits = digits.substring(4);
    } else if (digits.length() == 13 && digits.startsWith("86")) {
      digits = digits.substring(2);
    }
    return MOBILE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
  }

  public static boolean isEmail(String login) {
    return login.contains("@");
  }
}
