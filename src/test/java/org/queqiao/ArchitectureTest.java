package org.queqiao;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout conventions.md asks for, read from the source text: feature packages that depend on
 * each other without cycles over a base layer (web, config, db) that depends on no feature; access
 * to an event decided in one place; errors named in a catalogue instead of written inline.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of("src/main/java/org/queqiao");
  private static final Set<String> BASE_LAYER = Set.of("web", "config", "db");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+org\\.queqiao((?:\\.[A-Za-z0-9_]+)*)\\s*;");
  private static final Pattern REFERENCE = Pattern.compile("org\\.queqiao\\.([a-z]+)\\.");

  /**
   * A source file of the app: its path below org/queqiao, its feature (null for the composition
   * root), and its text after the package declaration, which starts on line {@code firstLine}.
   */
  private record Source(String path, String feature, String text, int firstLine) {}

  private static List<Source> sources() {
    assertTrue(Files.isDirectory(ROOT), "the main sources are at " + ROOT.toAbsolutePath());
    try (Stream<Path> files = Files.walk(ROOT)) {
      List<Source> sources = files.filter(p -> p.toString().endsWith(".java")).sorted().map(ArchitectureTest::read).toList();
      assertTrue(sources.size() > 20, "the scan found the app's sources, not " + sources.size() + " files");
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Source read(Path file) {
    try {
      String text = Files.readString(file);
      String path = ROOT.relativize(file).toString().replace('\\', '/');
      Matcher pkg = PACKAGE.matcher(text);
      if (!pkg.find()) {
        throw new AssertionError(path + " declares no package under org.queqiao");
      }
      String sub = pkg.group(1);
      String feature = sub.isEmpty() ? null : sub.substring(1).split("\\.")[0];
      int firstLine = (int) text.substring(0, pkg.end()).chars().filter(c -> c == '\n').count() + 1;
      return new Source(path, feature, text.substring(pkg.end()), firstLine);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** feature → feature it uses → the files that make it use it. */
  private static SortedMap<String, SortedMap<String, SortedSet<String>>> dependencies(List<Source> sources) {
    SortedMap<String, SortedMap<String, SortedSet<String>>> graph = new TreeMap<>();
    for (Source source : sources) {
      if (source.feature() == null) {
        continue;
      }
      SortedMap<String, SortedSet<String>> uses = graph.computeIfAbsent(source.feature(), f -> new TreeMap<>());
      Matcher ref = REFERENCE.matcher(source.text());
      while (ref.find()) {
        String target = ref.group(1);
        if (!target.equals(source.feature())) {
          uses.computeIfAbsent(target, t -> new TreeSet<>()).add(source.path());
        }
      }
    }
    return graph;
  }

  @Test
  void featurePackagesDependOnEachOtherWithoutCycles() {
    var graph = dependencies(sources());
    assertTrue(graph.keySet().containsAll(List.of("events", "web", "rsvp", "checkin")), "features found: " + graph.keySet());

    List<String> problems = new ArrayList<>();
    Map<String, SortedSet<String>> edges = new TreeMap<>();
    graph.forEach((from, uses) -> edges.put(from, new TreeSet<>(uses.keySet())));
    for (SortedSet<String> component : stronglyConnected(edges)) {
      if (component.size() < 2) {
        continue;
      }
      StringBuilder problem = new StringBuilder("packages " + component + " depend on each other in a cycle:");
      for (String from : component) {
        for (var edge : graph.getOrDefault(from, new TreeMap<>()).entrySet()) {
          if (component.contains(edge.getKey())) {
            problem.append("\n    ").append(from).append(" -> ").append(edge.getKey()).append(" in ")
                .append(String.join(", ", edge.getValue()));
          }
        }
      }
      problem.append("\n    e.g. ").append(String.join(" -> ", shortestCycle(edges, component)));
      problems.add(problem.toString());
    }
    if (!problems.isEmpty()) {
      fail(problems.size() + " dependency cycle(s) between feature packages:\n  " + String.join("\n  ", problems));
    }
  }

  @Test
  void theBaseLayerDependsOnNoFeature() {
    var graph = dependencies(sources());
    assertTrue(graph.keySet().containsAll(BASE_LAYER), "base-layer packages found: " + graph.keySet());

    List<String> problems = new ArrayList<>();
    for (String base : new TreeSet<>(BASE_LAYER)) {
      for (var edge : graph.getOrDefault(base, new TreeMap<>()).entrySet()) {
        if (!BASE_LAYER.contains(edge.getKey())) {
          problems.add(base + " -> " + edge.getKey() + " in " + String.join(", ", edge.getValue()));
        }
      }
    }
    if (!problems.isEmpty()) {
      fail("the base layer " + new TreeSet<>(BASE_LAYER) + " depends on feature packages:\n  "
          + String.join("\n  ", problems));
    }
  }

  @Test
  void onlyEventAccessDecidesWhoManagesAnEvent() {
    Set<String> allowed = Set.of("events/EventAccess.java", "events/Event.java");
    List<String> offenders = linesContaining(sources().stream().filter(s -> !allowed.contains(s.path())).toList(),
        Pattern.compile("managed\\(|\\.managedBy\\("));
    if (!offenders.isEmpty()) {
      fail(offenders.size() + " inline access check(s) outside " + new TreeSet<>(allowed)
          + " (a chained route handler should decide, once):\n  " + String.join("\n  ", offenders));
    }
  }

  @Test
  void apiErrorsAreNamedInACatalogueNotWrittenInline() {
    List<String> offenders = linesContaining(sources().stream()
        .filter(s -> !s.path().startsWith("web/") && !s.path().endsWith("Errors.java")).toList(),
        Pattern.compile("new\\s+ApiError\\("));
    if (!offenders.isEmpty()) {
      fail(offenders.size() + " inline `new ApiError(` outside web/ and *Errors.java catalogues:\n  "
          + String.join("\n  ", offenders));
    }
  }

  /** "path:line: text" for every line of these sources that matches. */
  private static List<String> linesContaining(List<Source> sources, Pattern pattern) {
    List<String> found = new ArrayList<>();
    for (Source source : sources) {
      String[] lines = source.text().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (pattern.matcher(lines[i]).find()) {
          found.add(source.path() + ":" + (source.firstLine() + i) + ": " + lines[i].strip());
        }
      }
    }
    return found;
  }

  /** Tarjan's strongly connected components, each sorted, in a stable order. */
  private static List<SortedSet<String>> stronglyConnected(Map<String, SortedSet<String>> graph) {
    Set<String> nodes = new TreeSet<>(graph.keySet());
    graph.values().forEach(nodes::addAll);
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<SortedSet<String>> components = new ArrayList<>();
    int[] counter = {0};
    for (String node : nodes) {
      if (!index.containsKey(node)) {
        connect(node, graph, index, low, stack, onStack, components, counter);
      }
    }
    components.sort((a, b) -> a.first().compareTo(b.first()));
    return components;
  }

  private static void connect(String node, Map<String, SortedSet<String>> graph, Map<String, Integer> index,
      Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<SortedSet<String>> components,
      int[] counter) {
    index.put(node, counter[0]);
    low.put(node, counter[0]);
    counter[0]++;
    stack.push(node);
    onStack.add(node);
    for (String next : graph.getOrDefault(node, new TreeSet<>())) {
      if (!index.containsKey(next)) {
        connect(next, graph, index, low, stack, onStack, components, counter);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      SortedSet<String> component = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        component.add(member);
      } while (!member.equals(node));
      components.add(component);
    }
  }

  /** The shortest cycle through the component's first package, staying inside the component. */
  private static List<String> shortestCycle(Map<String, SortedSet<String>> graph, SortedSet<String> component) {
    String start = component.first();
    Map<String, String> cameFrom = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String node = queue.removeFirst();
      for (String next : graph.getOrDefault(node, new TreeSet<>())) {
        if (!component.contains(next)) {
          continue;
        }
        if (next.equals(start)) {
          List<String> path = new ArrayList<>(List.of(start));
          for (String at = node; !at.equals(start); at = cameFrom.get(at)) {
            path.add(1, at);
          }
          path.add(start);
          return path;
        }
        if (!cameFrom.containsKey(next)) {
          cameFrom.put(next, node);
          queue.addLast(next);
        }
      }
    }
    throw new AssertionError("no cycle through " + start + " in " + component);
  }
}
