/**
 * Feature: user profiles (students, instructors, admins). Depends on {@code shared} only; other features build
 * on it (course, enrollment, billing) and set rules on it through interfaces it declares ({@link
 * dev.campus.user.RoleChangeRule}). Nothing here imports another feature, {@code system} or {@code devmode}.
 */
package dev.campus.user;
