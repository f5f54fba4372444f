package io.clauderelay.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.server.config.ConfigException;
import io.clauderelay.server.config.RelayConfig;
import io.clauderelay.server.config.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitFilesTest {
  private static final String RANDOM_PASSWORD = "Rnd0mPassw0rdXyz";
  private static final String JWT = "generated-jwt-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:15:30Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;
  private final List<String> hashed = new ArrayList<>();
  private final Function<String, String> hasher = pw -> {
    hashed.add(pw);
    return "hash(" + pw.length() + ")";
  };

  private Path dataDir() {
    return dir.resolve("data");
  }

  private Path envFile() {
    return dir.resolve(".env");
  }

  private InitResult init(Map<String, String> env) {
    return InitFiles.init(dataDir(), envFile(), env, hasher, () -> RANDOM_PASSWORD, () -> KEY, () -> JWT, CLOCK);
  }

  private JsonNode initJson() throws Exception {
    return new ObjectMapper().readTree(dataDir().resolve("init.json").toFile());
  }

  @Test
  void writesInitJsonWithARandomAdminAndOnlyTheHashOfTheRandomPassword() throws Exception {
    InitResult r = init(Map.of());

    assertThat(r.outcome()).isEqualTo(InitResult.Outcome.CREATED);
    assertThat(r.adminUsername()).hasValueSatisfying(u -> assertThat(u).matches("cr_admin_[0-9a-f]{8}"));
    assertThat(r.adminPassword().map(Secret::reveal)).contains(RANDOM_PASSWORD);
    assertThat(r.passwordGenerated()).isTrue();
    assertThat(hashed).containsExactly(RANDOM_PASSWORD);

    JsonNode json = initJson();
    assertThat(json.get("initializedAt").asText()).isEqualTo("2026-11-26T10:15:30Z");
    assertThat(json.get("adminUsername").asText()).isEqualTo(r.adminUsername().get());
    assertThat(json.get("passwordHash").asText()).isEqualTo("hash(16)");
    assertThat(json.get("version").asText()).isEqualTo("1");
    assertThat(json.size()).isEqualTo(4);
    assertThat(Files.readString(dataDir().resolve("init.json"))).doesNotContain(RANDOM_PASSWORD);
  }

  @Test
  void usesAdminUsernameAndPasswordFromTheEnvironment() throws Exception {
    InitResult r = init(Map.of("ADMIN_USERNAME", "ops", "ADMIN_PASSWORD", "chosen-password-1"));

    assertThat(r.adminUsername()).contains("ops");
    assertThat(r.adminPassword().map(Secret::reveal)).contains("chosen-password-1");
    assertThat(r.passwordGenerated()).isFalse();
    assertThat(hashed).containsExactly("chosen-password-1");
    assertThat(initJson().get("adminUsername").asText()).isEqualTo("ops");
    assertThat(Files.readString(dataDir().resolve("init.json"))).doesNotContain("chosen-password-1");
  }

  @Test
  void aBadAdminPasswordFromTheEnvironmentWritesNothing() {
    assertThatThrownBy(() -> init(Map.of("ADMIN_PASSWORD", "short")))
        .isInstanceOf(ConfigException.class).hasMessageNotContaining("short\"");
    assertThat(dataDir().resolve("init.json")).doesNotExist();
    assertThat(envFile()).doesNotExist();
  }

  @Test
  void initFilesAreReadableByTheOwnerOnly() throws Exception {
    assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
    init(Map.of());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir().resolve("init.json"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile()))).isEqualTo("rw-------");
  }

  @Test
  void refusesWhenInitJsonAlreadyExistsAndChangesNothing() throws Exception {
    InitResult first = init(Map.of());
    String before = Files.readString(dataDir().resolve("init.json"));
    Files.delete(envFile());

    InitResult second = init(Map.of("ADMIN_USERNAME", "someone-else"));

    assertThat(second.outcome()).isEqualTo(InitResult.Outcome.ALREADY_INITIALIZED);
    assertThat(second.adminUsername()).isEqualTo(first.adminUsername());
    assertThat(second.adminPassword()).isEmpty();
    assertThat(second.envFileWritten()).isFalse();
    assertThat(Files.readString(dataDir().resolve("init.json"))).isEqualTo(before);
    assertThat(envFile()).doesNotExist();
    assertThat(hashed).hasSize(1);
  }

  @Test
  void writesADotEnvWithFreshSecretsThatTheConfigLoaderAcceptsInProduction() throws Exception {
    InitResult r = init(Map.of());

    assertThat(r.envFileWritten()).isTrue();
    String text = Files.readString(envFile());
    assertThat(text).contains("\nJWT_SECRET=" + JWT + "\n").contains("\nENCRYPTION_KEY=" + KEY + "\n")
        .contains("\n# PORT=3000\n").contains("\n# TIMEZONE_OFFSET=8\n").contains("\n# ADMIN_PASSWORD=\n");
    RelayConfig c = RelayConfig.load(Map.of("APP_ENV", "production"), dir);
    assertThat(c.secrets().jwtSecret().reveal()).isEqualTo(JWT);
    assertThat(c.secrets().encryptionKey().reveal()).isEqualTo(KEY);
    assertThat(c.server().port()).isEqualTo(3000);
  }

  @Test
  void leavesAnExistingDotEnvAlone() throws Exception {
    Files.writeString(envFile(), "PORT=4000\n");
    InitResult r = init(Map.of());
    assertThat(r.envFileWritten()).isFalse();
    assertThat(Files.readString(envFile())).isEqualTo("PORT=4000\n");
  }

  @Test
  void readReturnsNothingBeforeInit() {
    assertThat(InitFiles.read(dataDir())).isEmpty();
  }

  @Test
  void readReturnsTheNameAndHashWrittenByInit() {
    InitResult r = init(Map.of());
    assertThat(InitFiles.read(dataDir())).contains(new InitData(r.adminUsername().get(), "hash(16)"));
  }

  @Test
  void readRefusesTheNodeJsFormatWithAPlaintextPasswordWithoutShowingIt() throws Exception {
    Files.createDirectories(dataDir());
    Files.writeString(dataDir().resolve("init.json"),
        "{\"adminUsername\":\"admin\",\"adminPassword\":\"plain-secret-pw\",\"version\":\"1.0.0\"}");
    assertThatThrownBy(() -> InitFiles.read(dataDir()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("plaintext adminPassword")
        .hasMessageNotContaining("plain-secret-pw");
  }

  @Test
  void readRefusesAFileThatIsNotJson() throws Exception {
    Files.createDirectories(dataDir());
    Files.writeString(dataDir().resolve("init.json"), "{not json");
    assertThatThrownBy(() -> InitFiles.read(dataDir()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("is not valid JSON");
  }

  @Test
  void initDataToStringHidesTheHash() {
    assertThat(new InitData("admin", "$2a$10$abcdef")).hasToString("InitData[adminUsername=admin, passwordHash=***]");
  }
}
