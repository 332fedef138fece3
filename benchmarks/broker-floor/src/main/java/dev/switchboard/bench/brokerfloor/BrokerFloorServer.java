package dev.switchboard.bench.brokerfloor;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The broker floor: the least work a WhatsApp webhook receiver can do that stores each webhook in
 * RabbitMQ. It checks {@code X-Hub-Signature-256} exactly as the floor does, publishes the raw body
 * to a durable classic queue as a persistent message (delivery mode 2) and answers 200 once the
 * broker has confirmed that message (401 on a bad signature, 503 on a nack).
 *
 * <p>Batching: the event loops hand verified bodies to a publisher thread (one per AMQP channel, the
 * HTTP connection picks one), which publishes whatever is waiting on its channel in confirm mode and
 * never waits: by default as one message of up to {@value #BUNDLE} bodies (each length-prefixed),
 * as a receiver that stores webhooks in bulk would, and as Switchboard's scaled mode does; the
 * broker's confirms ({@code multiple} covers every tag up to the one acked) arrive on the client's
 * own thread, which hands the 200s back to the event loops, one task per loop.
 *
 * <p>The seventh argument changes that: {@code single} publishes each body as a message of its own;
 * {@code inline} drops the publisher threads as well: each event loop publishes itself, taking turns
 * on the channel (one thread hop less, the socket write on the event loop).
 *
 * <p>Usage: {@code java -jar bench-broker-floor.jar PORT SECRET [AMQP_URI] [QUEUE] [THREADS]
 * [PUBLISHERS] [bundle|single|inline]}; the queue is declared and purged at start.
 */
public final class BrokerFloorServer extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final String PATH = "/webhooks/whatsapp";
  private static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672/";
  private static final String DEFAULT_QUEUE = "bench.broker-floor";
  static final int BUNDLE = 256;

  private final Publisher[] publishers;
  private final boolean inline;
  private final byte[] secret;
  private final ThreadLocal<Mac> macs;

  private BrokerFloorServer(Publisher[] publishers, String secret, boolean inline) {
    this.publishers = publishers;
    this.inline = inline;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String secret = args[1];
    String uri = args.length > 2 ? args[2] : DEFAULT_URI;
    String queue = args.length > 3 ? args[3] : DEFAULT_QUEUE;
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : Runtime.getRuntime().availableProcessors();
    int count = args.length > 5 ? Integer.parseInt(args[5]) : 1;
    String mode = args.length > 6 ? args[6] : "bundle";
    if (!List.of("bundle", "single", "inline").contains(mode)) {
      throw new IllegalArgumentException("mode must be bundle, single or inline, not " + mode);
    }
    boolean inline = mode.equals("inline");
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(uri);
    Connection connection = factory.newConnection("broker-floor");
    try (Channel admin = connection.createChannel()) {
      admin.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "classic"));
      admin.queuePurge(queue);
    }
    Publisher[] publishers = new Publisher[count];
    for (int i = 0; i < count; i++) {
      publishers[i] = new Publisher(connection.createChannel(), queue, mode.equals("bundle"));
      if (!inline) {
        Thread thread = new Thread(publishers[i], "publisher-" + i);
        thread.setDaemon(true);
        thread.start();
      }
    }
    BrokerFloorServer handler = new BrokerFloorServer(publishers, secret, inline);
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    try {
      serve(group, epoll, handler, port, queue, count + " confirm-mode channel(s), " + mode);
    } finally {
      group.shutdownGracefully();
      connection.abort();
    }
  }

  private static void serve(
      EventLoopGroup group, boolean epoll, BrokerFloorServer handler, int port, String queue, String how)
      throws InterruptedException {
    var channel =
        new ServerBootstrap()
            .group(group)
            .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new HttpServerCodec(), new HttpObjectAggregator(8 << 20), handler);
                  }
                })
            .bind(port)
            .sync()
            .channel();
    System.out.println(
        "broker floor listening on " + channel.localAddress() + ", publishing to queue " + queue
            + " through " + how);
    channel.closeFuture().sync();
  }

  @Override
  public boolean isSharable() {
    return true;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String path = request.uri();
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (HttpMethod.GET.equals(request.method()) && path.equals("/health")) {
      reply(ctx, keepAlive, HttpResponseStatus.OK);
      return;
    }
    if (!HttpMethod.POST.equals(request.method()) || !path.startsWith(PATH)) {
      reply(ctx, keepAlive, HttpResponseStatus.NOT_FOUND);
      return;
    }
    ByteBuf body = request.content();
    String header = request.headers().get("X-Hub-Signature-256");
    if (!verifies(body, header)) {
      reply(ctx, keepAlive, HttpResponseStatus.UNAUTHORIZED);
      return;
    }
    // one publisher per HTTP connection, so that pipelined requests are answered in order
    Publisher publisher =
        publishers[Math.floorMod(ctx.channel().id().hashCode(), publishers.length)];
    Pending pending = new Pending(ctx, keepAlive, ByteBufUtil.getBytes(body));
    if (!inline) {
      publisher.waiting.add(pending);
      return;
    }
    try {
      publisher.publish(List.of(pending));
    } catch (IOException e) {
      reply(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE);
    }
  }

  private boolean verifies(ByteBuf body, String header) {
    if (header == null || !header.startsWith("sha256=")) {
      return false;
    }
    Mac mac = macs.get();
    mac.update(body.nioBuffer());
    byte[] expected =
        ("sha256=" + HexFormat.of().formatHex(mac.doFinal())).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.US_ASCII));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void reply(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    if (keepAlive) {
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** A verified webhook waiting for its publish and then its confirm. */
  private record Pending(ChannelHandlerContext ctx, boolean keepAlive, byte[] body) {}

  /**
   * One AMQP channel in confirm mode and the thread that publishes on it: it takes whatever the
   * event loops left waiting, publishes it all, and goes back for more without waiting for
   * confirms; the confirm listener answers the webhooks the broker confirmed.
   */
  private static final class Publisher implements Runnable, ConfirmListener {
    private final Channel channel;
    private final String queue;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final ConcurrentNavigableMap<Long, List<Pending>> unconfirmed =
        new ConcurrentSkipListMap<>();
    private final boolean bundle;

    Publisher(Channel channel, String queue, boolean bundle) throws IOException {
      this.channel = channel;
      this.queue = queue;
      this.bundle = bundle;
      channel.confirmSelect();
      channel.addConfirmListener(this);
      channel.addShutdownListener(
          cause -> {
            if (!cause.isInitiatedByApplication()) {
              System.err.println("broker floor: channel closed: " + cause.getMessage());
              answer(
                  unconfirmed.values().stream().flatMap(List::stream).toList(),
                  HttpResponseStatus.SERVICE_UNAVAILABLE);
              Runtime.getRuntime().halt(1);
            }
          });
    }

    @Override
    public void run() {
      List<Pending> batch = new ArrayList<>();
      try {
        while (true) {
          batch.add(waiting.take());
          waiting.drainTo(batch);
          int step = bundle ? BUNDLE : 1;
          for (int from = 0; from < batch.size(); from += step) {
            publish(List.copyOf(batch.subList(from, Math.min(batch.size(), from + step))));
          }
          batch.clear();
        }
      } catch (Exception e) {
        System.err.println("broker floor: publishing failed: " + e);
        answer(batch, HttpResponseStatus.SERVICE_UNAVAILABLE);
        Runtime.getRuntime().halt(1);
      }
    }

    /**
     * Publishes webhooks as one message (a single one as its bare body); the lock keeps tag and
     * publish together when event loops share it.
     */
    synchronized void publish(List<Pending> ps) throws IOException {
      // the tag is known before the publish, so the confirm always finds its webhooks
      unconfirmed.put(channel.getNextPublishSeqNo(), ps);
      byte[] body = ps.size() == 1 ? ps.get(0).body() : bundled(ps);
      channel.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body);
    }

    /** The bodies, each after its length (4 bytes, big-endian). */
    private static byte[] bundled(List<Pending> ps) {
      int size = 0;
      for (Pending p : ps) {
        size += 4 + p.body().length;
      }
      ByteBuffer out = ByteBuffer.allocate(size);
      for (Pending p : ps) {
        out.putInt(p.body().length).put(p.body());
      }
      return out.array();
    }

    @Override
    public void handleAck(long tag, boolean multiple) {
      answer(confirmed(tag, multiple), HttpResponseStatus.OK);
    }

    @Override
    public void handleNack(long tag, boolean multiple) {
      answer(confirmed(tag, multiple), HttpResponseStatus.SERVICE_UNAVAILABLE);
    }

    private List<Pending> confirmed(long tag, boolean multiple) {
      if (!multiple) {
        List<Pending> ps = unconfirmed.remove(tag);
        return ps == null ? List.of() : ps;
      }
      // every tag up to this one: later tags are only ever added above it
      var head = unconfirmed.headMap(tag, true);
      List<Pending> done = new ArrayList<>();
      head.values().forEach(done::addAll);
      head.clear();
      return done;
    }

    /** Answers on each connection's own event loop, one task per loop for the whole group. */
    private static void answer(List<Pending> done, HttpResponseStatus status) {
      Map<EventExecutor, List<Pending>> byLoop = new HashMap<>();
      for (Pending p : done) {
        byLoop.computeIfAbsent(p.ctx().executor(), loop -> new ArrayList<>()).add(p);
      }
      byLoop.forEach(
          (loop, ps) -> loop.execute(() -> ps.forEach(p -> reply(p.ctx(), p.keepAlive(), status))));
    }
  }
}
