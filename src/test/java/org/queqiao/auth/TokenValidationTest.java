package org.queqiao.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.TestApp;

/** Tokens the server did not issue, or no longer honours, are refused with 401. */
class TokenValidationTest {
  private static final SecretKey KEY = Keys.hmacShaKeyFor(TestApp.JWT_SECRET.getBytes(StandardCharsets.UTF_8));
  private static Api api;
  private static Api.Member member;

  @BeforeAll
  static void registerMember() {
    api = TestApp.api();
    member = api.registerAndLogin();
  }

  private static String token(SecretKey key, Instant expires, boolean withExpiry) {
    var builder = Jwts.builder()
        .subject(Long.toString(member.id()))
        .claim("roles", List.of("MEMBER"))
        .issuedAt(Date.from(Instant.now().minusSeconds(60)))
        .id(UUID.randomUUID().toString());
    if (withExpiry) {
      builder.expiration(Date.from(expires));
    }
    return builder.signWith(key, Jwts.SIG.HS256).compact();
  }

  private static void assertRefused(String token) {
    Api.Response response = api.get("/api/me", token);
    assertEquals(401, response.status(), response.body());
    assertEquals("INVALID_TOKEN", response.errorCode());
  }

  @Test
  void aTokenSignedWithTheServersKeyIsAccepted() {
    Api.Response response = api.get("/api/me", token(KEY, Instant.now().plusSeconds(600), true));
    assertEquals(200, response.status(), "positive control: the refusals below are about the token alone");
    assertEquals(member.id(), response.json().getLong("id"));
  }

  @Test
  void aForgedSignatureIsRefused() {
    String[] parts = member.token().split("\\.");
    String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("{\"sub\":\"1\",\"roles\":[\"ADMIN\"],\"exp\":" + (Instant.now().getEpochSecond() + 600)
            + ",\"jti\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
    assertRefused(parts[0] + "." + otherPayload + "." + parts[2]);
  }

  @Test
  void anUnsignedAlgNoneTokenIsRefused() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = b64.encodeToString(("{\"sub\":\"" + member.id() + "\",\"exp\":"
        + (Instant.now().getEpochSecond() + 600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
    assertRefused(header + "." + payload + ".");
  }

  @Test
  void anExpiredTokenIsRefused() {
    assertRefused(token(KEY, Instant.now().minusSeconds(3600), true));
  }

  @Test
  void aTokenWithoutExpiryIsRefused() {
    assertRefused(token(KEY, null, false));
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    SecretKey other = Keys.hmacShaKeyFor("another-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8));
    assertRefused(token(other, Instant.now().plusSeconds(600), true));
  }

  @Test
  void garbageIsRefused() {
    assertRefused("not-a-jwt");
  }
}
