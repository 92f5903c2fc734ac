package org.queqiao.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.queqiao.users.Role;
import org.queqiao.users.User;

/**
 * Session tokens: HS256 JWTs with sub, roles, iat, exp and jti (and the issue time in milliseconds,
 * so that "sign out everywhere" can tell sessions of the same second apart). A token lasts
 * SESSION_HOURS from its iat whatever its exp says: one without iat or exp, issued in the future,
 * or older than the lifetime is refused, even when its signature is good.
 */
public final class TokenService {
  private final SecretKey key;
  private final Duration lifetime;
  private final JwtParser parser;
  private static final long SKEW_SECONDS = 30;
  private static final String ISSUED_MILLIS = "iatMs";

  public TokenService(byte[] secret, Duration lifetime) {
    this.key = Keys.hmacShaKeyFor(secret);
    this.lifetime = lifetime;
    this.parser = Jwts.parser()
        .verifyWith(key)
        .clockSkewSeconds(SKEW_SECONDS)
        .build();
  }

  public record Issued(String token, UUID id, Instant expiresAt) {}

  public record Verified(long userId, UUID id, Instant issuedAt, Instant expiresAt) {}

  public Issued issue(User user) {
    Instant now = Instant.now();
    Instant expires = now.plus(lifetime);
    UUID id = UUID.randomUUID();
    String token = Jwts.builder()
        .subject(Long.toString(user.id()))
        .claim("roles", user.roles().stream().map(Role::name).sorted().toList())
        .issuedAt(Date.from(now))
        .claim(ISSUED_MILLIS, now.toEpochMilli())
        .expiration(Date.from(expires))
        .id(id.toString())
        .signWith(key, Jwts.SIG.HS256)
        .compact();
    return new Issued(token, id, expires);
  }

  public Optional<Verified> verify(String token) {
    try {
      var jws = parser.parseSignedClaims(token);
      if (!"HS256".equals(jws.getHeader().getAlgorithm())) {
        return Optional.empty();
      }
      Claims claims = jws.getPayload();
      if (claims.getExpiration() == null || claims.getIssuedAt() == null || claims.getSubject() == null
          || claims.getId() == null) {
        return Optional.empty();
      }
      Instant now = Instant.now();
      Instant issued = claims.getIssuedAt().toInstant();
      if (claims.get(ISSUED_MILLIS) instanceof Number millis
          && Math.abs(millis.longValue() - issued.toEpochMilli()) < 1000) {
        issued = Instant.ofEpochMilli(millis.longValue());
      }
      Instant lastValid = issued.plus(lifetime).plusSeconds(SKEW_SECONDS);
      if (issued.isAfter(now.plusSeconds(SKEW_SECONDS)) || now.isAfter(lastValid)) {
        return Optional.empty();
      }
      Instant expires = claims.getExpiration().toInstant();
      return Optional.of(new Verified(
          Long.parseLong(claims.getSubject()),
          UUID.fromString(claims.getId()),
          issued,
          expires.isBefore(lastValid) ? expires : lastValid));
    } catch (JwtException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public Duration lifetime() {
    return lifetime;
  }
}
