/**
 * The realm's plans as members and apps see them before linking: the public directory ({@code PlanDirectory},
 * {@code GET payers}) and the searchable plan picker ({@code PlanPickerPage}, {@code GET connect}). Never a
 * secret or an endpoint of a plan's authorization server. Uses {@code broker}, {@code health} and {@code api}.
 */
package dev.payeraccess.directory;
