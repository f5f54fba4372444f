package io.clauderelay.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clauderelay.server.config.AdminConfig;
import io.clauderelay.server.config.ConfigException;
import io.clauderelay.server.config.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The file work of {@code relay init}: a {@code .env} with fresh secrets when there is none, and
 * {@code init.json} with the admin name and password hash (never the password), readable only by the owner.
 */
public final class InitFiles {
  public static final String INIT_FILE = "init.json";
  static final String FORMAT_VERSION = "1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final SecureRandom RANDOM = new SecureRandom();

  private InitFiles() {}

  /**
   * Writes {@code envFile} (only if absent) and {@code dataDir/init.json}. Does nothing and says so when
   * init.json exists. ADMIN_USERNAME and ADMIN_PASSWORD come from {@code env}; otherwise the name is
   * {@code cr_admin_} + 8 hex characters and the password comes from {@code randomPassword}.
   */
  public static InitResult init(
      Path dataDir, Path envFile, Map<String, String> env, Function<String, String> passwordHasher,
      Supplier<String> randomPassword, Supplier<String> encryptionKeyGen, Supplier<String> jwtSecretGen) {
    return init(dataDir, envFile, env, passwordHasher, randomPassword, encryptionKeyGen, jwtSecretGen,
        Clock.systemUTC());
  }

  static InitResult init(
      Path dataDir, Path envFile, Map<String, String> env, Function<String, String> passwordHasher,
      Supplier<String> randomPassword, Supplier<String> encryptionKeyGen, Supplier<String> jwtSecretGen,
      Clock clock) {
    Path initFile = dataDir.resolve(INIT_FILE);
    if (Files.exists(initFile)) {
      return InitResult.alreadyInitialized(initFile, envFile, existingUsername(dataDir));
    }
    AdminConfig admin = AdminConfig.fromVariables(env);
    String username = admin.username().orElseGet(InitFiles::randomUsername);
    boolean generated = admin.password().isEmpty();
    Secret password = admin.password().orElseGet(() -> Secret.of(randomPassword.get()));
    // Everything that can fail is computed before the first file is written.
    byte[] initJson = initJson(clock.instant(), username, passwordHasher.apply(password.reveal()));
    boolean envWritten = !Files.exists(envFile) && writeEnvFile(envFile, jwtSecretGen, encryptionKeyGen);
    try {
      Files.createDirectories(dataDir);
      writePrivateFile(initFile, initJson);
    } catch (FileAlreadyExistsException raced) {
      return InitResult.alreadyInitialized(initFile, envFile, existingUsername(dataDir));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + initFile, e);
    }
    return new InitResult(InitResult.Outcome.CREATED, initFile, envFile, envWritten, Optional.of(username),
        Optional.of(password), generated);
  }

  /**
   * The admin credentials of {@code dataDir/init.json}, or empty when the file does not exist.
   *
   * @throws ConfigException when the file is not a valid init.json
   */
  public static Optional<InitData> read(Path dataDir) {
    Path file = dataDir.resolve(INIT_FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + " is not valid JSON (line " + e.getLocation().getLineNr()
          + "), e.g. move it away and run `relay init` again");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    String username = text(root, "adminUsername");
    String hash = text(root, "passwordHash");
    if (username == null || hash == null) {
      // The Node.js original kept "adminPassword" in plaintext; we never load a plaintext password.
      String why = root != null && root.has("adminPassword") && hash == null
          ? "holds a plaintext adminPassword (the Node.js format) and no passwordHash"
          : "lacks adminUsername or passwordHash";
      throw new ConfigException(file + " " + why + ", e.g. move it away and run `relay init` again");
    }
    return Optional.of(new InitData(username, hash));
  }

  private static String text(JsonNode root, String field) {
    JsonNode n = root == null ? null : root.get(field);
    return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
  }

  private static Optional<String> existingUsername(Path dataDir) {
    try {
      return read(dataDir).map(InitData::adminUsername);
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static byte[] initJson(Instant now, String username, String passwordHash) {
    if (passwordHash == null || passwordHash.isBlank()) {
      throw new IllegalArgumentException("the password hasher returned an empty hash");
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("initializedAt", now.toString());
    doc.put("adminUsername", username);
    doc.put("passwordHash", passwordHash);
    doc.put("version", FORMAT_VERSION);
    try {
      return (JSON.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean writeEnvFile(Path envFile, Supplier<String> jwtSecretGen, Supplier<String> encryptionKeyGen) {
    String text = EnvFileTemplate.render(jwtSecretGen.get(), encryptionKeyGen.get());
    try {
      Path parent = envFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      writePrivateFile(envFile, text.getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (FileAlreadyExistsException raced) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + envFile, e);
    }
  }

  /** Creates the file with owner-only permissions from the start, so there is no moment it is world-readable. */
  private static void writePrivateFile(Path file, byte[] content) throws IOException {
    boolean posix = Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix");
    FileAttribute<?>[] attrs = posix
        ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    try (SeekableByteChannel ch = Files.newByteChannel(file,
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    }
  }

  private static String randomUsername() {
    byte[] b = new byte[4];
    RANDOM.nextBytes(b);
    return "cr_admin_" + HexFormat.of().formatHex(b);
  }
}
