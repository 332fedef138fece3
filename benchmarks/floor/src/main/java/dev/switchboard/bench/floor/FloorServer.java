package dev.switchboard.bench.floor;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor: the least correct work a WhatsApp webhook receiver can do. It reads the raw body,
 * checks {@code X-Hub-Signature-256} ({@code sha256=} + lowercase hex HMAC-SHA256 of the body) in
 * constant time, appends the bytes to one file and answers 200 (401 on a bad signature).
 *
 * <p>Durability is the embedded Switchboard default's: each body is written through to the
 * operating system ({@code write(2)}, so it survives a killed process) before the 200, without
 * {@code fsync} (so a power cut may lose it), unless the fifth argument {@code fsync} forces every
 * write to disk.
 *
 * <p>Usage: {@code java -jar bench-floor.jar PORT SECRET FILE [THREADS] [fsync]}
 */
public final class FloorServer extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final String PATH = "/webhooks/whatsapp";

  private final FileChannel file;
  private final boolean fsync;
  private final byte[] secret;
  private final ThreadLocal<Mac> macs;

  private FloorServer(FileChannel file, boolean fsync, String secret) {
    this.file = file;
    this.fsync = fsync;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String secret = args[1];
    Path path = Path.of(args[2]);
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
    boolean fsync = args.length > 4 && args[4].equals("fsync");
    FileChannel file =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    FloorServer handler = new FloorServer(file, fsync, secret);
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    try {
      serve(group, epoll, handler, port, fsync);
    } finally {
      group.shutdownGracefully();
    }
  }

  private static void serve(
      EventLoopGroup group, boolean epoll, FloorServer handler, int port, boolean fsync)
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
        "floor listening on " + channel.localAddress() + (fsync ? " (fsync per request)" : ""));
    channel.closeFuture().sync();
  }

  @Override
  public boolean isSharable() {
    return true;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String path = request.uri();
    if (HttpMethod.GET.equals(request.method()) && path.equals("/health")) {
      reply(ctx, request, HttpResponseStatus.OK);
      return;
    }
    if (!HttpMethod.POST.equals(request.method()) || !path.startsWith(PATH)) {
      reply(ctx, request, HttpResponseStatus.NOT_FOUND);
      return;
    }
    ByteBuf body = request.content();
    String header = request.headers().get("X-Hub-Signature-256");
    if (!verifies(body, header)) {
      reply(ctx, request, HttpResponseStatus.UNAUTHORIZED);
      return;
    }
    try {
      ByteBuffer bytes = body.nioBuffer();
      while (bytes.hasRemaining()) {
        file.write(bytes);
      }
      if (fsync) {
        file.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reply(ctx, request, HttpResponseStatus.OK);
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

  private static void reply(
      ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    if (HttpUtil.isKeepAlive(request)) {
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
