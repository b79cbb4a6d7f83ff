package dev.lectern.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;

import java.lang.annotation.ElementType;

/**
 * Bean Validation may read every property. Without this bean, Hibernate Validator asks Hibernate ORM, for each
 * constrained property of each validated object, whether it is loaded (the JPA rule that keeps validation from
 * triggering lazy loading). Only request bodies are validated here, plain records no persistence context knows,
 * and no entity has lazy associations, so the answer is always yes; asking (a reflective lookup and a map entry
 * per property) was one of the larger costs in a profile of the import's validation. Quarkus uses a
 * {@link TraversableResolver} bean for its validator factory.
 */
@ApplicationScoped
public class AllPropertiesReachable implements TraversableResolver {

    @Override
    public boolean isReachable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
                               Path pathToTraversableObject, ElementType elementType) {
        return true;
    }

    @Override
    public boolean isCascadable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
                                Path pathToTraversableObject, ElementType elementType) {
        return true;
    }
}
