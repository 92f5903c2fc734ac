package org.queqiao.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.queqiao.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alibaba Cloud SMS, RPC action {@code SendSms} (version 2017-05-25), signed with signature
 * version 1.0: HMAC-SHA1 keyed with the secret and "&amp;" over
 * {@code POST&%2F&percentEncode(sorted canonical query)}, sent as a form body.
 */
public final class AliyunSms implements SmsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(AliyunSms.class);
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);
  static final int REQUEST_TIMEOUT_SECONDS = 20;
  // Per-number frequency limits (1 a minute, 5 an hour) and API throttling pass: try later.
  private static final Set<String> THROTTLED = Set.of("isv.BUSINESS_LIMIT_CONTROL", "isv.DAY_LIMIT_CONTROL");
  // Errors in the number, the template or the text: the same request would fail the same way.
  private static final Set<String> PERMANENT = Set.of("isv.MOBILE_NUMBER_ILLEGAL", "isv.MOBILE_COUNT_OVER_LIMIT",
      "isv.TEMPLATE_MISSING_PARAMETERS", "isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL",
      "isv.INVALID_PARAMETERS", "isv.PARAM_LENGTH_LIMIT", "isv.BLACK_KEY_CONTROL_LIMIT",
      "isv.INVALID_JSON_PARAM", "isv.TEMPLATE_PARAMS_ILLEGAL");

  private final HttpClient http;
  private final AppConfig.Sms config;
  private final Clock clock;

  public AliyunSms(Vertx vertx, AppConfig.Sms config, Clock clock) {
    this.config = config;
    this.clock = clock;
    URI endpoint = config.endpoint();
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000)
        .setSsl("https".equals(endpoint.getScheme())));
  }

  @Override
  public Future<Outcome> send(String phoneNumber, String templateCode, JsonObject templateParams) {
    Map<String, String> query = new TreeMap<>();
    query.put("AccessKeyId", config.accessKeyId());
    query.put("Action", "SendSms");
    query.put("Format", "JSON");
    query.put("PhoneNumbers", phoneNumber);
    query.put("RegionId", "cn-hangzhou");
    query.put("SignName", config.signName());
    query.put("SignatureMethod", "HMAC-SHA1");
    query.put("SignatureNonce", UUID.randomUUID().toString());
    query.put("SignatureVersion", "1.0");
    query.put("TemplateCode", templateCode);
    query.put("TemplateParam", templateParams.encode());
    query.put("Timestamp", TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    query.put("Version", "2017-05-25");
    String canonical = canonicalQuery(query);
    String body = "Signature=" + percentEncode(sign("POST", canonical, config.accessKeySecret())) + "&" + canonical;
    URI endpoint = config.endpoint();
    int port = endpoint.getPort() > 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(endpoint.getHost())
        .setPort(port).setURI("/").setTimeout(REQUEST_TIMEOUT_SECONDS * 1000L)
        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
    return http.request(request)
        .compose(req -> req.send(Buffer.buffer(body, "UTF-8")))
        .compose(response -> response.body().map(answer -> outcome(response.statusCode(), answer.toString())))
        .recover(failure -> Future.succeededFuture(new Outcome.Retry("transport: " + failure.getMessage(), 0)));
  }

  /** The provider's answer, as its documented codes mean it. */
  static Outcome outcome(int status, String body) {
    JsonObject answer;
    try {
      answer = new JsonObject(body);
    } catch (RuntimeException e) {
      return new Outcome.Retry("HTTP " + status + ": unreadable answer", 0);
    }
    String code = answer.getString("Code", "");
    String error = code + ": " + answer.getString("Message", "");
    if ("OK".equals(code)) {
      return new Outcome.Sent(answer.getString("BizId", ""));
    }
    if (THROTTLED.contains(code) || code.startsWith("Throttling")) {
      return new Outcome.Retry(error, 300);
    }
    if ("isv.AMOUNT_NOT_ENOUGH".equals(code)) {
      // Somebody must top up the account: loud in the log, and retried with the usual backoff.
      LOG.error("SMS account has no credit left; messages wait until it is topped up");
      return new Outcome.Retry(error, 600);
    }
    if (PERMANENT.contains(code)) {
      return new Outcome.GiveUp(error);
    }
    return new Outcome.Retry(error, 0);
  }

  static String canonicalQuery(Map<String, String> sorted) {
    return sorted.entrySet().stream()
        .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  /** RFC 3986: only A-Z a-z 0-9 - _ . ~ stay as they are; a space is %20. */
  static String percentEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  static String sign(String method, String canonicalQuery, String secret) {
    String toSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery);
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA1 is part of every JDK", e);
    }
  }

  public Future<Void> close() {
    return http.close();
  }
}
