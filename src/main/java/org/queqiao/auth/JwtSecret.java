package org.queqiao.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.queqiao.config.AppConfig;

/**
 * The token signing key: JWT_SECRET when set, otherwise a random key made once and kept in
 * DATA_DIR readable by its owner only. Several instances must share it (set JWT_SECRET).
 */
public final class JwtSecret {
  static final String FILE = "jwt-secret";

  private JwtSecret() {}

  public static byte[] load(AppConfig config) {
    if (config.jwtSecret().isPresent()) {
      return config.jwtSecret().get().getBytes(StandardCharsets.UTF_8);
    }
    Path file = config.dataDir().resolve(FILE);
    try {
      Files.createDirectories(config.dataDir());
      if (!Files.exists(file)) {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, Base64.getEncoder().encodeToString(random));
        } catch (FileAlreadyExistsException raced) {
          // another process made it first; use theirs
        }
      }
      byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
      if (key.length < 32) {
        throw new IllegalStateException(file + " holds a key shorter than 32 bytes");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }
}
