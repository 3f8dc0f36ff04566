/**
 * Dev-mode only: the embedded PostgreSQL started when no database is configured, a throw-away signing key, and
 * the token endpoints that sign tokens with smallrye-jwt-build. Its beans exist only in the dev profile
 * ({@code @IfBuildProfile("dev")}) or stay inactive outside dev mode; no production code imports this package.
 */
package dev.campus.devmode;
