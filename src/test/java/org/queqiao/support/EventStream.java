package org.queqiao.support;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-sent events client, as a browser's EventSource reads a stream: HTTP/1.1, the response
 * read line by line on a background thread and cut into events at blank lines.
 */
public final class EventStream implements AutoCloseable {
  /** One server-sent event: its {@code event:} name ("message" when none) and its data lines joined. */
  public record Event(String name, String data) {
    public JsonObject json() {
      return new JsonObject(data);
    }
  }

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final HttpResponse<InputStream> response;
  private final Thread reader;

  private EventStream(String url, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .header("Accept", "text/event-stream")
        .GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    reader = new Thread(this::read, "sse-reader " + url);
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens the stream; returns once the response headers have arrived. */
  public static EventStream open(String baseUrl, String path, String token) {
    return new EventStream(baseUrl + path, token);
  }

  public int status() {
    return response.statusCode();
  }

  public Optional<String> header(String name) {
    return response.headers().firstValue(name);
  }

  /** The next event of any name, or empty when none came within the timeout. */
  public Optional<Event> next(Duration timeout) throws InterruptedException {
    return Optional.ofNullable(events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** The next event with this name, skipping others, or empty when none came within the timeout. */
  public Optional<Event> next(String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      Event event = events.poll(left, TimeUnit.NANOSECONDS);
      if (event == null) {
        return Optional.empty();
      }
      if (event.name().equals(name)) {
        return Optional.of(event);
      }
    }
  }

  /** Whether the server ended the stream within the timeout (the reader saw its end). */
  public boolean endsWithin(Duration timeout) throws InterruptedException {
    reader.join(timeout.toMillis());
    return !reader.isAlive();
  }

  /** Everything received and not yet taken. */
  public List<Event> drain() {
    List<Event> all = new ArrayList<>();
    events.drainTo(all);
    return all;
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String name = null;
      StringBuilder data = new StringBuilder();
      boolean hasData = false;
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (hasData) {
            events.add(new Event(name == null ? "message" : name, data.toString()));
          }
          name = null;
          data.setLength(0);
          hasData = false;
        } else if (line.startsWith(":")) {
          continue;
        } else if (line.startsWith("event:")) {
          name = field(line, "event:");
        } else if (line.startsWith("data:")) {
          if (hasData) {
            data.append('\n');
          }
          data.append(field(line, "data:"));
          hasData = true;
        }
      }
    } catch (IOException e) {
      // closed by close() or by the server
    }
  }

  private static String field(String line, String prefix) {
    String value = line.substring(prefix.length());
    return value.startsWith(" ") ? value.substring(1) : value;
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // already closed
    }
    reader.interrupt();
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
