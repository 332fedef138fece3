/**
 * The Genesys Cloud side of the bridge: the Open Messaging contact center client (OAuth client
 * credentials, inbound messages and receipts), the outbound webhook's controller and decoder, and
 * their settings.
 */
package dev.switchboard.adapters.genesys;
