package org.queqiao.notify;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for Alibaba Cloud's SMS endpoint: checks each request as the provider documents it
 * (every common and SendSms parameter, the timestamp, a fresh nonce, the HMAC-SHA1 signature
 * recomputed here from the spec, independently of the code under test) and answers OK or the
 * error code set for the number. A request that fails a check is answered as the provider would
 * (SignatureDoesNotMatch, MissingParameter…) and counted in {@link #rejected}.
 */
final class SmsStandIn implements AutoCloseable {
  static final String KEY_ID = "LTAI-test-key";
  static final String SECRET = "test-secret/with+special=chars";
  static final String SIGN_NAME = "鹊桥工会";
  private static final Set<String> PARAMETERS = Set.of("AccessKeyId", "Action", "Format", "PhoneNumbers", "RegionId",
      "SignName", "Signature", "SignatureMethod", "SignatureNonce", "SignatureVersion", "TemplateCode",
      "TemplateParam", "Timestamp", "Version");

  record Received(String phone, String templateCode, JsonObject params) {}

  final List<Received> accepted = new CopyOnWriteArrayList<>();
  final List<String> rejected = new CopyOnWriteArrayList<>();
  final Map<String, String> answerFor = new ConcurrentHashMap<>();
  private final Set<String> nonces = ConcurrentHashMap.newKeySet();
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;

  SmsStandIn() {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Map<String, String> form = new TreeMap<>();
      for (String pair : body.toString().split("&")) {
        int eq = pair.indexOf('=');
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      String problem = problem(request.method().name(), request.getHeader("Content-Type"), form);
      JsonObject answer;
      if (problem != null) {
        rejected.add(problem);
        answer = new JsonObject().put("Code", problem).put("Message", problem);
      } else {
        String phone = form.get("PhoneNumbers");
        String code = answerFor.getOrDefault(phone, "OK");
        if (code.equals("OK")) {
          accepted.add(new Received(phone, form.get("TemplateCode"), new JsonObject(form.get("TemplateParam"))));
        }
        answer = new JsonObject().put("Code", code).put("Message", code.equals("OK") ? "OK" : "refused")
            .put("RequestId", java.util.UUID.randomUUID().toString()).put("BizId", "biz-" + System.nanoTime());
      }
      request.response().putHeader("Content-Type", "application/json;charset=utf-8").end(answer.encode());
    })).listen(0, "127.0.0.1").await();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  long acceptedFor(String phone) {
    return accepted.stream().filter(r -> r.phone().equals(phone)).count();
  }

  private String problem(String method, String contentType, Map<String, String> form) {
    if (!method.equals("POST") || contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
      return "InvalidMethod";
    }
    if (!form.keySet().equals(PARAMETERS)) {
      return "MissingParameter " + form.keySet();
    }
    if (!form.get("Action").equals("SendSms") || !form.get("Version").equals("2017-05-25")
        || !form.get("Format").equals("JSON") || !form.get("RegionId").equals("cn-hangzhou")) {
      return "InvalidAction";
    }
    if (!form.get("SignatureMethod").equals("HMAC-SHA1") || !form.get("SignatureVersion").equals("1.0")) {
      return "InvalidSignatureMethod";
    }
    if (!form.get("AccessKeyId").equals(KEY_ID)) {
      return "InvalidAccessKeyId.NotFound";
    }
    if (!form.get("SignName").equals(SIGN_NAME)) {
      return "isv.SMS_SIGNATURE_ILLEGAL";
    }
    if (!form.get("PhoneNumbers").matches("1[3-9][0-9]{9}")) {
      return "isv.MOBILE_NUMBER_ILLEGAL";
    }
    try {
      new JsonObject(form.get("TemplateParam"));
      Instant at = DateTimeFormatter.ISO_INSTANT.parse(form.get("Timestamp"), Instant::from);
      if (!form.get("Timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")
          || Duration.between(at, Instant.now()).abs().toMinutes() > 15) {
        return "InvalidTimeStamp.Expired";
      }
    } catch (RuntimeException e) {
      return "isv.INVALID_JSON_PARAM or InvalidTimeStamp.Format";
    }
    if (!nonces.add(form.get("SignatureNonce"))) {
      return "SignatureNonceUsed";
    }
    Map<String, String> signed = new TreeMap<>(form);
    signed.remove("Signature");
    StringBuilder canonical = new StringBuilder();
    signed.forEach((k, v) -> canonical.append(canonical.length() == 0 ? "" : "&").append(encode(k)).append('=')
        .append(encode(v)));
    String toSign = method + "&" + encode("/") + "&" + encode(canonical.toString());
    if (!hmacSha1(SECRET + "&", toSign).equals(form.get("Signature"))) {
      return "SignatureDoesNotMatch";
    }
    return null;
  }

  /** RFC 3986 percent-encoding of UTF-8 bytes, written out rather than borrowed from the code under test. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  static String hmacSha1(String key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
