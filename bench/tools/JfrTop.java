import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples (jdk.ExecutionSample) of a JFR recording: the top frames (self time),
 * the methods most often on the stack (total time), time by code area, and allocation pressure by
 * top frame (jdk.ObjectAllocationSample). Single-file program:
 *
 * <pre>java bench/tools/JfrTop.java recording.jfr</pre>
 */
public final class JfrTop {
  // Code areas, first match of the innermost matching frame wins (checked from the top of the stack).
  private static final Map<String, String> AREAS = new LinkedHashMap<>();
  static {
    AREAS.put("io.clauderelay.", "relay code");
    AREAS.put("com.fasterxml.jackson.", "Jackson");
    AREAS.put("ch.qos.logback.", "logging");
    AREAS.put("net.logstash.", "logging");
    AREAS.put("org.slf4j.", "logging");
    AREAS.put("io.vertx.ext.web.", "Vert.x Web");
    AREAS.put("io.vertx.", "Vert.x core");
    AREAS.put("io.netty.", "Netty");
    AREAS.put("sun.nio.", "JDK NIO / syscalls");
    AREAS.put("java.util.regex.", "JDK regex");
    AREAS.put("javax.crypto.", "JDK crypto");
    AREAS.put("com.sun.crypto.", "JDK crypto");
    AREAS.put("sun.security.", "JDK crypto");
    AREAS.put("java.", "JDK other");
    AREAS.put("jdk.", "JDK other");
    AREAS.put("sun.", "JDK other");
  }

  public static void main(String[] args) throws Exception {
    List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Map<String, Integer> area = new HashMap<>();
    Map<String, Integer> relayTotal = new HashMap<>();
    Map<String, Long> alloc = new HashMap<>();
    long allocTotal = 0;
    int samples = 0;
    for (RecordedEvent e : events) {
      String type = e.getEventType().getName();
      RecordedStackTrace st = e.getStackTrace();
      if (st == null || st.getFrames().isEmpty()) continue;
      if (type.equals("jdk.ExecutionSample")) {
        samples++;
        List<RecordedFrame> frames = st.getFrames();
        self.merge(name(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        String a = null;
        for (RecordedFrame f : frames) {
          String n = name(f);
          if (seen.add(n)) {
            total.merge(n, 1, Integer::sum);
            if (n.startsWith("io.clauderelay.")) relayTotal.merge(n, 1, Integer::sum);
          }
          if (a == null) a = areaOf(n);
        }
        area.merge(a == null ? "other" : a, 1, Integer::sum);
      } else if (type.equals("jdk.ObjectAllocationSample")) {
        long w = e.getLong("weight");
        allocTotal += w;
        // attribute to the first non-JDK frame, which says who allocated
        String who = null;
        for (RecordedFrame f : st.getFrames()) {
          String n = name(f);
          if (!(n.startsWith("java.") || n.startsWith("jdk.") || n.startsWith("sun."))) { who = n; break; }
        }
        alloc.merge(who == null ? name(st.getFrames().get(0)) : who, w, Long::sum);
      }
    }
    System.out.println("CPU samples (jdk.ExecutionSample): " + samples);
    System.out.println();
    System.out.println("By code area (innermost frame outside the JDK's generic code decides):");
    print(area, samples, 20);
    System.out.println();
    System.out.println("Top frames (self):");
    print(self, samples, 25);
    System.out.println();
    System.out.println("Relay methods on the stack (total):");
    print(relayTotal, samples, 20);
    System.out.println();
    System.out.println("Allocation samples by first non-JDK frame (weight, MB):");
    final long at = allocTotal;
    alloc.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
        .forEach(en -> System.out.printf("  %6.1f%%  %8.1f  %s%n", 100.0 * en.getValue() / Math.max(1, at),
            en.getValue() / 1048576.0, en.getKey()));
  }

  private static String areaOf(String n) {
    for (Map.Entry<String, String> en : AREAS.entrySet()) {
      if (n.startsWith(en.getKey())) {
        // generic JDK code (collections, strings) is attributed to the caller further down
        if (en.getValue().equals("JDK other")) return null;
        return en.getValue();
      }
    }
    return null;
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void print(Map<String, Integer> m, int samples, int limit) {
    m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
        .forEach(en -> System.out.printf("  %6.1f%%  %6d  %s%n", 100.0 * en.getValue() / Math.max(1, samples),
            en.getValue(), en.getKey()));
  }
}
