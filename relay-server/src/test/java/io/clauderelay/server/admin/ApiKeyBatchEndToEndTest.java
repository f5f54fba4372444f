package io.clauderelay.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.clauderelay.server.e2e.RelayNode;
import io.clauderelay.server.fake.Behaviour;
import io.clauderelay.server.fake.FakeAnthropicServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Batch edit and delete of keys and tag rename/removal over real HTTP, each key changed and audited on its own. */
class ApiKeyBatchEndToEndTest {
  FakeAnthropicServer fake;
  RelayNode relay;
  final Logger audit = (Logger) LoggerFactory.getLogger("audit");
  final ListAppender<ILoggingEvent> audited = new ListAppender<>();

  @BeforeEach
  void start() {
    fake = FakeAnthropicServer.start();
    fake.respondByDefault(Behaviour.ok().withUsage(10, 20, 0, 0, 0));
    relay = new RelayNode();
    audited.start();
    audit.addAppender(audited);
    audit.setLevel(Level.INFO);
    audit.setAdditive(false);
  }

  @AfterEach
  void stop() {
    audit.detachAppender(audited);
    audit.setLevel(null);
    audit.setAdditive(true);
    relay.close();
    fake.close();
  }

  JsonNode data(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return RelayNode.json(r.body()).path("data");
  }

  JsonNode key(String id) {
    return data(relay.admin("GET", "/admin/api-keys/" + id, null));
  }

  String create(String fields) {
    return relay.keyId(relay.createKey(fields));
  }

  long auditedAs(String action) {
    return audited.list.stream().filter(e -> e.getFormattedMessage().equals("admin " + action)).count();
  }

  @Test
  void aBatchEditAppliesTheSingleUpdatesFieldsToEachKeyAndReportsTheOnesItCannot() {
    String a = create("{\"name\":\"a\",\"tags\":[\"team\"]}");
    String b = create("{\"name\":\"b\"}");
    String gone = create("{\"name\":\"gone\"}");
    data(relay.admin("DELETE", "/admin/api-keys/" + gone, null));

    JsonNode r = data(relay.admin("PUT", "/admin/api-keys/batch", "{\"keyIds\":[\"" + a + "\",\"" + b + "\",\"" + gone
        + "\",\"no-such-key\"],\"updates\":{\"dailyCostLimit\":3,\"concurrencyLimit\":2,\"isActive\":false}}"));

    assertThat(r.path("successCount").asInt()).isEqualTo(2);
    assertThat(r.path("failedCount").asInt()).isEqualTo(2);
    assertThat(r.path("errors").findValuesAsText("keyId")).containsExactly(gone, "no-such-key");
    assertThat(r.path("errors").get(1).path("error").asText()).contains("not found");
    for (String id : List.of(a, b)) {
      assertThat(key(id).path("dailyCostLimit").decimalValue()).isEqualByComparingTo("3");
      assertThat(key(id).path("concurrencyLimit").asInt()).isEqualTo(2);
      assertThat(key(id).path("isActive").asBoolean()).isFalse();
    }
    assertThat(key(a).path("name").asText()).isEqualTo("a");
    assertThat(key(a).path("tags").get(0).asText()).isEqualTo("team");
    assertThat(auditedAs("api-key.batch-update")).isEqualTo(2);
  }

  @Test
  void aBatchEditCanAddOrRemoveTagsWithoutReplacingTheOthers() {
    String a = create("{\"name\":\"a\",\"tags\":[\"x\",\"y\"]}");
    String b = create("{\"name\":\"b\",\"tags\":[\"y\"]}");

    data(relay.admin("PUT", "/admin/api-keys/batch", "{\"keyIds\":[\"" + a + "\",\"" + b
        + "\"],\"updates\":{\"tags\":[\"z\"],\"tagOperation\":\"add\"}}"));
    data(relay.admin("PUT", "/admin/api-keys/batch", "{\"keyIds\":[\"" + a + "\",\"" + b
        + "\"],\"updates\":{\"tags\":[\"y\"],\"tagOperation\":\"remove\"}}"));

    assertThat(key(a).path("tags").toString()).isEqualTo("[\"x\",\"z\"]");
    assertThat(key(b).path("tags").toString()).isEqualTo("[\"z\"]");
  }

  @Test
  void aBatchDeleteSoftDeletesEachKeySoItStopsWorkingAndCanBeRestored() {
    relay.createAccount("acct", fake.baseUrl(), "sk-ant-upstream");
    String plain = relay.createKey("{\"name\":\"one\"}");
    String one = relay.keyId(plain);
    String two = create("{\"name\":\"two\"}");
    String keep = create("{\"name\":\"keep\"}");

    JsonNode r = data(
        relay.admin("DELETE", "/admin/api-keys/batch", "{\"keyIds\":[\"" + one + "\",\"" + two + "\",\"" + two
            + "\"]}"));

    assertThat(r.path("successCount").asInt()).isEqualTo(2);
    assertThat(r.path("failedCount").asInt()).isZero();
    assertThat(relay.post("/api/v1/messages", plain, AdminApiEndToEndTest.BODY).statusCode()).isEqualTo(401);
    assertThat(data(relay.admin("GET", "/admin/api-keys/deleted", null)).findValuesAsText("id"))
        .containsExactlyInAnyOrder(one, two);
    assertThat(data(relay.admin("GET", "/admin/api-keys", null)).path("items").findValuesAsText("id"))
        .containsExactly(keep);
    data(relay.admin("POST", "/admin/api-keys/" + one + "/restore", null));
    assertThat(auditedAs("api-key.batch-delete")).isEqualTo(2);
    JsonNode again = data(relay.admin("DELETE", "/admin/api-keys/batch", "{\"keyIds\":[\"" + two + "\"]}"));
    assertThat(again.path("failedCount").asInt()).isEqualTo(1);
  }

  @Test
  void aTagIsRenamedOrRemovedOnEveryKeyCarryingIt() {
    String a = create("{\"name\":\"a\",\"tags\":[\"old\",\"keep\"]}");
    String b = create("{\"name\":\"b\",\"tags\":[\"old\",\"new\"]}");
    String c = create("{\"name\":\"c\",\"tags\":[\"keep\"]}");

    JsonNode renamed = data(relay.admin("PUT", "/admin/api-keys/tags/old", "{\"newName\":\"new\"}"));

    assertThat(renamed.path("affectedCount").asInt()).isEqualTo(2);
    assertThat(key(a).path("tags").toString()).isEqualTo("[\"new\",\"keep\"]");
    assertThat(key(b).path("tags").toString()).isEqualTo("[\"new\"]");
    assertThat(data(relay.admin("GET", "/admin/api-keys/tags", null)).findValuesAsText("name")).containsExactly("keep",
        "new");
    assertThat(auditedAs("api-key.tag-rename")).isEqualTo(2);

    JsonNode removed = data(relay.admin("DELETE", "/admin/api-keys/tags/keep", null));

    assertThat(removed.path("affectedCount").asInt()).isEqualTo(2);
    assertThat(key(a).path("tags").toString()).isEqualTo("[\"new\"]");
    assertThat(key(c).path("tags")).isEmpty();
    assertThat(auditedAs("api-key.tag-delete")).isEqualTo(2);
    assertThat(relay.admin("DELETE", "/admin/api-keys/tags/keep", null).statusCode()).isEqualTo(404);
    String spaced = create("{\"name\":\"d\",\"tags\":[\"two words\"]}");
    data(relay.admin("PUT", "/admin/api-keys/tags/two%20words", "{\"newName\":\"toggle\"}"));
    assertThat(key(spaced).path("tags").get(0).asText()).isEqualTo("toggle");
    assertThat(data(relay.admin("DELETE", "/admin/api-keys/tags/toggle", null)).path("affectedCount").asInt())
        .isEqualTo(1);
  }

  @Test
  void wrongBatchInputsAreRefusedWithA400NamingTheFieldAndChangeNothing() {
    String a = create("{\"name\":\"a\"}");
    for (String[] c : new String[][]{
        {"PUT", "/admin/api-keys/batch", "{\"updates\":{\"isActive\":false}}", "keyIds"},
        {"PUT", "/admin/api-keys/batch", "{\"keyIds\":[],\"updates\":{\"isActive\":false}}", "keyIds"},
        {"PUT", "/admin/api-keys/batch", "{\"keyIds\":[\"" + a + "\"]}", "updates"},
        {"PUT", "/admin/api-keys/batch", "{\"keyIds\":[\"" + a + "\"],\"updates\":[]}", "updates"},
        {"PUT", "/admin/api-keys/batch", "{\"keyIds\":[\"" + a + "\"],\"updates\":{\"concurrencyLimit\":\"lots\"}}",
            "concurrencyLimit"},
        {"PUT", "/admin/api-keys/batch",
            "{\"keyIds\":[\"" + a + "\"],\"updates\":{\"tags\":[\"t\"],\"tagOperation\":\"x\"}}",
            "tagOperation"},
        {"DELETE", "/admin/api-keys/batch", "{\"keyIds\":\"" + a + "\"}", "keyIds"},
        {"PUT", "/admin/api-keys/tags/any", "{}", "newName"}}) {
      HttpResponse<String> r = relay.admin(c[0], c[1], c[2]);
      assertThat(r.statusCode()).as(c[2]).isEqualTo(400);
      assertThat(RelayNode.json(r.body()).path("message").asText()).as(c[2]).startsWith(c[3] + " ");
    }
    assertThat(key(a).path("isActive").asBoolean()).isTrue();
    assertThat(key(a).path("concurrencyLimit").asInt()).isZero();
  }
}
