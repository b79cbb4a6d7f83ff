package dev.lectern.submission.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On every resource method: the row of {@link Permissions} that governs the route. {@link BodyAfterPermission} asks
 * the row's role part (with the path's {@code {event}}, if any) before the body is read and validated; a row with a
 * condition on the object is asked again by the method, with the object's {@link Permissions.Facts}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {
    Permissions.Action value();
}
