/**
 * SMART User-access Brands: reading a Brands Bundle into plans and writing the realm's plans as one (pure), the
 * import into a realm ({@code BrandImport}) and the public export ({@code BrandsBundleResource}). Uses
 * {@code broker} to save plans.
 */
package dev.payeraccess.brands;
