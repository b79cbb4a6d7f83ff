package dev.lectern.submission.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource method that takes a body: {@link BodyAfterPermission} asks {@link Permissions} for this action
 * (with the path's {@code {event}}, if any) before the body is read and validated. Object-level checks, which
 * need the stored object, stay in the method.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {
    Permissions.Action value();
}
