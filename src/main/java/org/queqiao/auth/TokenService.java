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

/** Session tokens: HS256 JWTs with sub, roles, iat, exp and jti. A token without exp is refused. */
public final class TokenService {
  private final SecretKey key;
  private final Duration lifetime;
  private final JwtParser parser;

  public TokenService(byte[] secret, Duration lifetime) {
    this.key = Keys.hmacShaKeyFor(secret);
    this.lifetime = lifetime;
    this.parser = Jwts.parser()
        .verifyWith(key)
        .clockSkewSeconds(30)
        .build();
  }

  public record Issued(String token, UUID id, Instant expiresAt) {}

  public record Verified(long userId, UUID id, Instant expiresAt) {}

  public Issued issue(User user) {
    Instant now = Instant.now();
    Instant expires = now.plus(lifetime);
    UUID id = UUID.randomUUID();
    String token = Jwts.builder()
        .subject(Long.toString(user.id()))
        .claim("roles", user.roles().stream().map(Role::name).sorted().toList())
        .issuedAt(Date.from(now))
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
      if (claims.getExpiration() == null || claims.getSubject() == null || claims.getId() == null) {
        return Optional.empty();
      }
      return Optional.of(new Verified(
          Long.parseLong(claims.getSubject()),
          UUID.fromString(claims.getId()),
          claims.getExpiration().toInstant()));
    } catch (JwtException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public Duration lifetime() {
    return lifetime;
  }
}
