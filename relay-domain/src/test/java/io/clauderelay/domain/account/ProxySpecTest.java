package io.clauderelay.domain.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.account.ProxySpec.Invalid;
import io.clauderelay.domain.account.ProxySpec.Kind;
import io.clauderelay.domain.account.ProxySpec.Valid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProxySpecTest {

  static ProxySpec valid(String text) {
    ProxySpec.Result r = ProxySpec.parse(text);
    assertThat(r).as(text).isInstanceOf(Valid.class);
    return ((Valid) r).spec();
  }

  static String problem(ProxySpec.Result r) {
    assertThat(r).isInstanceOf(Invalid.class);
    return ((Invalid) r).problem();
  }

  @ParameterizedTest
  @CsvSource({
      "http://proxy.example:3128, HTTP, proxy.example, 3128, '', ''",
      "https://10.0.0.1:8443/, HTTPS, 10.0.0.1, 8443, '', ''",
      "socks5://u:p@127.0.0.1:1080, SOCKS5, 127.0.0.1, 1080, u, p",
      "SOCKS5H://user@gw:1080, SOCKS5H, gw, 1080, user, ''",
      "socks4://id@gw:1080, SOCKS4, gw, 1080, id, ''",
      "'  socks5://[::1]:1080  ', SOCKS5, [::1], 1080, '', ''",
  })
  void parsesEveryAcceptedForm(String text, Kind kind, String host, int port, String user, String pass) {
    ProxySpec s = valid(text);
    assertThat(s.kind()).isEqualTo(kind);
    assertThat(s.host()).isEqualTo(host);
    assertThat(s.port()).isEqualTo(port);
    assertThat(s.username()).isEqualTo(user);
    assertThat(s.password()).isEqualTo(pass);
  }

  @Test
  void anIpv6HostLosesItsBracketsForTheSocket() {
    assertThat(valid("socks5://[::1]:1080").bareHost()).isEqualTo("::1");
    assertThat(valid("socks5://h:1080").bareHost()).isEqualTo("h");
  }

  @Test
  void percentEncodedCredentialsRoundTripThroughTheStoredUrl() {
    ProxySpec s = valid("socks5://us%40er:p%3As%40ss%2Fw%C3%B6rd@h:1080");
    assertThat(s.username()).isEqualTo("us@er");
    assertThat(s.password()).isEqualTo("p:s@ss/wörd");
    assertThat(valid(s.url())).isEqualTo(s);
  }

  @Test
  void theLastAtSeparatesTheHostSoAnUnescapedAtInThePasswordWorks() {
    ProxySpec s = valid("http://user:p@ss@h:8080");
    assertThat(s.password()).isEqualTo("p@ss");
    assertThat(s.host()).isEqualTo("h");
  }

  @Test
  void theMaskedFormAndToStringHideOnlyThePassword() {
    ProxySpec s = valid("socks5://user:s3cret-pass@host:1080");
    assertThat(s.masked()).isEqualTo("socks5://user:***@host:1080");
    assertThat(s.toString()).isEqualTo("socks5://user:***@host:1080").doesNotContain("s3cret");
    assertThat(s.url()).isEqualTo("socks5://user:s3cret-pass@host:1080");
    assertThat(valid("http://h:1").masked()).isEqualTo("http://h:1");
    assertThat(valid("http://u@h:1").masked()).isEqualTo("http://u@h:1");
  }

  @Test
  void aMaskedPasswordCanBeReplacedByTheStoredOne() {
    ProxySpec sent = valid("socks5://user:***@host:1080");
    assertThat(sent.password()).isEqualTo(ProxySpec.MASK);
    assertThat(sent.withPassword("real").url()).isEqualTo("socks5://user:real@host:1080");
  }

  @Test
  void theObjectFormBuildsTheSameSpec() {
    ProxySpec.Result r = ProxySpec.of("SOCKS5", " host ", "1080", "user", "pw");
    assertThat(r).isEqualTo(new Valid(new ProxySpec(Kind.SOCKS5, "host", 1080, "user", "pw")));
    assertThat(ProxySpec.of("https", "h", "443", null, null))
        .isEqualTo(new Valid(new ProxySpec(Kind.HTTPS, "h", 443, "", "")));
    assertThat(problem(ProxySpec.of("ftp", "h", "1", null, null))).contains("type");
    assertThat(problem(ProxySpec.of(null, "h", "1", null, null))).contains("type");
    assertThat(problem(ProxySpec.of("http", "", "1", null, null))).contains("host");
    assertThat(problem(ProxySpec.of("http", "h", "x", null, null))).contains("port");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "proxy:1080", "ftp://h:21", "socks5://h", "socks5://h:", "socks5://h:0",
      "socks5://h:65536", "socks5://h:port", "http://h:80/path", "http://h:80?x=1", "socks5://:1080",
      "socks5://h h:1080",
      "socks5://:pw@h:1080", "socks4://u:pw@h:1080", "socks5://u:%zz@h:1080", "socks5://[::1]", "socks5://[zz]:1080",
      "socks5://::1:1080"})
  void rejectsWhatIsNotAProxy(String text) {
    assertThat(ProxySpec.parse(text)).as(text).isInstanceOf(Invalid.class);
  }

  @Test
  void problemsNeverQuoteThePassword() {
    assertThat(problem(ProxySpec.parse("socks5://user:TopSecret@h:port"))).doesNotContain("TopSecret");
    assertThat(problem(ProxySpec.parse("ftp://user:TopSecret@h:1"))).doesNotContain("TopSecret");
    assertThat(problem(ProxySpec.parse("socks4://user:TopSecret@h:1"))).doesNotContain("TopSecret");
  }
}
