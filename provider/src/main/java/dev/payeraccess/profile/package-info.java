/**
 * Plan profiles shared between organizations: the versioned document ({@code ProfileDocument}), which settings
 * it carries ({@code SharedSettings}) and reading and saving the realm's plans as profiles ({@code ProfileStore}).
 * The settings themselves are {@code plan.PlanProfile}; their save-time rules are {@code broker.ProfileSettingsCheck}.
 */
package dev.payeraccess.profile;
