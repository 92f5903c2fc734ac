package org.queqiao.db;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Where the database is: one description used both by Flyway (JDBC) and by the reactive client. */
public record DatabaseTarget(String host, int port, String database, String user, String password, String description) {

  /** Parses {@code postgresql://user:pass@host:port/db} (also {@code postgres://}). */
  public static DatabaseTarget fromUrl(String url) {
    return fromUrl("DATABASE_URL", url);
  }

  /** {@code name}: the setting the URL came from, named in the error messages. */
  public static DatabaseTarget fromUrl(String name, String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not a valid URL");
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new IllegalArgumentException(name + " must start with postgresql://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(name + " has no host");
    }
    String user = "postgres";
    String password = "";
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    String database = path.isEmpty() ? user : decode(path);
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    return new DatabaseTarget(uri.getHost(), port, database, user, password,
        "PostgreSQL at " + uri.getHost() + ":" + port + "/" + database);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256);
  }

  @Override
  public String toString() {
    return description;
  }

  /** Percent-decoding only: in a URL's user info a '+' is a plus, not a space as in form data. */
  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
