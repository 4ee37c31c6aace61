/**
 * Asking a member to reconnect a health plan before the data stops: a Keycloak required action
 * ({@code ReconnectPrompt}, id {@code payer-access-reconnect}) that Keycloak evaluates at each sign-in of the realm.
 * It reads only the member's rows of the link schedule (never a link), decides in {@code ReconnectDue} which links
 * need reconnecting (a grant ending within the window, or {@code relink-required}), shows them
 * ({@code ReconnectPage}, the {@code payer-access} login theme's {@code reconnect.ftl}), and either postpones the
 * prompt or hands over to Keycloak's own {@code idp_link} action for the chosen plan. Members who never sign in
 * through a browser may be e-mailed instead: the lifecycle sink {@code reconnect-email} ({@code ReconnectMailSink},
 * off unless enabled, only in realms with SMTP settings) mails them once per link and ending ({@code ReconnectMail})
 * through Keycloak's mail sender ({@code ReconnectMailer}). Uses {@code linkschedule}, {@code lifecycle},
 * {@code broker} and {@code directory} (the theme's name).
 */
package dev.payeraccess.reconnect;
