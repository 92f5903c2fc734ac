package org.queqiao.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A client of the running app over real HTTP: an API client (no cookies) or a browser (its own
 * cookie jar). Requests send a Bearer token when one is given.
 */
public final class Api {
  private static final AtomicLong PHONE = new AtomicLong(System.currentTimeMillis() % 100_000_000L);

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  /** An API client that keeps no cookies, as a script or mobile app would. */
  public Api(String base) {
    this(base, false);
  }

  /** With {@code browser} set, cookies are kept between requests as a browser keeps them. */
  public Api(String base, boolean browser) {
    this.base = base;
    HttpClient.Builder builder = HttpClient.newBuilder();
    if (browser) {
      builder.cookieHandler(cookies);
    }
    this.client = builder
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  public record Response(int status, java.net.http.HttpHeaders headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray jsonArray() {
      return new JsonArray(body);
    }

    public String errorCode() {
      return json().getJsonObject("error").getString("code");
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Response get(String path, String token) {
    return send(request(path, token).GET().build());
  }

  public Response get(String path) {
    return get(path, null);
  }

  /** A GET whose body is binary (a PDF, an image). */
  public HttpResponse<byte[]> getBytes(String path, String token) {
    try {
      return client.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response post(String path, Object json, String token) {
    return send(path, "POST", json, token, Map.of());
  }

  public Response put(String path, Object json, String token) {
    return send(path, "PUT", json, token, Map.of());
  }

  public Response patch(String path, Object json, String token) {
    return send(path, "PATCH", json, token, Map.of());
  }

  public Response send(String path, String method, Object json, String token, Map<String, String> headers) {
    String body = json == null ? "" : json instanceof String s ? s : json.toString();
    HttpRequest.Builder builder = request(path, token)
        .method(method, HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    headers.forEach(builder::header);
    return send(builder.build());
  }

  /** A urlencoded form post, as a browser without JavaScript sends it. */
  public Response form(String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(request(path, null)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .build());
  }

  /** A raw body (an image upload) with the given Content-Type. */
  public Response sendBytes(String path, String method, byte[] body, String contentType, String token) {
    return send(request(path, token)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", contentType)
        .build());
  }

  /** A multipart form post with one file, as a browser without JavaScript sends a file form. */
  public Response multipart(String path, Map<String, String> fields, String fileField, String fileName,
      String fileType, byte[] file) {
    String boundary = "----queqiao" + UUID.randomUUID().toString().replace("-", "");
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
        + fileName + "\"\r\nContent-Type: " + fileType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(request(path, null)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .build());
  }

  /** A response whose body is bytes (an image), not text. */
  public record Binary(int status, java.net.http.HttpHeaders headers, byte[] body) {
    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  public Binary getBytes(String path, String token, Map<String, String> headers) {
    HttpRequest.Builder builder = request(path, token).GET();
    headers.forEach(builder::header);
    try {
      HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Binary(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Optional<String> cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
  }

  public void setCookie(String name, String value) {
    HttpCookie cookie = new HttpCookie(name, value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create(base), cookie);
  }

  public Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  // --- accounts ---

  public static String newPhone() {
    return "139" + String.format("%08d", PHONE.incrementAndGet() % 100_000_000L);
  }

  public static String newEmail() {
    return "m-" + UUID.randomUUID().toString().substring(0, 12) + "@test.example";
  }

  public record Member(String login, String password, long id, String token) {}

  public Member registerAndLogin(JsonObject extra) {
    String login = newPhone();
    String password = "password-" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject body = new JsonObject().put("login", login).put("password", password).put("displayName", "测试会员")
        .mergeIn(extra);
    Response registered = post("/api/auth/register", body, null);
    if (registered.status() != 201) {
      throw new AssertionError("registration failed: " + registered);
    }
    return new Member(login, password, registered.json().getLong("id"), login(login, password));
  }

  public Member registerAndLogin() {
    return registerAndLogin(new JsonObject());
  }

  public String login(String login, String password) {
    Response response = post("/api/auth/login", new JsonObject().put("login", login).put("password", password), null);
    if (response.status() != 200) {
      throw new AssertionError("login failed: " + response);
    }
    return response.json().getString("token");
  }

  public String adminToken() {
    return login(TestApp.ADMIN_LOGIN, TestApp.ADMIN_PASSWORD);
  }
}
