package io.clauderelay.domain.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The settled-request memory answers exactly like a set of the last N ids. */
class RecentIdsTest {

  @Test
  void anIdSeenAgainIsRefusedUntilItFallsOutOfTheWindow() {
    RecentIds ids = new RecentIds(3);
    assertThat(ids.add("req_a")).isTrue();
    assertThat(ids.add("req_a")).isFalse();
    assertThat(ids.add("req_b")).isTrue();
    assertThat(ids.add("req_c")).isTrue();
    assertThat(ids.add("req_a")).isFalse();

    assertThat(ids.add("req_d")).isTrue(); // req_a is now the fourth-newest: forgotten
    assertThat(ids.add("req_a")).isTrue();
    assertThat(ids.add("req_c")).isFalse();
    assertThat(ids.size()).isEqualTo(3);
  }

  @Test
  void agreesWithAPlainSetOfTheLastNIdsOverAMillionRandomOperations() {
    // A small id space makes repeats, evictions and probe-chain shifts frequent.
    for (int capacity : new int[]{1, 7, 64, 1000}) {
      RecentIds ids = new RecentIds(capacity);
      Deque<String> order = new ArrayDeque<>();
      Set<String> model = new HashSet<>();
      SplittableRandom random = new SplittableRandom(capacity);
      for (int op = 0; op < 1_000_000 / (capacity == 1 ? 10 : 1); op++) {
        String id = "req_" + random.nextInt(capacity * 3);
        boolean expected = !model.contains(id);
        if (expected) {
          order.addLast(id);
          model.add(id);
          if (order.size() > capacity) model.remove(order.removeFirst());
        }
        assertThat(ids.add(id)).as("op %d, id %s, capacity %d", op, id, capacity).isEqualTo(expected);
      }
      assertThat(ids.size()).isEqualTo(model.size());
    }
  }

  @Test
  void idsThatDifferInOneCharacterAreDistinct() {
    RecentIds ids = new RecentIds(100_000);
    for (int i = 0; i < 100_000; i++) assertThat(ids.add("req_" + Integer.toString(i, 36))).isTrue();
    assertThat(ids.add("req_" + Integer.toString(99_999, 36))).isFalse();
  }
}
