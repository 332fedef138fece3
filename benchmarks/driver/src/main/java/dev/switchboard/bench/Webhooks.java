package dev.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed WhatsApp Cloud API webhooks (one inbound text message each, 1-2 KB, a distinct wamid per
 * request), as complete HTTP/1.1 request bytes, all made before the run starts.
 */
final class Webhooks {

  static final String WABA_ID = "102290129340398";
  static final String PHONE_NUMBER_ID = "106540352242922";
  static final String DISPLAY_NUMBER = "15550783881";
  private static final String LOREM =
      "Hello, I ordered a blue jacket last week and the tracking page still says the parcel is"
          + " waiting at the depot. Could you tell me when it will be delivered, and whether I can"
          + " change the address to my office? ";

  final byte[][] requests;
  final String[] wamids;

  private Webhooks(byte[][] requests, String[] wamids) {
    this.requests = requests;
    this.wamids = wamids;
  }

  /**
   * @param count how many distinct requests
   * @param customers how many distinct senders (message i comes from customer i % customers)
   */
  static Webhooks generate(
      int count, String host, String path, String secret, int customers, long seed) {
    byte[] nonce = new byte[8];
    new SecureRandom().nextBytes(nonce);
    long timestamp = System.currentTimeMillis() / 1000;
    byte[][] requests = new byte[count][];
    String[] wamids = new String[count];
    String[] numbers = new String[customers];
    for (int c = 0; c < customers; c++) {
      numbers[c] = String.format("1650555%04d", c);
    }
    // made in parallel chunks, before the run: nothing here competes with the measurement
    int chunks = Math.max(1, Runtime.getRuntime().availableProcessors());
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            chunk ->
                fill(
                    requests,
                    wamids,
                    (int) ((long) count * chunk / chunks),
                    (int) ((long) count * (chunk + 1) / chunks),
                    nonce,
                    timestamp,
                    numbers,
                    host,
                    path,
                    secret,
                    seed + chunk));
    return new Webhooks(requests, wamids);
  }

  private static void fill(
      byte[][] requests,
      String[] wamids,
      int from,
      int to,
      byte[] nonce,
      long timestamp,
      String[] numbers,
      String host,
      String path,
      String secret,
      long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Mac mac;
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    HexFormat hex = HexFormat.of();
    Base64.Encoder base64 = Base64.getEncoder();
    byte[] id = new byte[16];
    System.arraycopy(nonce, 0, id, 0, 8);
    StringBuilder body = new StringBuilder(2300);
    StringBuilder head = new StringBuilder(300);
    String tail = "\"}}]},\"field\":\"messages\"}]}]}";
    for (int i = from; i < to; i++) {
      long seq = i;
      for (int b = 0; b < 8; b++) {
        id[8 + b] = (byte) (seq >>> (56 - 8 * b));
      }
      String wamid = "wamid.HBgL" + base64.encodeToString(id);
      int who = i % numbers.length;
      String customer = numbers[who];
      int target = 1024 + random.nextInt(1025); // total body length, 1-2 KB
      body.setLength(0);
      body.append("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"")
          .append(WABA_ID)
          .append("\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":")
          .append("{\"display_phone_number\":\"")
          .append(DISPLAY_NUMBER)
          .append("\",\"phone_number_id\":\"")
          .append(PHONE_NUMBER_ID)
          .append("\"},\"contacts\":[{\"profile\":{\"name\":\"Bench Customer ")
          .append(who)
          .append("\"},\"wa_id\":\"")
          .append(customer)
          .append("\"}],\"messages\":[{\"from\":\"")
          .append(customer)
          .append("\",\"id\":\"")
          .append(wamid)
          .append("\",\"timestamp\":\"")
          .append(timestamp)
          .append("\",\"type\":\"text\",\"text\":{\"body\":\"");
      int text = Math.max(16, target - body.length() - tail.length());
      for (int t = 0; t < text; t++) {
        body.append(LOREM.charAt(t % LOREM.length()));
      }
      body.append(tail);
      byte[] bytes = body.toString().getBytes(StandardCharsets.US_ASCII);
      String signature = "sha256=" + hex.formatHex(mac.doFinal(bytes));
      head.setLength(0);
      head.append("POST ")
          .append(path)
          .append(" HTTP/1.1\r\nHost: ")
          .append(host)
          .append("\r\nUser-Agent: facebookexternalua\r\nContent-Type: application/json\r\n")
          .append("X-Hub-Signature-256: ")
          .append(signature)
          .append("\r\nContent-Length: ")
          .append(bytes.length)
          .append("\r\n\r\n");
      byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
      byte[] request = new byte[headBytes.length + bytes.length];
      System.arraycopy(headBytes, 0, request, 0, headBytes.length);
      System.arraycopy(bytes, 0, request, headBytes.length, bytes.length);
      requests[i] = request;
      wamids[i] = wamid;
    }
  }
}
