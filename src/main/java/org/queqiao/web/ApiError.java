package org.queqiao.web;

import java.util.Map;

/**
 * A refusal the client can act on. Messages are keys into the message bundles, so the one error
 * handler can answer in the asker's language; {@code fields} maps a field name to a message key.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final Object[] args;
  private final Map<String, String> fields;
  private Integer retryAfterSeconds;
  private io.vertx.core.json.JsonObject details;

  public ApiError(int status, String code, String messageKey, Map<String, String> fields, Object... args) {
    super(code + ": " + messageKey, null, false, false);
    this.status = status;
    this.code = code;
    this.args = args;
    this.fields = Map.copyOf(fields);
  }

  public ApiError(int status, String code, String messageKey, Object... args) {
    this(status, code, messageKey, Map.of(), args);
  }

  public static ApiError validation(Map<String, String> fields) {
    return new ApiError(400, "VALIDATION_FAILED", "error.validation", fields);
  }

  public static ApiError badRequest(String messageKey) {
    return new ApiError(400, "BAD_REQUEST", messageKey);
  }

  public static ApiError unauthorized() {
    return new ApiError(401, "UNAUTHORIZED", "error.unauthorized");
  }

  public static ApiError forbidden() {
    return new ApiError(403, "FORBIDDEN", "error.forbidden");
  }

  public static ApiError notFound() {
    return new ApiError(404, "NOT_FOUND", "error.notFound");
  }

  public static ApiError unsupportedMediaType() {
    return new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "error.mediaType");
  }

  public static ApiError crossSite() {
    return new ApiError(403, "CROSS_SITE_REQUEST", "error.crossSite");
  }

  public static ApiError csrfInvalid() {
    return new ApiError(403, "CSRF_TOKEN_INVALID", "error.csrf");
  }

  public static ApiError timedOut() {
    return new ApiError(503, "TIMED_OUT", "error.timedOut");
  }

  /** PostgreSQL cannot be reached just now (contract §16); the client may try again shortly. */
  public static ApiError databaseUnavailable() {
    return new ApiError(503, "DATABASE_UNAVAILABLE", "error.databaseUnavailable").retryAfter(5);
  }

  public static ApiError tooManyRequests(int retryAfterSeconds) {
    return new ApiError(429, "TOO_MANY_REQUESTS", "error.tooManyRequests").retryAfter(retryAfterSeconds);
  }

  /** For 429: tells the client when to try again (the Retry-After header). */
  public ApiError retryAfter(int seconds) {
    this.retryAfterSeconds = seconds;
    return this;
  }

  /** Extra facts for the client beside code and message (e.g. when a ticket was first used). */
  public ApiError details(io.vertx.core.json.JsonObject details) {
    this.details = details;
    return this;
  }

  public java.util.Optional<io.vertx.core.json.JsonObject> details() {
    return java.util.Optional.ofNullable(details);
  }

  public java.util.Optional<Integer> retryAfterSeconds() {
    return java.util.Optional.ofNullable(retryAfterSeconds);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String messageKey() {
    return getMessage().substring(code.length() + 2);
  }

  public Object[] args() {
    return args.clone();
  }

  public Map<String, String> fields() {
    return fields;
  }
}
