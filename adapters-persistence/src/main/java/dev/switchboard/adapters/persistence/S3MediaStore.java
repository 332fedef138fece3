package dev.switchboard.adapters.persistence;

import dev.switchboard.application.port.out.MediaStore;
import dev.switchboard.domain.conversation.ConversationKey;
import dev.switchboard.domain.message.MediaBytes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A {@link MediaStore} in an S3 bucket (AWS, or any S3-compatible store through an endpoint
 * override), whose links are presigned GET URLs: the contact center fetches the bytes from the
 * bucket, not from the bridge.
 *
 * <p>An id is the hex SHA-256 of its key ({@link MediaIds}) and its object is {@code prefix + id},
 * with the media type as {@code Content-Type} and the file name (percent-encoded UTF-8) and the
 * time it was stored as user metadata. A key already stored is not written again. S3 accepts
 * presigned URLs for at most {@value #MAX_LINK_DAYS} days, so a link is cut to that; {@link
 * #deleteStoredBefore} goes by the objects' {@code LastModified} and deletes in batches of 1,000
 * ({@code DeleteObjects}), or one object at a time on a store that answers a batch with 501 Not
 * Implemented (S3-compatible stores that do not know the checksum header the SDK sends with it).
 *
 * <p>Selected when {@code switchboard.media.store=s3}; configured by {@link
 * S3MediaStoreConfiguration}.
 */
@Singleton
@Requires(property = "switchboard.media.store", value = "s3")
public final class S3MediaStore implements MediaStore, AutoCloseable {

  /** The longest a presigned URL may be valid on S3. */
  public static final int MAX_LINK_DAYS = 7;

  private static final Logger LOG = LoggerFactory.getLogger(S3MediaStore.class);
  private static final Duration MAX_LINK = Duration.ofDays(MAX_LINK_DAYS);
  private static final Duration MIN_LINK = Duration.ofSeconds(1);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
  private static final int DELETE_BATCH = 1000;
  private static final int NOT_IMPLEMENTED = 501;
  private static final String FILENAME = "filename";
  private static final String STORED_AT = "stored-at";
  private static final String DEFAULT_MIME_TYPE = "application/octet-stream";

  private final String bucket;
  private final String prefix;
  private final S3Client s3;
  private final S3Presigner presigner;
  private final Clock clock;
  private volatile boolean batchDeletes = true;

  /**
   * @param configuration the bucket and how to reach it
   * @param clock stamps what is stored and measures link lifetimes; the system clock when the
   *     application registers none
   * @throws IllegalStateException when the configuration is incomplete (the message names the
   *     property)
   */
  public S3MediaStore(S3MediaStoreConfiguration configuration, @Nullable Clock clock) {
    Objects.requireNonNull(configuration, "configuration");
    String configuredBucket = configuration.getBucket();
    if (configuredBucket == null || configuredBucket.isBlank()) {
      throw new IllegalStateException(
          "switchboard.media.s3.bucket is required when switchboard.media.store=s3");
    }
    this.bucket = configuredBucket.strip();
    this.prefix = configuration.getPrefix();
    this.clock = clock == null ? Clock.systemUTC() : clock;
    Region region = Region.of(configuration.getRegion());
    URI endpoint = endpoint(configuration.getEndpoint());
    AwsCredentialsProvider credentials = credentials(configuration);
    S3Configuration service =
        S3Configuration.builder().pathStyleAccessEnabled(configuration.isPathStyleAccess()).build();
    S3ClientBuilder client =
        S3Client.builder()
            .region(region)
            .credentialsProvider(credentials)
            .serviceConfiguration(service)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT))
            // checksums only where S3 requires them, as Content-MD5: what S3-compatible stores
            // understand (the SDK's newer default, CRC32 trailers, is AWS-only)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .addPlugin(LegacyMd5Plugin.create());
    S3Presigner.Builder presigning =
        S3Presigner.builder()
            .region(region)
            .credentialsProvider(credentials)
            .serviceConfiguration(service);
    if (endpoint != null) {
      client.endpointOverride(endpoint);
      presigning.endpointOverride(endpoint);
    }
    this.s3 = client.build();
    this.presigner = presigning.build();
    LOG.info("media is kept in S3: {}", configuration);
  }

  private static URI endpoint(String endpoint) {
    if (endpoint == null) {
      return null;
    }
    try {
      URI uri = URI.create(endpoint);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "switchboard.media.s3.endpoint is not a URL such as https://s3.example.com", e);
    }
  }

  private static AwsCredentialsProvider credentials(S3MediaStoreConfiguration configuration) {
    String keyId = configuration.getAccessKeyId();
    String secret = configuration.getSecretAccessKey();
    if (keyId == null && secret == null) {
      return DefaultCredentialsProvider.create();
    }
    if (keyId == null) {
      throw new IllegalStateException(
          "switchboard.media.s3.access-key-id is required with"
              + " switchboard.media.s3.secret-access-key");
    }
    if (secret == null) {
      throw new IllegalStateException(
          "switchboard.media.s3.secret-access-key is required with"
              + " switchboard.media.s3.access-key-id");
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret));
  }

  @Override
  public String put(String key, MediaBytes media) {
    return store(key, media);
  }

  /**
   * Stores it, and an empty marker object {@code prefix + "owners/" + <SHA-256 of the conversation
   * key> + "/" + id} by which {@link #deleteOwnedBy} finds it without reading every object.
   */
  @Override
  public String put(String key, MediaBytes media, ConversationKey owner) {
    Objects.requireNonNull(owner, "owner");
    String id = store(key, media);
    s3.putObject(
        request -> request.bucket(bucket).key(ownerPrefix(owner) + id).contentLength(0L),
        RequestBody.empty());
    return id;
  }

  /** Deletes the media its owner's markers name, and the markers. */
  @Override
  public int deleteOwnedBy(ConversationKey owner) {
    String owned = ownerPrefix(Objects.requireNonNull(owner, "owner"));
    List<ObjectIdentifier> media = new ArrayList<>();
    List<ObjectIdentifier> markers = new ArrayList<>();
    for (S3Object marker :
        s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(owned)).contents()) {
      String id = marker.key().substring(owned.length());
      if (MediaIds.isValid(id)) {
        media.add(ObjectIdentifier.builder().key(prefix + id).build());
      }
      markers.add(ObjectIdentifier.builder().key(marker.key()).build());
    }
    int deleted = 0;
    for (int from = 0; from < media.size(); from += DELETE_BATCH) {
      deleted += delete(media.subList(from, Math.min(media.size(), from + DELETE_BATCH)));
    }
    for (int from = 0; from < markers.size(); from += DELETE_BATCH) {
      delete(markers.subList(from, Math.min(markers.size(), from + DELETE_BATCH)));
    }
    return deleted;
  }

  private String ownerPrefix(ConversationKey owner) {
    return prefix + OWNERS + MediaIds.of(owner.value()) + "/";
  }

  private String store(String key, MediaBytes media) {
    Objects.requireNonNull(media, "media");
    String id = MediaIds.of(key);
    String objectKey = prefix + id;
    if (exists(objectKey)) {
      return id;
    }
    Map<String, String> metadata = new HashMap<>();
    metadata.put(STORED_AT, clock.instant().toString());
    if (media.filename() != null) {
      metadata.put(FILENAME, URLEncoder.encode(media.filename(), StandardCharsets.UTF_8));
    }
    s3.putObject(
        request ->
            request
                .bucket(bucket)
                .key(objectKey)
                .contentType(media.mimeType())
                .contentLength(media.size())
                .metadata(metadata),
        RequestBody.fromBytes(media.content()));
    return id;
  }

  private boolean exists(String objectKey) {
    try {
      s3.headObject(request -> request.bucket(bucket).key(objectKey));
      return true;
    } catch (NoSuchKeyException missing) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<MediaBytes> get(String id) {
    if (!MediaIds.isValid(id)) {
      return Optional.empty();
    }
    ResponseBytes<GetObjectResponse> object;
    try {
      object = s3.getObjectAsBytes(request -> request.bucket(bucket).key(prefix + id));
    } catch (NoSuchKeyException missing) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
    GetObjectResponse response = object.response();
    String mimeType = response.contentType() == null ? DEFAULT_MIME_TYPE : response.contentType();
    String filename = response.metadata().get(FILENAME);
    return Optional.of(
        new MediaBytes(
            object.asByteArray(),
            mimeType,
            filename == null ? null : URLDecoder.decode(filename, StandardCharsets.UTF_8)));
  }

  /** A presigned GET URL, valid until {@code expiresAt} but never longer than seven days. */
  @Override
  public String link(String id, Instant expiresAt) {
    Objects.requireNonNull(expiresAt, "expiresAt");
    String objectKey = prefix + MediaIds.require(id);
    Duration lifetime = Duration.between(clock.instant(), expiresAt);
    if (lifetime.compareTo(MAX_LINK) > 0) {
      lifetime = MAX_LINK;
    } else if (lifetime.compareTo(MIN_LINK) < 0) {
      lifetime = MIN_LINK;
    }
    Duration valid = lifetime;
    return presigner
        .presignGetObject(
            request ->
                request
                    .signatureDuration(valid)
                    .getObjectRequest(object -> object.bucket(bucket).key(objectKey)))
        .url()
        .toString();
  }

  /** Deletes the objects under the prefix last modified before {@code cutoff}. */
  @Override
  public int deleteStoredBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int deleted = 0;
    List<ObjectIdentifier> batch = new ArrayList<>();
    for (S3Object object :
        s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents()) {
      boolean marker = object.key().startsWith(prefix + OWNERS);
      if ((isMedia(object.key()) || marker) && object.lastModified().isBefore(cutoff)) {
        batch.add(ObjectIdentifier.builder().key(object.key()).build());
        if (batch.size() == DELETE_BATCH) {
          deleted += delete(batch);
          batch.clear();
        }
      }
    }
    if (!batch.isEmpty()) {
      deleted += delete(batch);
    }
    return deleted;
  }

  private static final String OWNERS = "owners/";

  private boolean isMedia(String objectKey) {
    return objectKey.startsWith(prefix) && MediaIds.isValid(objectKey.substring(prefix.length()));
  }

  private int delete(List<ObjectIdentifier> objects) {
    if (!batchDeletes) {
      return deleteOneByOne(objects);
    }
    DeleteObjectsResponse response;
    try {
      response =
          s3.deleteObjects(
              request ->
                  request.bucket(bucket).delete(delete -> delete.objects(objects).quiet(false)));
    } catch (S3Exception e) {
      if (e.statusCode() != NOT_IMPLEMENTED) {
        throw e;
      }
      // S3-compatible stores that predate S3's checksum headers refuse the SDK's batch delete
      LOG.warn(
          "the S3 store does not implement batch deletes as the SDK sends them ({});"
              + " deleting media one object at a time from now on",
          e.awsErrorDetails() == null ? e.statusCode() : e.awsErrorDetails().errorCode());
      batchDeletes = false;
      return deleteOneByOne(objects);
    }
    if (response.hasErrors() && !response.errors().isEmpty()) {
      LOG.warn(
          "S3 refused to delete {} of {} media objects, e.g. {}",
          response.errors().size(),
          objects.size(),
          response.errors().get(0).code());
    }
    return response.deleted().size();
  }

  private int deleteOneByOne(List<ObjectIdentifier> objects) {
    int deleted = 0;
    for (ObjectIdentifier object : objects) {
      s3.deleteObject(request -> request.bucket(bucket).key(object.key()));
      deleted++;
    }
    return deleted;
  }

  /** Closes the S3 client and presigner. */
  @PreDestroy
  @Override
  public void close() {
    s3.close();
    presigner.close();
  }

  @Override
  public String toString() {
    return "S3MediaStore[bucket=" + bucket + ", prefix=" + prefix + "]";
  }
}
