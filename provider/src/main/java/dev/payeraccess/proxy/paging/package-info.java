/**
 * The pages of a plan's searches as one caller sees them: the proxy's page links (granted for an hour to one user,
 * plan, type and page request, with a key derived from the realm's HMAC keys; their grammar is
 * {@code PageLinkGrammar}'s alone), checked when followed, links to a plan's paging hosts, and the next links the proxy
 * writes itself at plans that page by an offset ({@code CallerPages} is the entry). Uses {@code request},
 * {@code policy}'s decision and {@code plan}; never decides access itself.
 */
package dev.payeraccess.proxy.paging;
