package org.queqiao.support;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Many members at once: written straight into the users table and given tokens signed with the
 * test app's key, because registering through the API hashes each password (tens of ms apiece).
 * These members never sign in with a password.
 */
public final class Members {
  private static final SecretKey KEY = Keys.hmacShaKeyFor(TestApp.JWT_SECRET.getBytes(StandardCharsets.UTF_8));

  private Members() {}

  public record Member(long id, String displayName, String token) {}

  public static List<Member> insert(int count, String namePrefix) {
    String batch = UUID.randomUUID().toString().substring(0, 8);
    List<Member> members = new ArrayList<>(count);
    try (Connection db = TestApp.jdbc();
        PreparedStatement insert = db.prepareStatement(
            "INSERT INTO users (login, password_hash, display_name) VALUES (?, 'not-a-password-hash', ?) RETURNING id")) {
      for (int i = 0; i < count; i++) {
        String name = namePrefix + i;
        insert.setString(1, "bulk-" + batch + "-" + i + "@test.example");
        insert.setString(2, name);
        try (ResultSet rows = insert.executeQuery()) {
          rows.next();
          long id = rows.getLong(1);
          members.add(new Member(id, name, token(id)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return members;
  }

  /** A session token the server accepts for this user, as if the user had signed in. */
  public static String token(long userId) {
    Instant now = Instant.now();
    return Jwts.builder()
        .subject(Long.toString(userId))
        .claim("roles", List.of("MEMBER"))
        .issuedAt(Date.from(now))
        .expiration(Date.from(now.plus(Duration.ofHours(2))))
        .id(UUID.randomUUID().toString())
        .signWith(KEY, Jwts.SIG.HS256)
        .compact();
  }
}
