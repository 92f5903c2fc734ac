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
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.queqiao.config.AppConfig;

/**
 * Contact cards (and the snapshots disclosed from them) are encrypted at rest with AES-256-GCM.
 * The key comes from CONTACT_KEY or from DATA_DIR/contact-key (0600, made only while no card
 * exists), never from the database, so a copy of the database alone reveals no phone number. Every
 * sealed value names its key by a key id; CONTACT_KEY_PREVIOUS still opens values sealed with the
 * previous key while a job re-seals them with the current one. The owner's id is bound in as
 * associated data, so a ciphertext moved to another row does not decrypt.
 */
public final class ContactCipher {
  static final String FILE = "contact-key";
  private static final int NONCE_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final String keyId;
  private final Optional<SecretKeySpec> previous;
  private final Optional<String> previousId;

  public ContactCipher(byte[] key, byte[] previousKey) {
    this.key = spec(key, "CONTACT_KEY");
    this.keyId = keyId(key);
    this.previous = previousKey == null ? Optional.empty() : Optional.of(spec(previousKey, "CONTACT_KEY_PREVIOUS"));
    this.previousId = previousKey == null ? Optional.empty() : Optional.of(keyId(previousKey));
  }

  public ContactCipher(byte[] key) {
    this(key, null);
  }

  private static SecretKeySpec spec(byte[] key, String name) {
    if (key.length != 32) {
      throw new IllegalArgumentException(name + " must be 32 bytes, base64-encoded");
    }
    return new SecretKeySpec(key, "AES");
  }

  /**
   * The configured keys. The key file is made only when {@code mayCreate} (no card exists yet):
   * with cards present a missing key is an error, never a silent new key that would lose them.
   */
  public static ContactCipher load(AppConfig config, boolean mayCreate) {
    byte[] previous = config.contactKeyPrevious().map(k -> Base64.getDecoder().decode(k.strip())).orElse(null);
    if (config.contactKey().isPresent()) {
      return new ContactCipher(Base64.getDecoder().decode(config.contactKey().get().strip()), previous);
    }
    Path file = config.dataDir().resolve(FILE);
    try {
      Files.createDirectories(config.dataDir());
      if (!Files.exists(file)) {
        if (!mayCreate) {
          throw new IllegalStateException("Contact cards exist but neither CONTACT_KEY nor " + file
              + " is there: restore the key from its backup (see docs/privacy.md); a new key would lose every card");
        }
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
        } catch (FileAlreadyExistsException raced) {
          // made by another process meanwhile: use that one
        }
      }
      return new ContactCipher(Base64.getDecoder().decode(Files.readString(file).strip()), previous);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }

  /** A key's public name: the first 8 bytes of SHA-256 over a label and the key, in hex. */
  static String keyId(byte[] key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update("queqiao-contact-key".getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(key), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String keyId() {
    return keyId;
  }

  public Optional<String> previousKeyId() {
    return previousId;
  }

  public boolean knows(String id) {
    return keyId.equals(id) || previousId.map(id::equals).orElse(false);
  }

  public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {}

  public Sealed seal(long ownerId, JsonObject card) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(owner(ownerId));
      return new Sealed(keyId, nonce, cipher.doFinal(card.encode().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encrypt a contact card", e);
    }
  }

  /**
   * Opens a value sealed with the key named {@code id} (null for values from before key ids:
   * the current key, then the previous one). Throws {@link Unreadable} when it cannot.
   */
  public JsonObject open(long ownerId, String id, byte[] nonce, byte[] ciphertext) {
    if (id == null || keyId.equals(id)) {
      try {
        return open(key, ownerId, nonce, ciphertext);
      } catch (Unreadable e) {
        if (id != null || previous.isEmpty()) {
          throw e;
        }
      }
    }
    if (previous.isPresent() && (id == null || previousId.get().equals(id))) {
      return open(previous.get(), ownerId, nonce, ciphertext);
    }
    throw new Unreadable("sealed with key " + id + ", which is not configured", null);
  }

  private static JsonObject open(SecretKeySpec key, long ownerId, byte[] nonce, byte[] ciphertext) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(owner(ownerId));
      return new JsonObject(new String(cipher.doFinal(ciphertext), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new Unreadable("A contact card could not be decrypted (wrong CONTACT_KEY or a damaged row)", e);
    }
  }

  /** A sealed value that cannot be opened: a wrong or missing key, or a damaged row. */
  public static final class Unreadable extends IllegalStateException {
    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static byte[] owner(long ownerId) {
    return ByteBuffer.allocate(Long.BYTES).putLong(ownerId).array();
  }
}
