/**
 * What the extension stores encrypted (members' plan tokens, webhook secrets) is sealed in one way: a JWE to the
 * realm's encryption key. Uses no other package of ours.
 */
package dev.payeraccess.realmkeys;
