package dev.switchboard.adapters.rabbitmq;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of the real broker of {@link TestBroker}, standing for the network between
 * the bridge and RabbitMQ: it can hold back what the broker sends (so that its confirms arrive
 * late, or never) and cut every connection (as a network failure would). It reads the AMQP frames
 * the broker sends, held back or not, and counts the confirms and returns among them, so that a
 * test knows what the broker did without waiting on a guess.
 */
final class BrokerProxy implements AutoCloseable {

  private static final int BROKER_PORT = 5672;
  private static final int BASIC = 60;
  private static final int BASIC_RETURN = 50;
  private static final int BASIC_ACK = 80;
  private static final int BASIC_NACK = 120;

  private final ServerSocket server;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Object gate = new Object();
  private final AtomicLong highestAck = new AtomicLong();
  private final AtomicInteger returns = new AtomicInteger();
  private final AtomicInteger nacks = new AtomicInteger();
  private boolean holding;
  private volatile boolean closed;

  BrokerProxy() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon("broker-proxy-accept", this::accept).start();
  }

  /** The broker's URI through the proxy. */
  String uri() {
    return "amqp://guest:guest@127.0.0.1:" + server.getLocalPort();
  }

  /** From now on, what the broker sends is held back until {@link #release}. */
  void hold() {
    synchronized (gate) {
      holding = true;
    }
  }

  /** Lets what was held back, and whatever follows, through. */
  void release() {
    synchronized (gate) {
      holding = false;
      gate.notifyAll();
    }
  }

  /** Closes every connection through the proxy (what was held back is lost); new ones may come. */
  void cut() {
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
    synchronized (gate) {
      gate.notifyAll();
    }
  }

  /** The highest delivery tag the broker confirmed (basic.ack), through any connection. */
  long highestAck() {
    return highestAck.get();
  }

  /** How many messages the broker returned (basic.return). */
  int returns() {
    return returns.get();
  }

  /** How many basic.nack the broker sent. */
  int nacks() {
    return nacks.get();
  }

  /** Forgets the counts, as for a new connection whose delivery tags start again. */
  void resetCounts() {
    highestAck.set(0);
    returns.set(0);
    nacks.set(0);
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      try {
        Socket broker = new Socket(InetAddress.getLoopbackAddress(), BROKER_PORT);
        sockets.add(client);
        sockets.add(broker);
        daemon("broker-proxy-up", () -> pump(client, broker)).start();
        BlockingQueue<byte[]> down = new LinkedBlockingQueue<>();
        daemon("broker-proxy-read", () -> read(broker, client, down)).start();
        daemon("broker-proxy-write", () -> write(down, broker, client)).start();
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  /** Copies what the client sends to the broker. */
  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[64 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // cut, or closed at the other end
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** Reads what the broker sends as it comes, counting its frames, for {@link #write}. */
  private void read(Socket broker, Socket client, BlockingQueue<byte[]> down) {
    FrameCounter counter = new FrameCounter();
    byte[] buffer = new byte[64 * 1024];
    try {
      InputStream in = broker.getInputStream();
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        counter.accept(buffer, read);
        down.add(Arrays.copyOf(buffer, read));
      }
    } catch (IOException e) {
      // cut, or closed at the other end
    } finally {
      closeQuietly(broker);
      closeQuietly(client);
    }
  }

  /** Passes what the broker sent on to the client, unless it is held back. */
  private void write(BlockingQueue<byte[]> down, Socket broker, Socket client) {
    try {
      OutputStream out = client.getOutputStream();
      while (!client.isClosed()) {
        byte[] chunk = down.poll(100, TimeUnit.MILLISECONDS);
        if (chunk == null) {
          continue;
        }
        synchronized (gate) {
          while (holding && !client.isClosed() && !closed) {
            gate.wait(100);
          }
        }
        out.write(chunk);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // cut, or closed at the other end
    } finally {
      closeQuietly(broker);
      closeQuietly(client);
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    cut();
    release();
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /**
   * Reads the AMQP 0-9-1 frames of one connection as they pass: type (1 byte), channel (2), size
   * (4), payload, frame end. A method frame's payload begins with its class and method ids (2 bytes
   * each); basic.ack's then with the delivery tag (8).
   */
  private final class FrameCounter {
    private final byte[] header = new byte[7];
    private final byte[] method = new byte[12];
    private int headerRead;
    private long payloadLeft;
    private int methodRead;
    private boolean inPayload;
    private boolean endLeft;

    void accept(byte[] bytes, int length) {
      for (int i = 0; i < length; i++) {
        byte b = bytes[i];
        if (endLeft) {
          endLeft = false;
          continue;
        }
        if (!inPayload) {
          header[headerRead++] = b;
          if (headerRead == header.length) {
            headerRead = 0;
            payloadLeft =
                ((header[3] & 0xFFL) << 24)
                    | ((header[4] & 0xFFL) << 16)
                    | ((header[5] & 0xFFL) << 8)
                    | (header[6] & 0xFFL);
            methodRead = 0;
            inPayload = true;
            if (payloadLeft == 0) {
              frameDone();
            }
          }
          continue;
        }
        if (header[0] == 1 && methodRead < method.length) {
          method[methodRead++] = b;
        }
        if (--payloadLeft == 0) {
          frameDone();
        }
      }
    }

    private void frameDone() {
      inPayload = false;
      endLeft = true;
      if (header[0] != 1 || methodRead < 4) {
        return;
      }
      int classId = ((method[0] & 0xFF) << 8) | (method[1] & 0xFF);
      int methodId = ((method[2] & 0xFF) << 8) | (method[3] & 0xFF);
      if (classId != BASIC) {
        return;
      }
      if (methodId == BASIC_RETURN) {
        returns.incrementAndGet();
      } else if (methodId == BASIC_NACK) {
        nacks.incrementAndGet();
      } else if (methodId == BASIC_ACK && methodRead == method.length) {
        long tag = 0;
        for (int i = 4; i < 12; i++) {
          tag = (tag << 8) | (method[i] & 0xFF);
        }
        long seen = tag;
        highestAck.accumulateAndGet(seen, Math::max);
      }
    }
  }
}
