import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Session tokens for members who never signed in, as the app would issue them (HS256; sub, roles,
 * iat, exp, jti). Usage: MintTokens JWT_SECRET FIRST_USER_ID COUNT OUT_FILE — one token a line.
 */
public final class MintTokens {
  public static void main(String[] args) throws Exception {
    SecretKey key = Keys.hmacShaKeyFor(args[0].getBytes(StandardCharsets.UTF_8));
    long first = Long.parseLong(args[1]);
    int count = Integer.parseInt(args[2]);
    Instant now = Instant.now();
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[3])))) {
      for (int i = 0; i < count; i++) {
        out.println(Jwts.builder()
            .subject(Long.toString(first + i))
            .claim("roles", List.of("MEMBER"))
            .issuedAt(Date.from(now))
            .expiration(Date.from(now.plus(Duration.ofHours(6))))
            .id(UUID.randomUUID().toString())
            .signWith(key, Jwts.SIG.HS256)
            .compact());
      }
    }
  }
}
