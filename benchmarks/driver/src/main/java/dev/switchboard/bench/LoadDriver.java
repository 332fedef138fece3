package dev.switchboard.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * An HTTP/1.1 load driver over a fixed pool of keep-alive connections, on one event-loop thread.
 *
 * <ul>
 *   <li>{@code rate}: the open model. Request i is due at {@code start + i / rate}; a request whose
 *       time has come waits in a queue until a connection is free, and its latency is measured
 *       from its due time, not from when it went out, so a stalled server is charged for every
 *       request it delayed (no coordinated omission).
 *   <li>{@code saturate}: the closed model. Every connection sends its next request as soon as the
 *       previous one is answered; throughput is the responses completed in the measured window.
 *   <li>{@code count}: sends exactly {@code --count} requests as fast as the connections allow
 *       (used to pre-load a backlog).
 * </ul>
 *
 * <p>With {@code --stub}, it also measures end to end: after the run it waits until the Genesys stub
 * has seen every accepted wamid (or until {@code --e2e-wait} seconds) and reports arrival time minus
 * due time; a message that has not arrived by then counts as missing and is charged the time it
 * has waited so far.
 */
final class LoadDriver {

  private enum Mode {
    RATE,
    SATURATE,
    COUNT
  }

  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(30);

  private final Mode mode;
  private final double rate;
  private final long warmupNanos;
  private final long durationNanos;
  private final long drainNanos;
  private final byte[][] requests;
  private final String[] wamids;
  private final long total; // requests to send (RATE, COUNT); the pool size for SATURATE

  private final Histogram measured = new Histogram(MAX_MICROS, 3);
  private final Map<Integer, Long> statuses = new TreeMap<>();
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final List<Connection> connections = new ArrayList<>();
  private final boolean[] okByIndex;
  private final CompletableFuture<Void> finished = new CompletableFuture<>();

  private EventLoop loop;
  private long start;
  private long measureStart;
  private long scheduleEnd;
  private long released; // RATE: requests whose due time has come
  private long dispatched;
  private long completed;
  private long inWindow; // responses completed inside the measured window
  private long errors;
  private long incomplete;
  private long reused;
  private boolean done;

  private LoadDriver(Mode mode, double rate, double warmup, double duration, double drain,
      Webhooks webhooks, long total) {
    this.mode = mode;
    this.rate = rate;
    this.warmupNanos = (long) (warmup * 1e9);
    this.durationNanos = (long) (duration * 1e9);
    this.drainNanos = (long) (drain * 1e9);
    this.requests = webhooks.requests;
    this.wamids = webhooks.wamids;
    this.total = total;
    this.okByIndex = new boolean[requests.length];
  }

  static void run(Main.Args args) throws Exception {
    Mode mode = Mode.valueOf(args.required("mode").toUpperCase(Locale.ROOT));
    List<URI> targets = args.all("target").stream().map(URI::create).toList();
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("--target is required");
    }
    double rate = args.number("rate", 0);
    double warmup = args.number("warmup", mode == Mode.COUNT ? 0 : 3);
    double duration = args.number("duration", 10);
    int connectionCount = (int) args.number("connections", 64);
    long total;
    int pool;
    if (mode == Mode.RATE) {
      total = (long) Math.ceil(rate * (warmup + duration));
      pool = (int) total;
    } else if (mode == Mode.COUNT) {
      total = (long) args.number("count", 0);
      pool = (int) total;
    } else {
      total = (long) args.number("pool", 300_000);
      pool = (int) total;
    }
    URI first = targets.get(0);
    long generating = System.nanoTime();
    Webhooks webhooks =
        Webhooks.generate(
            pool,
            first.getHost() + ":" + first.getPort(),
            first.getRawPath(),
            args.required("secret"),
            (int) args.number("customers", 1000),
            (long) args.number("seed", 42));
    System.err.printf(
        Locale.ROOT,
        "generated %d signed webhooks in %.1f s%n",
        pool,
        (System.nanoTime() - generating) / 1e9);
    LoadDriver driver =
        new LoadDriver(mode, rate, warmup, duration, args.number("drain", 10), webhooks, total);
    String result = driver.drive(targets, connectionCount, args);
    Path out = Path.of(args.required("out"));
    Files.writeString(out, result);
    System.err.println(result);
  }

  private String drive(List<URI> targets, int connectionCount, Main.Args args) throws Exception {
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    try {
      loop = group.next();
      Bootstrap bootstrap =
          new Bootstrap()
              .group(loop)
              .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
      for (int i = 0; i < connectionCount; i++) {
        Connection connection = new Connection(bootstrap, targets.get(i % targets.size()));
        connection.open().sync();
        connections.add(connection);
      }
      URI stub = args.get("stub", null) == null ? null : URI.create(args.get("stub", null));
      long stubBaseline = stub == null ? 0 : stubCount(stub);
      long epochMicros0 = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
      long nano0 = System.nanoTime();
      loop.execute(this::begin);
      finished.get();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      StringBuilder json = new StringBuilder();
      json.append("{\"mode\":\"").append(mode.name().toLowerCase(Locale.ROOT)).append('"');
      json.append(",\"label\":\"").append(args.get("label", "")).append('"');
      json.append(",\"connections\":").append(connectionCount);
      json.append(",\"target_rate\":").append(rate);
      double seconds = mode == Mode.COUNT ? (scheduleEnd - start) / 1e9 : durationNanos / 1e9;
      long ok = statuses.getOrDefault(200, 0L);
      json.append(",\"measured_seconds\":").append(fmt(seconds));
      json.append(",\"throughput\":").append(fmt(inWindow / seconds));
      json.append(",\"sent\":").append(dispatched);
      json.append(",\"completed\":").append(completed);
      json.append(",\"measured\":").append(measured.getTotalCount());
      json.append(",\"ok\":").append(ok);
      long okTotal = 0;
      for (boolean answered : okByIndex) {
        okTotal += answered ? 1 : 0;
      }
      json.append(",\"ok_total\":").append(okTotal);
      json.append(",\"window_start_epoch_ms\":")
          .append(epochMicros0 / 1000 + (measureStart - nano0) / 1_000_000);
      json.append(",\"window_end_epoch_ms\":")
          .append(epochMicros0 / 1000 + (scheduleEnd - nano0) / 1_000_000);
      json.append(",\"errors\":").append(errors);
      json.append(",\"incomplete\":").append(incomplete);
      json.append(",\"reused_bodies\":").append(reused);
      json.append(",\"statuses\":{");
      String sep = "";
      for (Map.Entry<Integer, Long> e : statuses.entrySet()) {
        json.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue());
        sep = ",";
      }
      json.append("},\"latency_ms\":").append(percentiles(measured));
      if (stub != null && mode == Mode.RATE) {
        json.append(",\"e2e_ms\":")
            .append(endToEnd(stub, stubBaseline, epochMicros0, nano0, args.number("e2e-wait", 60)));
      }
      json.append('}');
      return json.toString();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  // ------------------------------------------------------------------ the event loop's side

  private long due(long index) {
    return start + (long) (index * 1e9 / rate);
  }

  private void begin() {
    start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    measureStart = start + warmupNanos;
    scheduleEnd = measureStart + durationNanos;
    idle.addAll(connections);
    if (mode == Mode.RATE) {
      loop.schedule(this::tick, start - System.nanoTime(), TimeUnit.NANOSECONDS);
      loop.schedule(this::giveUp, scheduleEnd + drainNanos - System.nanoTime(),
          TimeUnit.NANOSECONDS);
    } else {
      start = System.nanoTime();
      measureStart = start + warmupNanos;
      scheduleEnd = measureStart + durationNanos;
      while (!idle.isEmpty()) {
        if (!next(idle.pollFirst())) {
          break;
        }
      }
      if (mode == Mode.SATURATE) {
        loop.schedule(this::giveUp, scheduleEnd + drainNanos - System.nanoTime(),
            TimeUnit.NANOSECONDS);
      }
    }
  }

  /** RATE: releases the requests that are due and hands them to free connections. */
  private void tick() {
    if (done) {
      return;
    }
    long now = System.nanoTime();
    while (released < total && due(released) <= now) {
      released++;
    }
    while (dispatched < released && !idle.isEmpty()) {
      idle.pollFirst().send(dispatched, due(dispatched));
      dispatched++;
    }
    if (released < total) {
      loop.schedule(this::tick, Math.max(0, due(released) - System.nanoTime()),
          TimeUnit.NANOSECONDS);
    }
  }

  /** Gives {@code connection} its next request; false when there is none (it stays idle). */
  private boolean next(Connection connection) {
    long now = System.nanoTime();
    switch (mode) {
      case RATE -> {
        if (dispatched < released) {
          connection.send(dispatched, due(dispatched));
          dispatched++;
          return true;
        }
        idle.addLast(connection);
        return false;
      }
      case SATURATE -> {
        if (now < scheduleEnd) {
          if (dispatched >= requests.length) {
            reused++;
          }
          connection.send(dispatched, now);
          dispatched++;
          return true;
        }
        return false;
      }
      default -> {
        if (dispatched < total) {
          connection.send(dispatched, now);
          dispatched++;
          return true;
        }
        return false;
      }
    }
  }

  private void completed(Connection connection, long index, long dueAt, int status) {
    long now = System.nanoTime();
    completed++;
    if (status == 200 && index < okByIndex.length) {
      okByIndex[(int) index] = true;
    }
    boolean counts =
        switch (mode) {
          case RATE -> dueAt >= measureStart;
          case SATURATE -> now >= measureStart && now < scheduleEnd;
          case COUNT -> true;
        };
    if (counts) {
      if (status > 0) {
        statuses.merge(status, 1L, Long::sum);
        measured.recordValue(Math.min(MAX_MICROS, Math.max(1, (now - dueAt) / 1000)));
      } else {
        errors++;
      }
    }
    if (mode == Mode.RATE ? (now >= measureStart && now < scheduleEnd) : counts) {
      inWindow++;
    }
    if (connection != null && !done) {
      next(connection);
    }
    checkFinished();
  }

  private void checkFinished() {
    if (done) {
      return;
    }
    boolean all =
        switch (mode) {
          case RATE -> released == total && completed == total;
          case COUNT -> completed == total;
          case SATURATE -> System.nanoTime() >= scheduleEnd && completed == dispatched;
        };
    if (all) {
      finish();
    }
  }

  /** The drain time is over: what is still queued or in flight is charged up to now. */
  private void giveUp() {
    if (done) {
      return;
    }
    long now = System.nanoTime();
    if (mode == Mode.RATE) {
      for (long i = dispatched; i < total; i++) {
        if (due(i) >= measureStart) {
          measured.recordValue(Math.min(MAX_MICROS, (now - due(i)) / 1000));
          incomplete++;
        }
      }
    }
    for (Connection connection : connections) {
      if (connection.index >= 0) {
        if (mode != Mode.RATE || connection.dueAt >= measureStart) {
          measured.recordValue(Math.min(MAX_MICROS, (now - connection.dueAt) / 1000));
          incomplete++;
        }
      }
    }
    finish();
  }

  private void finish() {
    done = true;
    if (mode == Mode.COUNT) {
      scheduleEnd = System.nanoTime();
    }
    for (Connection connection : connections) {
      connection.channel.close();
    }
    finished.complete(null);
  }

  /** One keep-alive connection with at most one request in flight. */
  private final class Connection extends ChannelInboundHandlerAdapter {
    private final Bootstrap bootstrap;
    private final URI target;
    private Channel channel;
    private long index = -1;
    private long dueAt;
    private int status;

    Connection(Bootstrap bootstrap, URI target) {
      this.bootstrap = bootstrap;
      this.target = target;
    }

    io.netty.channel.ChannelFuture open() {
      Connection self = this;
      return bootstrap
          .clone()
          .handler(
              new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                  ch.pipeline().addLast(new HttpResponseDecoder(), self);
                }
              })
          .connect(target.getHost(), target.getPort())
          .addListener(
              f -> {
                if (f.isSuccess()) {
                  channel = ((io.netty.channel.ChannelFuture) f).channel();
                }
              });
    }

    void send(long index, long dueAt) {
      this.index = index;
      this.dueAt = dueAt;
      this.status = 0;
      byte[] request = requests[(int) (index % requests.length)];
      channel.writeAndFlush(Unpooled.wrappedBuffer(request), channel.voidPromise());
    }

    @Override
    public boolean isSharable() {
      return true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof HttpResponse response) {
          status = response.status().code();
        }
        if (msg instanceof LastHttpContent && index >= 0) {
          long finishedIndex = index;
          index = -1;
          completed(this, finishedIndex, dueAt, status);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (done) {
        return;
      }
      // the server closed the connection: the request in flight failed; open a new one
      if (index >= 0) {
        long failed = index;
        index = -1;
        completed(null, failed, dueAt, 0);
      }
      idle.remove(this);
      open()
          .addListener(
              f -> {
                if (f.isSuccess() && !done) {
                  next(this);
                } else if (!done) {
                  errors++;
                }
              });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  // ------------------------------------------------------------------ results

  private static String percentiles(Histogram h) {
    if (h.getTotalCount() == 0) {
      return "null";
    }
    return String.format(
        Locale.ROOT,
        "{\"p50\":%s,\"p90\":%s,\"p99\":%s,\"p999\":%s,\"max\":%s,\"mean\":%s,\"count\":%d}",
        fmt(h.getValueAtPercentile(50) / 1000.0),
        fmt(h.getValueAtPercentile(90) / 1000.0),
        fmt(h.getValueAtPercentile(99) / 1000.0),
        fmt(h.getValueAtPercentile(99.9) / 1000.0),
        fmt(h.getMaxValue() / 1000.0),
        fmt(h.getMean() / 1000.0),
        h.getTotalCount());
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static final HttpClient CONTROL =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static String control(URI stub, String path) throws Exception {
    return CONTROL
        .send(HttpRequest.newBuilder(stub.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
            BodyHandlers.ofString())
        .body();
  }

  private static long stubCount(URI stub) throws Exception {
    return Long.parseLong(control(stub, "/control/count").trim());
  }

  /**
   * Waits until the stub has seen every wamid that was answered 200 (or until it stops making
   * progress), then reports arrival minus due time for the measured ones.
   */
  private String endToEnd(URI stub, long baseline, long epochMicros0, long nano0, double wait)
      throws Exception {
    long expected = 0;
    for (boolean ok : okByIndex) {
      if (ok) {
        expected++;
      }
    }
    long deadline = System.nanoTime() + (long) (wait * 1e9);
    long seen = stubCount(stub) - baseline;
    long lastProgress = System.nanoTime();
    while (seen < expected && System.nanoTime() < deadline
        && System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(15)) {
      Thread.sleep(200);
      long now = stubCount(stub) - baseline;
      if (now > seen) {
        lastProgress = System.nanoTime();
      }
      seen = now;
    }
    Map<String, Long> arrivals = new HashMap<>();
    for (String line : control(stub, "/control/arrivals").split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0) {
        arrivals.put(line.substring(0, space), Long.parseLong(line.substring(space + 1).trim()));
      }
    }
    Histogram e2e = new Histogram(MAX_MICROS, 3);
    long missing = 0;
    // a message that has not arrived yet is charged the time it has waited so far (a lower bound)
    long nowEpochMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    for (int i = 0; i < okByIndex.length; i++) {
      long dueAt = due(i);
      if (!okByIndex[i] || dueAt < measureStart) {
        continue;
      }
      Long arrived = arrivals.get(wamids[i]);
      long dueEpochMicros = epochMicros0 + (dueAt - nano0) / 1000;
      if (arrived == null) {
        missing++;
        e2e.recordValue(Math.min(MAX_MICROS, Math.max(1, nowEpochMicros - dueEpochMicros)));
        continue;
      }
      e2e.recordValue(Math.min(MAX_MICROS, Math.max(1, arrived - dueEpochMicros)));
    }
    String p = percentiles(e2e);
    return p.equals("null")
        ? "{\"missing\":" + missing + "}"
        : p.substring(0, p.length() - 1) + ",\"missing\":" + missing + "}";
  }
}
