package io.clauderelay.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clauderelay.domain.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The models the relay advertises, from {@code supported_models.json} (DATA_DIR first, then the
 * copy bundled in the jar): per provider family, in file order.
 */
public final class ModelList {
  /** One advertised model and who makes it. */
  public record Entry(String id, Provider provider, String ownedBy) {}

  private final List<Entry> entries;

  public ModelList(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  public List<Entry> of(Provider provider) {
    return entries.stream().filter(e -> e.provider() == provider).toList();
  }

  public static ModelList load(Path dataDir) throws IOException {
    Path file = dataDir.resolve("supported_models.json");
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        return parse(in);
      }
    }
    try (InputStream in = ModelList.class.getResourceAsStream("/data/supported_models.json")) {
      if (in == null) return new ModelList(List.of());
      return parse(in);
    }
  }

  public static ModelList parse(InputStream in) throws IOException {
    JsonNode root = new ObjectMapper().readTree(in);
    List<Entry> list = new ArrayList<>();
    root.fields().forEachRemaining(f -> {
      Provider p = Provider.parse(f.getKey()).orElse(null);
      if (p == null) return;
      String owner = f.getValue().path("provider").asText(p.id());
      for (JsonNode m : f.getValue().path("models")) list.add(new Entry(m.asText(), p, owner));
    });
    return new ModelList(list);
  }
}
