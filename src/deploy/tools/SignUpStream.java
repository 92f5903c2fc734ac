import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of sign-ups while instances restart: WORKERS threads each POST the next sign-up,
 * one request at a time and at most one per PACE_MS each, until STOP_FILE exists or every member of
 * TOKENS_FILE (one token a line, for users FIRST_USER_ID, FIRST_USER_ID + 1, ...) has signed up
 * for every URL (comma-separated, taken in turn). Writes "urlIndex userId status" per request to
 * OUT_FILE (status is the HTTP code, or "error" when no answer came), so the caller can check that
 * every acknowledged (2xx) sign-up is in the database; prints the count per status.
 * Usage: SignUpStream URLS TOKENS_FILE FIRST_USER_ID WORKERS PACE_MS STOP_FILE OUT_FILE
 */
public final class SignUpStream {
  public static void main(String[] args) throws Exception {
    String[] urls = args[0].split(",");
    List<String> tokens = Files.readAllLines(Path.of(args[1]));
    long firstUser = Long.parseLong(args[2]);
    int workers = Integer.parseInt(args[3]);
    long pace = Long.parseLong(args[4]);
    Path stop = Path.of(args[5]);
    int total = tokens.size() * urls.length;
    String[] outcome = new String[total];
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    AtomicInteger next = new AtomicInteger();
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    Thread[] threads = new Thread[workers];
    for (int w = 0; w < workers; w++) {
      threads[w] = new Thread(() -> {
        int i;
        while (!Files.exists(stop) && (i = next.getAndIncrement()) < total) {
          long began = System.nanoTime();
          HttpRequest request = HttpRequest.newBuilder(URI.create(urls[i / tokens.size()])).timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
          String status;
          try {
            status = Integer.toString(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
          } catch (Exception e) {
            status = "error";
          }
          outcome[i] = status;
          counts.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
          long rest = pace - (System.nanoTime() - began) / 1_000_000;
          if (rest > 0) {
            try {
              Thread.sleep(rest);
            } catch (InterruptedException e) {
              return;
            }
          }
        }
      });
      threads[w].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    StringBuilder out = new StringBuilder();
    int sent = 0;
    for (int i = 0; i < outcome.length; i++) {
      if (outcome[i] != null) {
        out.append(i / tokens.size()).append(' ').append(firstUser + i % tokens.size()).append(' ')
            .append(outcome[i]).append('\n');
        sent++;
      }
    }
    Files.writeString(Path.of(args[6]), out);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("requests %d%n", sent);
    new TreeMap<>(counts).forEach((k, v) -> System.out.printf("status %s %d%n", k, v.get()));
    System.out.printf("elapsed_s %.1f%n", seconds);
    System.out.printf("rate_per_s %.1f%n", sent / seconds);
  }
}
