package org.queqiao.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every setting the server reads, parsed once from the environment. Nothing else in the code reads
 * environment variables, so a test can start the app with a plain map.
 */
public record AppConfig(
    String httpHost,
    int httpPort,
    Path dataDir,
    Optional<String> databaseUrl,
    Optional<String> jwtSecret,
    Optional<String> adminLogin,
    Optional<String> adminPassword,
    boolean demoData,
    URI publicBaseUrl,
    int sessionHours,
    int loginMaxFailuresPerLogin,
    int loginMaxFailuresPerAddress,
    int loginFailureWindowMinutes,
    boolean trustForwardedFor,
    int dbPoolSize,
    int httpInstances,
    int reminderHours,
    Optional<Smtp> smtp,
    int emailPollSeconds,
    int emailRetryBaseSeconds,
    int jobTickSeconds,
    Optional<String> contactKey,
    int mixerMatchingDays,
    int mixerRetentionDays,
    Optional<String> contactKeyPrevious,
    int mixerMatchingMaxDays,
    int disclosureRetentionDays,
    int registrationsPerAddressPerHour,
    int checkinCodeMaxFailures,
    int checkinCodeWindowMinutes,
    String securityContact,
    Path certificateFont,
    int signupBatchMs,
    int signupBatchMax,
    Optional<String> metricsToken,
    Optional<String> databaseReadUrl,
    Optional<Sms> sms,
    LocalTime quietFrom,
    LocalTime quietUntil) {

  /**
   * SMS through a provider (contract §19); absent when SMS_PROVIDER is unset. {@code templates}
   * maps a notification kind to the provider's template code (SMS_TEMPLATE_&lt;KIND&gt;).
   */
  public record Sms(String provider, String accessKeyId, String accessKeySecret, String signName, URI endpoint,
      Map<String, String> templates) {}

  /** Where e-mail goes; absent when SMTP_HOST is unset (then notifications stay in the app). */
  public record Smtp(String host, int port, String from, Optional<String> user, Optional<String> password,
      boolean tls) {}

  public static AppConfig fromEnvironment(Map<String, String> env) {
    Reader r = new Reader(env);
    URI base = r.uri("PUBLIC_BASE_URL", "http://localhost:8080");
    AppConfig config = new AppConfig(
        r.string("HTTP_HOST", "0.0.0.0"),
        r.integer("HTTP_PORT", 8080, 0, 65535),
        Path.of(r.string("DATA_DIR", "./data")).toAbsolutePath().normalize(),
        r.optional("DATABASE_URL"),
        r.optional("JWT_SECRET"),
        r.optional("ADMIN_LOGIN"),
        r.optional("ADMIN_PASSWORD"),
        r.bool("DEMO_DATA", true),
        base,
        r.integer("SESSION_HOURS", 24 * 7, 1, 24 * 90),
        r.integer("LOGIN_MAX_FAILURES", 5, 1, 1000),
        r.integer("LOGIN_MAX_FAILURES_PER_ADDRESS", 30, 1, 100000),
        r.integer("LOGIN_FAILURE_WINDOW_MINUTES", 15, 1, 24 * 60),
        r.bool("TRUST_FORWARDED_FOR", false),
        r.integer("DB_POOL_SIZE", 16, 1, 500),
        r.integer("HTTP_INSTANCES", Runtime.getRuntime().availableProcessors(), 1, 64),
        r.integer("REMINDER_HOURS", 24, 1, 24 * 14),
        r.optional("SMTP_HOST").map(host -> new Smtp(
            host,
            r.integer("SMTP_PORT", 25, 1, 65535),
            r.string("SMTP_FROM", "queqiao@localhost"),
            r.optional("SMTP_USER"),
            r.optional("SMTP_PASSWORD"),
            r.bool("SMTP_TLS", false))),
        r.integer("EMAIL_POLL_SECONDS", 2, 1, 3600),
        r.integer("EMAIL_RETRY_BASE_SECONDS", 30, 1, 3600),
        r.integer("JOB_TICK_SECONDS", 10, 1, 60),
        r.optional("CONTACT_KEY"),
        r.integer("MIXER_MATCHING_DAYS", 7, 0, 365),
        r.integer("MIXER_RETENTION_DAYS", 30, 0, 3650),
        r.optional("CONTACT_KEY_PREVIOUS"),
        r.integer("MIXER_MATCHING_MAX_DAYS", 30, 0, 365),
        r.integer("DISCLOSURE_RETENTION_DAYS", 365, 1, 3650),
        r.integer("REGISTRATIONS_PER_ADDRESS_PER_HOUR", 20, 1, 1_000_000),
        r.integer("CHECKIN_CODE_MAX_FAILURES", 10, 1, 1000),
        r.integer("CHECKIN_CODE_WINDOW_MINUTES", 10, 1, 24 * 60),
        r.string("SECURITY_CONTACT", "mailto:security@" + base.getHost()),
        // Sports-day certificates are set in this CJK font (Debian's fonts-noto-cjk); see docs/sports-day.md.
        Path.of(r.string("CERTIFICATE_FONT", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")),
        // Sign-ups for one pool arriving within this window share one transaction; 0 turns batching off.
        r.integer("SIGNUP_BATCH_MS", 2, 0, 1000),
        r.integer("SIGNUP_BATCH_MAX", 250, 1, 5000),
        r.optional("METRICS_TOKEN"),
        r.optional("DATABASE_READ_URL"),
        sms(r, env),
        r.quietHours()[0],
        r.quietHours()[1]);
    if (config.databaseReadUrl().isPresent() && config.databaseUrl().isEmpty()) {
      throw new ConfigException("DATABASE_READ_URL needs DATABASE_URL: the embedded database has no replica");
    }
    if (config.mixerMatchingDays() > config.mixerMatchingMaxDays()) {
      throw new ConfigException("MIXER_MATCHING_DAYS must not exceed MIXER_MATCHING_MAX_DAYS");
    }
    if (config.contactKeyPrevious().isPresent() && config.contactKey().isEmpty()) {
      throw new ConfigException("CONTACT_KEY_PREVIOUS needs CONTACT_KEY (the new key) to be set as well");
    }
    config.jwtSecret().ifPresent(secret -> {
      if (secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
        throw new ConfigException("JWT_SECRET must be at least 32 bytes long");
      }
    });
    if (config.adminLogin().isPresent() != config.adminPassword().isPresent()) {
      throw new ConfigException("ADMIN_LOGIN and ADMIN_PASSWORD must be set together");
    }
    return config;
  }

  private static Optional<Sms> sms(Reader r, Map<String, String> env) {
    Optional<String> provider = r.optional("SMS_PROVIDER");
    if (provider.isEmpty()) {
      return Optional.empty();
    }
    if (!provider.get().equals("aliyun")) {
      throw new ConfigException("SMS_PROVIDER must be aliyun (or unset for no SMS), got '" + provider.get() + "'");
    }
    Map<String, String> templates = new TreeMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith("SMS_TEMPLATE_") && value != null && !value.isBlank()) {
        templates.put(name.substring("SMS_TEMPLATE_".length()), value.trim());
      }
    });
    return Optional.of(new Sms(provider.get(), r.required("SMS_ACCESS_KEY_ID"), r.required("SMS_ACCESS_KEY_SECRET"),
        r.required("SMS_SIGN_NAME"), r.uri("SMS_ENDPOINT", "https://dysmsapi.aliyuncs.com"), Map.copyOf(templates)));
  }

  /** Where page uploads wait, deleted once their request is answered: beside the data, not in the working directory. */
  public Path uploadsDir() {
    return dataDir.resolve("uploads");
  }

  public boolean secureCookies() {
    return "https".equalsIgnoreCase(publicBaseUrl.getScheme());
  }

  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message);
    }
  }

  private record Reader(Map<String, String> env) {
    Optional<String> optional(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String required(String name) {
      return optional(name).orElseThrow(() -> new ConfigException(name + " must be set when SMS_PROVIDER is"));
    }

    /** QUIET_HOURS as "22:00-08:00"; equal ends mean no quiet hours. */
    LocalTime[] quietHours() {
      String raw = string("QUIET_HOURS", "22:00-08:00");
      String[] ends = raw.split("-");
      try {
        if (ends.length != 2) {
          throw new DateTimeParseException("two times expected", raw, 0);
        }
        return new LocalTime[] {LocalTime.parse(ends[0].trim()), LocalTime.parse(ends[1].trim())};
      } catch (DateTimeParseException e) {
        throw new ConfigException("QUIET_HOURS must look like 22:00-08:00, got '" + raw + "'");
      }
    }

    String string(String name, String fallback) {
      return optional(name).orElse(fallback);
    }

    int integer(String name, int fallback, int min, int max) {
      Optional<String> raw = optional(name);
      if (raw.isEmpty()) {
        return fallback;
      }
      try {
        int value = Integer.parseInt(raw.get());
        if (value < min || value > max) {
          throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
      } catch (NumberFormatException e) {
        throw new ConfigException(name + " must be a whole number, got '" + raw.get() + "'");
      }
    }

    boolean bool(String name, boolean fallback) {
      return optional(name).map(v -> switch (v.toLowerCase()) {
        case "true", "1", "yes", "on" -> true;
        case "false", "0", "no", "off" -> false;
        default -> throw new ConfigException(name + " must be true or false, got '" + v + "'");
      }).orElse(fallback);
    }

    URI uri(String name, String fallback) {
      String raw = string(name, fallback);
      try {
        URI uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw new IllegalArgumentException();
        }
        return uri;
      } catch (IllegalArgumentException e) {
        throw new ConfigException(name + " must be an absolute http(s) URL, got '" + raw + "'");
      }
    }
  }
}
