/**
 * Signed webhooks (Standard Webhooks v1) of lifecycle changes: subscriptions and their {@code whsec_} secrets
 * (kept encrypted to the realm's key), the durable outbox written in the transaction of each change (the lifecycle
 * sink {@code webhooks}), and the delivery round one node runs per interval (claims, signatures, retries with
 * backoff for over a day, 410, disabling and telling the administrator). The tables are the extension's own
 * (SPI {@code payer-access-webhook-store}; JPA entities and the Liquibase changelog in {@code webhooks.jpa}). Uses
 * {@code lifecycle}, {@code schedule}, {@code api} and {@code plan} (its outbound-target policy).
 */
package dev.payeraccess.webhooks;
