package org.queqiao.mixer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.queqiao.web.ApiError;
import org.queqiao.web.Messages;

/**
 * The consent texts a member is shown before a mark, a request or an answer (contract §9). A
 * receipt keeps the exact text shown, with the recipient and the fields filled in, and its SHA-256,
 * so what was agreed to can be proven later; API clients read the current texts from
 * {@code GET /api/consent-texts} and must show them too.
 */
public final class ConsentTexts {
  public enum Kind {
    MARK("mixer-mark-1"), INTRO_REQUEST("intro-request-1"), INTRO_ACCEPT("intro-answer-1");

    final String version;

    Kind(String version) {
      this.version = version;
    }

    public String version() {
      return version;
    }
  }

  /** A consent as a request carries it: the version of the text shown and the fields agreed to. */
  public record Given(String version, List<String> fields) {}

  /** A consent with its exact text, as the receipt stores it. */
  public record Shown(Kind kind, String version, String lang, String text, String sha256, List<String> fields) {}

  private final Messages messages;

  public ConsentTexts(Messages messages) {
    this.messages = messages;
  }

  /** The current texts with {recipient} and {fields} left as placeholders. */
  public JsonArray templates(String lang) {
    JsonArray all = new JsonArray();
    for (Kind kind : Kind.values()) {
      all.add(new JsonObject().put("kind", kind.name()).put("version", kind.version)
          .put("text", messages.get(lang, "consent." + kind.version, "{recipient}", "{fields}")));
    }
    return all;
  }

  /** The text exactly as it is shown for this recipient and these fields. */
  public Shown shown(Kind kind, String lang, String recipientNickname, List<String> fields) {
    String text = messages.get(lang, "consent." + kind.version, recipientNickname, fieldNames(lang, fields));
    return new Shown(kind, kind.version, lang, text, sha256(text), List.copyOf(fields));
  }

  /** A person without a nickname, as texts name them: by their badge. */
  public String badgeName(String lang, int badge) {
    return messages.get(lang, "mixer.noNickname", badge);
  }

  /** The fields as people read them: "微信号、手机号" / "WeChat ID, Mobile number". */
  public String fieldNames(String lang, List<String> fields) {
    if (fields.isEmpty()) {
      return messages.get(lang, "card.nothing");
    }
    return fields.stream().map(f -> messages.get(lang, "card.field." + f))
        .collect(Collectors.joining("zh".equals(lang) ? "、" : ", "));
  }

  /**
   * Reads {@code {"consentVersion","fields"}}: 400 CONSENT_REQUIRED when either is missing, 409
   * CONSENT_OUTDATED for another version, 400 for fields that are not card field names.
   */
  public static Given parse(Kind kind, JsonObject body) {
    Object version = body.getValue("consentVersion");
    Object fields = body.getValue("fields");
    if (!(version instanceof String v) || v.isBlank() || fields == null) {
      throw MixerErrors.consentRequired();
    }
    if (!kind.version.equals(v)) {
      throw MixerErrors.consentOutdated();
    }
    return new Given(v, fieldList(fields));
  }

  static List<String> fieldList(Object fields) {
    if (!(fields instanceof JsonArray array)) {
      throw ApiError.validation(Map.of("fields", "field.consent.fields"));
    }
    List<String> list = new ArrayList<>();
    for (Object f : array) {
      if (!(f instanceof String name) || !ContactCard.FIELDS.contains(name)) {
        throw ApiError.validation(Map.of("fields", "field.consent.fields"));
      }
      if (!list.contains(name)) {
        list.add(name);
      }
    }
    list.sort((a, b) -> ContactCard.FIELDS.indexOf(a) - ContactCard.FIELDS.indexOf(b));
    return list;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
