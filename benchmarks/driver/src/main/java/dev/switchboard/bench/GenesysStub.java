package dev.switchboard.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
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
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Genesys Cloud (OAuth token, Open Messaging inbound message/receipt) and for the
 * Graph API (sends), answering instantly on one event-loop thread. It records when each {@code
 * channel.messageId} (the wamid) first arrived, in microseconds since the epoch.
 *
 * <p>Control: {@code GET /control/count} (distinct messages that arrived), {@code GET
 * /control/arrivals} (one "wamid micros" line each), {@code GET /control/stats} (JSON: posts,
 * distinct, first and last arrival), {@code POST /control/status?code=503} (answer inbound messages
 * with that status from now on), {@code POST /control/reset}.
 */
final class GenesysStub extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"([^\"]+)\"");
  private static final byte[] TOKEN =
      "{\"access_token\":\"bench-token\",\"token_type\":\"bearer\",\"expires_in\":86399}"
          .getBytes(StandardCharsets.UTF_8);

  // touched only by the one event-loop thread
  private final Map<String, Long> arrivals = new HashMap<>();
  private final StringBuilder log = new StringBuilder();
  private long posts;
  private long first;
  private long last;
  private int status = 200;

  static void run(Main.Args args) throws Exception {
    int port = (int) args.number("port", 0);
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    GenesysStub stub = new GenesysStub();
    try {
      serve(group, epoll, stub, port);
    } finally {
      group.shutdownGracefully();
    }
  }

  private static void serve(EventLoopGroup group, boolean epoll, GenesysStub stub, int port)
      throws InterruptedException {
    var channel =
        new ServerBootstrap()
            .group(group)
            .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), stub);
                  }
                })
            .bind("127.0.0.1", port)
            .sync()
            .channel();
    System.out.println("stub listening on " + channel.localAddress());
    channel.closeFuture().sync();
  }

  @Override
  public boolean isSharable() {
    return true;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    boolean post = HttpMethod.POST.equals(request.method());
    if (post && path.equals("/oauth/token")) {
      reply(ctx, request, 200, TOKEN);
    } else if (post && path.startsWith("/api/v2/conversations/messages/")) {
      if (path.endsWith("/inbound/open/message")) {
        if (status != 200) {
          reply(ctx, request, status, "{\"message\":\"stub outage\"}".getBytes(StandardCharsets.UTF_8));
          return;
        }
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        posts++;
        Matcher m = MESSAGE_ID.matcher(request.content().toString(StandardCharsets.UTF_8));
        if (m.find() && arrivals.putIfAbsent(m.group(1), now) == null) {
          log.append(m.group(1)).append(' ').append(now).append('\n');
          if (first == 0) {
            first = now;
          }
          last = now;
        }
      }
      reply(ctx, request, 200,
          ("{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"Text\",\"direction\":\"Inbound\"}")
              .getBytes(StandardCharsets.UTF_8));
    } else if (post && path.endsWith("/messages")) { // Graph API send
      reply(ctx, request, 200,
          ("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.stub"
                  + UUID.randomUUID() + "\"}]}")
              .getBytes(StandardCharsets.UTF_8));
    } else if (path.equals("/control/count")) {
      reply(ctx, request, 200, Long.toString(arrivals.size()).getBytes(StandardCharsets.UTF_8));
    } else if (path.equals("/control/arrivals")) {
      reply(ctx, request, 200, log.toString().getBytes(StandardCharsets.UTF_8));
    } else if (path.equals("/control/stats")) {
      reply(ctx, request, 200,
          String.format("{\"posts\":%d,\"distinct\":%d,\"first_us\":%d,\"last_us\":%d}",
                  posts, arrivals.size(), first, last)
              .getBytes(StandardCharsets.UTF_8));
    } else if (post && path.equals("/control/status")) {
      status = Integer.parseInt(uri.parameters().get("code").get(0));
      reply(ctx, request, 200, new byte[0]);
    } else if (post && path.equals("/control/reset")) {
      arrivals.clear();
      log.setLength(0);
      posts = 0;
      first = 0;
      last = 0;
      reply(ctx, request, 200, new byte[0]);
    } else {
      reply(ctx, request, 404, "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void reply(ChannelHandlerContext ctx, FullHttpRequest request, int code,
      byte[] body) {
    ByteBuf content = Unpooled.wrappedBuffer(body);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(code), content);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (keepAlive) {
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
