package io.clauderelay.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the hexagon honest where Maven cannot: the domain depends on the JDK only, crypto on the
 * JDK, java-jwt and the domain, the providers never on a store adapter, and the embedded store
 * never on Vert.x (it borrows only the Redis adapter's JSON codecs), and the relay use case never on
 * the router's types.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // The domain's test-jar (contract suites) is on the classpath too; tests may use JUnit.
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
        .importPackages("io.clauderelay");
  }

  @Test
  void domainDependsOnTheJdkOnly() {
    classes().that().resideInAPackage("io.clauderelay.domain..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.clauderelay.domain..", "java..")
        .check(classes);
  }

  @Test
  void cryptoDependsOnTheJdkJavaJwtBouncyCastleAndTheDomainOnly() {
    // Bouncy Castle: scrypt and bcrypt, to read what CRS (the original) wrote.
    classes().that().resideInAPackage("io.clauderelay.crypto..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("io.clauderelay.crypto..", "io.clauderelay.domain..", "java..", "javax..", "com.auth0..",
            "org.bouncycastle..")
        .check(classes);
  }

  @Test
  void redisAdapterDoesNotKnowTheProviders() {
    noClasses().that().resideInAPackage("io.clauderelay.redis..")
        .should().dependOnClassesThat().resideInAnyPackage("io.clauderelay.providers..", "io.clauderelay.embedded..",
            "io.clauderelay.server..")
        .check(classes);
  }

  @Test
  void embeddedAdapterDoesNotKnowTheProvidersOrTheServer() {
    noClasses().that().resideInAPackage("io.clauderelay.embedded..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("io.clauderelay.providers..", "io.clauderelay.server..", "io.vertx..")
        .check(classes);
  }

  @Test
  void providersDoNotKnowRedisOrTheServer() {
    noClasses().that().resideInAPackage("io.clauderelay.providers..")
        .should().dependOnClassesThat().resideInAnyPackage("io.clauderelay.redis..", "io.clauderelay.embedded..",
            "io.clauderelay.server..")
        .check(classes);
  }

  @Test
  void noAdapterOrDomainReachesIntoTheServer() {
    noClasses().that().resideInAnyPackage("io.clauderelay.domain..", "io.clauderelay.crypto..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("io.vertx..", "com.fasterxml..", "org.slf4j..", "io.clauderelay.server..")
        .check(classes);
  }

  @Test
  void theRelayUseCaseDoesNotKnowTheRouter() {
    // The flow reads an Inbound and answers a ClientResponse; only http/RelayEndpoint translates a RoutingContext.
    noClasses().that().resideInAPackage("io.clauderelay.server.relay..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx.ext.web..")
        .check(classes);
  }
}
