package org.queqiao.web;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Static asset URLs carry a hash of the file's content, so browsers may cache them for long and
 * still get a changed file at once; every instance computes the same URL.
 */
public final class Assets {
  public static final int MAX_AGE_SECONDS = 7 * 24 * 3600;
  private final Map<String, String> urls = new ConcurrentHashMap<>();

  public String url(String path) {
    return urls.computeIfAbsent(path, p -> "/static/" + p + "?v=" + hashOf("webroot/" + p));
  }

  private static String hashOf(String resource) {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No such asset: " + resource);
      }
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(in.readAllBytes());
      return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot read asset " + resource, e);
    }
  }
}
