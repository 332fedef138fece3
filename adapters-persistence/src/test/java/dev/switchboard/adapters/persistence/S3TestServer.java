package dev.switchboard.adapters.persistence;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible server for the tests: S3Proxy on jclouds' transient (in-memory) blob store,
 * on a free local port, checking AWS signatures (V2 or V4, headers or presigned query) against one
 * key pair. Not a mock: the store talks HTTP to it exactly as it would to S3.
 */
final class S3TestServer implements AutoCloseable {

  static final String ACCESS_KEY_ID = "AKIDSWITCHBOARDTEST";
  static final String SECRET_ACCESS_KEY = "test-secret-key-that-is-never-logged";
  static final String REGION = "us-east-1";

  private final BlobStoreContext blobs;
  private final S3Proxy proxy;

  private S3TestServer(BlobStoreContext blobs, S3Proxy proxy) {
    this.blobs = blobs;
    this.proxy = proxy;
  }

  /**
   * Starts a server with no buckets that, like AWS, takes the checksum headers the SDK sends with
   * batch deletes.
   */
  static S3TestServer start() throws Exception {
    return start(true);
  }

  /**
   * Starts a server with no buckets.
   *
   * @param ignoreUnknownHeaders false for a strict server that answers 501 to headers it does not
   *     know, as older S3-compatible stores do
   */
  static S3TestServer start(boolean ignoreUnknownHeaders) throws Exception {
    BlobStoreContext blobs =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobs.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
            .ignoreUnknownHeaders(ignoreUnknownHeaders)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        proxy.stop();
        blobs.close();
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    return new S3TestServer(blobs, proxy);
  }

  /** The server's URL, e.g. {@code http://127.0.0.1:41234}. */
  String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** Creates a bucket with a fresh name and returns the name. */
  String createBucket() {
    String bucket = "media-" + UUID.randomUUID().toString().substring(0, 8);
    BlobStore store = blobs.getBlobStore();
    store.createContainerInLocation(null, bucket);
    return bucket;
  }

  /** The configuration of a store in {@code bucket} on this server. */
  S3MediaStoreConfiguration configuration(String bucket) {
    S3MediaStoreConfiguration configuration = new S3MediaStoreConfiguration();
    configuration.setBucket(bucket);
    configuration.setRegion(REGION);
    configuration.setEndpoint(endpoint());
    configuration.setPathStyleAccess(true);
    configuration.setAccessKeyId(ACCESS_KEY_ID);
    configuration.setSecretAccessKey(SECRET_ACCESS_KEY);
    return configuration;
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      blobs.close();
    }
  }
}
