package org.queqiao.mixer;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.queqiao.config.AppConfig;

/**
 * Contact cards are encrypted at rest with AES-256-GCM. The key comes from CONTACT_KEY or is made
 * once into DATA_DIR/contact-key (0600), never from the database, so a copy of the database
 * alone reveals no phone number. The owner's id is bound in as associated data, so a ciphertext
 * moved to another row does not decrypt.
 */
public final class ContactCipher {
  static final String FILE = "contact-key";
  private static final int NONCE_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public ContactCipher(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("CONTACT_KEY must be 32 bytes, base64-encoded");
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  public static ContactCipher load(AppConfig config) {
    if (config.contactKey().isPresent()) {
      return new ContactCipher(Base64.getDecoder().decode(config.contactKey().get().strip()));
    }
    Path file = config.dataDir().resolve(FILE);
    try {
      Files.createDirectories(config.dataDir());
      if (!Files.exists(file)) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
        } catch (FileAlreadyExistsException raced) {
          // made by another process meanwhile: use that one
        }
      }
      return new ContactCipher(Base64.getDecoder().decode(Files.readString(file).strip()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }

  public record Sealed(byte[] nonce, byte[] ciphertext) {}

  public Sealed seal(long ownerId, JsonObject card) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(owner(ownerId));
      return new Sealed(nonce, cipher.doFinal(card.encode().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encrypt a contact card", e);
    }
  }

  public JsonObject open(long ownerId, byte[] nonce, byte[] ciphertext) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(owner(ownerId));
      return new JsonObject(new String(cipher.doFinal(ciphertext), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("A contact card could not be decrypted (wrong CONTACT_KEY?)", e);
    }
  }

  private static byte[] owner(long ownerId) {
    return ByteBuffer.allocate(Long.BYTES).putLong(ownerId).array();
  }
}
