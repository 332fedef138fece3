package dev.switchboard.adapters.persistence;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;

/**
 * Where {@link S3MediaStore} keeps media: {@code switchboard.media.s3.*}, read only when {@code
 * switchboard.media.store=s3}. The secret access key never appears in {@link #toString()}.
 */
@ConfigurationProperties("switchboard.media.s3")
@Requires(property = "switchboard.media.store", value = "s3")
public final class S3MediaStoreConfiguration {

  /** The region used when none is configured. */
  public static final String DEFAULT_REGION = "us-east-1";

  /** The key prefix used when none is configured. */
  public static final String DEFAULT_PREFIX = "media/";

  private String bucket;
  private String region = DEFAULT_REGION;
  private String endpoint;
  private boolean pathStyleAccess;
  private String accessKeyId;
  private String secretAccessKey;
  private String prefix = DEFAULT_PREFIX;

  /** The bucket ({@code bucket}); required. */
  @Nullable
  public String getBucket() {
    return bucket;
  }

  public void setBucket(@Nullable String bucket) {
    this.bucket = bucket;
  }

  /** The bucket's region ({@code region}); {@value #DEFAULT_REGION} by default. */
  public String getRegion() {
    return region;
  }

  public void setRegion(@Nullable String region) {
    this.region = region == null || region.isBlank() ? DEFAULT_REGION : region.strip();
  }

  /**
   * The S3 endpoint ({@code endpoint}), e.g. {@code http://minio:9000} for an S3-compatible store;
   * {@code null} for AWS's endpoint of the region.
   */
  @Nullable
  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(@Nullable String endpoint) {
    this.endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.strip();
  }

  /**
   * Whether the bucket goes in the path rather than the host name ({@code path-style-access});
   * {@code false} by default, {@code true} for most S3-compatible stores.
   */
  public boolean isPathStyleAccess() {
    return pathStyleAccess;
  }

  public void setPathStyleAccess(boolean pathStyleAccess) {
    this.pathStyleAccess = pathStyleAccess;
  }

  /**
   * The access key id ({@code access-key-id}); {@code null} for the SDK's default credential chain
   * (environment, profile, container or instance role).
   */
  @Nullable
  public String getAccessKeyId() {
    return accessKeyId;
  }

  public void setAccessKeyId(@Nullable String accessKeyId) {
    this.accessKeyId = accessKeyId == null || accessKeyId.isBlank() ? null : accessKeyId.strip();
  }

  /** The secret access key ({@code secret-access-key}); given together with the key id. */
  @Nullable
  public String getSecretAccessKey() {
    return secretAccessKey;
  }

  public void setSecretAccessKey(@Nullable String secretAccessKey) {
    this.secretAccessKey =
        secretAccessKey == null || secretAccessKey.isEmpty() ? null : secretAccessKey;
  }

  /** What every object key starts with ({@code prefix}); {@value #DEFAULT_PREFIX} by default. */
  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(@Nullable String prefix) {
    this.prefix = prefix == null ? "" : prefix;
  }

  @Override
  public String toString() {
    return "S3MediaStoreConfiguration[bucket="
        + bucket
        + ", region="
        + region
        + ", endpoint="
        + endpoint
        + ", pathStyleAccess="
        + pathStyleAccess
        + ", prefix="
        + prefix
        + ", credentials="
        + (accessKeyId == null ? "default chain" : "static")
        + "]";
  }
}
