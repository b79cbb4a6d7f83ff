package dev.lectern.platform.problem;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Problem titles and details in English or Chinese. A service's own {@code problems_*.properties} are looked at
 * first, then the platform's {@code lectern-platform-problems_*.properties}, which hold what every service
 * says the same way (unauthenticated, bad JSON, too large...).
 */
public final class Messages {

    public static final Locale CHINESE = Locale.CHINESE;
    private static final String SERVICE_BUNDLE = "problems";
    private static final String PLATFORM_BUNDLE = "lectern-platform-problems";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    /** The first of the caller's accepted languages that Lectern speaks, English otherwise. */
    public static Locale pick(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            if ("zh".equals(locale.getLanguage())) {
                return CHINESE;
            }
            if ("en".equals(locale.getLanguage())) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    /**
     * The language for a raw {@code Accept-Language} header. A header that cannot be parsed ({@code zh;q=1.5},
     * {@code *;q=abc}) means the default language: it must never turn an answer into a failure.
     */
    public static Locale pick(String acceptLanguage) {
        return pick(acceptedLanguages(acceptLanguage));
    }

    /** The languages of an {@code Accept-Language} header by preference; empty when absent or malformed. */
    public static List<Locale> acceptedLanguages(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        try {
            List<Locale> locales = new ArrayList<>();
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                if (range.getWeight() > 0) {
                    locales.add(Locale.forLanguageTag(range.getRange()));
                }
            }
            return locales;
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    public static String text(Locale locale, String key, Object... args) {
        String pattern = lookup(SERVICE_BUNDLE, locale, key);
        if (pattern == null) {
            pattern = lookup(PLATFORM_BUNDLE, locale, key);
        }
        if (pattern == null) {
            pattern = key;
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    private static String lookup(String bundleName, Locale locale, String key) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Messages.class.getClassLoader();
        }
        try {
            return ResourceBundle.getBundle(bundleName, locale, loader, NO_FALLBACK).getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
