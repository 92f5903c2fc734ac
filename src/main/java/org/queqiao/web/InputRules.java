package org.queqiao.web;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/**
 * Rules every request's input obeys before any handler reads it (contract §10):
 * <ul>
 *   <li>an /api request that changes state and has a body sends it as {@code application/json}
 *       (else 415): a cross-site HTML form can only send form or text bodies, so it cannot reach
 *       the JSON API without the browser's CORS preflight (login CSRF). A route that takes a file
 *       ({@link Uploads#raw}) names its own media types instead, none of which a form can send;</li>
 *   <li>no text anywhere (query, form fields, JSON strings and keys) holds a control character
 *       (NUL, other C0, DEL, C1) or half of a surrogate pair: PostgreSQL refuses NUL, and the rest
 *       is never meant. Tab and newline are allowed only in the multi-line fields.</li>
 * </ul>
 */
public final class InputRules {
  /** Fields written as paragraphs (textareas): they may hold newlines and tabs. */
  static final Set<String> MULTI_LINE = Set.of("description", "message", "note", "reason", "body", "comment");
  private static final Set<HttpMethod> CHANGES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
      HttpMethod.DELETE);

  private InputRules() {}

  public static void handle(RoutingContext ctx) {
    String bad = badQuery(ctx.queryParams());
    if (bad != null) {
      ctx.fail(refusal(bad));
      return;
    }
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    boolean hasBody = body != null && body.length() > 0;
    boolean api = ctx.normalizedPath().startsWith("/api/");
    if (api && hasBody && CHANGES.contains(ctx.request().method()) && !Uploads.acceptsRaw(ctx)) {
      if (!isJson(ctx.request().getHeader("Content-Type"))) {
        ctx.fail(ApiError.unsupportedMediaType());
        return;
      }
      bad = badJson(body);
    } else if (!api && hasBody) {
      bad = badForm(ctx.request().formAttributes());
    }
    if (bad != null) {
      ctx.fail(refusal(bad));
      return;
    }
    ctx.next();
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

  /** Whether text holds a character no field takes (tab and line breaks only where multi-line). */
  public static boolean hasForbiddenCharacter(String text, boolean multiLine) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return true;
      }
      if (Character.isLowSurrogate(c)) {
        return true;
      }
      if (Character.getType(c) == Character.CONTROL
          && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
        return true;
      }
    }
    return false;
  }

  private static String badQuery(MultiMap params) {
    for (Map.Entry<String, String> e : params) {
      if (hasForbiddenCharacter(e.getKey(), false) || hasForbiddenCharacter(e.getValue(), false)) {
        return fieldName(e.getKey());
      }
    }
    return null;
  }

  private static String badForm(MultiMap form) {
    for (Map.Entry<String, String> e : form) {
      if (hasForbiddenCharacter(e.getKey(), false)
          || hasForbiddenCharacter(e.getValue(), MULTI_LINE.contains(e.getKey()))) {
        return fieldName(e.getKey());
      }
    }
    return null;
  }

  /** Malformed JSON is left to the handler, which answers MALFORMED_JSON. */
  private static String badJson(Buffer body) {
    Object json;
    try {
      json = io.vertx.core.json.Json.decodeValue(body);
    } catch (DecodeException e) {
      return null;
    }
    return badValue(json, null, false);
  }

  private static String badValue(Object value, String field, boolean multiLine) {
    if (value instanceof String text) {
      return hasForbiddenCharacter(text, multiLine) ? fieldName(field) : null;
    }
    if (value instanceof JsonObject object) {
      for (Map.Entry<String, Object> e : object) {
        String name = field == null ? e.getKey() : field;
        if (hasForbiddenCharacter(e.getKey(), false)) {
          return fieldName(name);
        }
        String bad = badValue(e.getValue(), name, MULTI_LINE.contains(e.getKey()));
        if (bad != null) {
          return bad;
        }
      }
    }
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        String bad = badValue(item, field, multiLine);
        if (bad != null) {
          return bad;
        }
      }
    }
    return null;
  }

  /** The field named in the answer: its own name when that is printable, else a neutral one. */
  private static String fieldName(String name) {
    return name == null || name.isEmpty() || hasForbiddenCharacter(name, false) || name.length() > 40 ? "text" : name;
  }

  private static ApiError refusal(String field) {
    return ApiError.validation(Map.of(field, "field.text.control"));
  }
}
