/**
 * Genesys Cloud wire formats: the Open Messaging inbound requests the bridge sends, the outbound
 * webhook Genesys sends, and the OAuth token answer. Plain records, tolerant of unknown properties.
 */
package dev.switchboard.adapters.genesys.api;
