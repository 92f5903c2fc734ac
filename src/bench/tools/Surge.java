import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sign-up surge: every token in TOKENS_FILE (one member each) POSTs URL once, at most
 * CONCURRENCY requests in flight, each on its own HTTP/1.1 connection while that many are open.
 * Prints the count per status, errors, the rate and latency percentiles.
 * Usage: Surge URL TOKENS_FILE CONCURRENCY
 */
public final class Surge {
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    List<String> tokens = Files.readAllLines(Path.of(args[1]));
    int concurrency = Integer.parseInt(args[2]);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30)).build();
    Semaphore inFlight = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(tokens.size());
    long[] latencies = new long[tokens.size()];
    Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    for (int i = 0; i < tokens.size(); i++) {
      inFlight.acquire();
      int n = i;
      HttpRequest request = HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(60))
          .header("Authorization", "Bearer " + tokens.get(i))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{}"))
          .build();
      long sent = System.nanoTime();
      client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
        latencies[n] = System.nanoTime() - sent;
        String key = error != null ? "error " + error.getClass().getSimpleName() : "http " + response.statusCode();
        outcomes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        inFlight.release();
        done.countDown();
      });
    }
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    System.out.printf("requests %d%n", tokens.size());
    new TreeMap<>(outcomes).forEach((k, v) -> System.out.printf("%s %d%n", k, v.get()));
    System.out.printf("elapsed_s %.2f%n", seconds);
    System.out.printf("rate_per_s %.1f%n", tokens.size() / seconds);
    for (double p : new double[] {0.50, 0.90, 0.99}) {
      System.out.printf("p%d_ms %.1f%n", Math.round(p * 100), latencies[(int) Math.min(latencies.length - 1, Math.floor(p * latencies.length))] / 1e6);
    }
    System.out.printf("max_ms %.1f%n", latencies[latencies.length - 1] / 1e6);
    long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
    System.out.printf("cpu_driver_us_per_signup %.0f%n", cpu / 1e3 / tokens.size());
  }
}
