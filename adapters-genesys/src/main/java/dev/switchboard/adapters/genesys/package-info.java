/**
 * The Genesys Cloud side of the bridge: the Open Messaging contact center client (OAuth client
 * credentials, inbound messages with attachments, structured responses and receipts, agents'
 * attachments fetched from the media hosts only), the outbound webhook's controller and decoder,
 * the controller serving re-hosted customer media, and their settings.
 */
package dev.switchboard.adapters.genesys;
