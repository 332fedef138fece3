package dev.switchboard.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the pipeline's workers run.
 *
 * @param dispatchWorkers how many outbox entries are dispatched at once (one per lane at most)
 * @param idlePoll how long an idle worker waits before it looks again without being woken
 * @param batchWait how long the processor, after a batch that was not full, and the recorder of
 *     dispatch outcomes let more work gather before their next commit, so that one commit serves
 *     several messages (zero: none)
 * @param retryBase the first retry's backoff step
 * @param retryCap the largest backoff step
 * @param giveUpAfter how long an entry is retried before it is dead-lettered
 */
@ConfigurationProperties("switchboard.pipeline")
public record PipelineSettings(
    @Bindable(defaultValue = "16") int dispatchWorkers,
    @Bindable(defaultValue = "500ms") Duration idlePoll,
    @Bindable(defaultValue = "2ms") Duration batchWait,
    @Bindable(defaultValue = "500ms") Duration retryBase,
    @Bindable(defaultValue = "5m") Duration retryCap,
    @Bindable(defaultValue = "24h") Duration giveUpAfter) {}
