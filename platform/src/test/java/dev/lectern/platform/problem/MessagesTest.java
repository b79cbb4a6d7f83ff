package dev.lectern.platform.problem;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagesTest {

    @Test
    void theFirstLanguageLecternSpeaksWins() {
        assertEquals(Messages.CHINESE, Messages.pick("fr-FR, zh-CN;q=0.8, en;q=0.5"));
        assertEquals(Locale.ENGLISH, Messages.pick("en-GB,zh;q=0.9"));
        assertEquals(Locale.ENGLISH, Messages.pick("de"));
        assertEquals(Locale.ENGLISH, Messages.pick((String) null));
        assertEquals(Locale.ENGLISH, Messages.pick("zh;q=0, en;q=0.1"), "q=0 means not acceptable");
    }

    @Test
    void aMalformedHeaderMeansTheDefaultLanguageNotAFailure() {
        assertEquals(Locale.ENGLISH, Messages.pick("zh;q=1.5"));
        assertEquals(Locale.ENGLISH, Messages.pick("*;q=abc"));
        assertEquals(Locale.ENGLISH, Messages.pick(";;;,,,=q"));
    }

    @Test
    void sharedMessagesComeFromThePlatformInBothLanguages() {
        assertEquals("Sign-in required", Messages.text(Locale.ENGLISH, "unauthenticated.title"));
        assertTrue(Messages.text(Messages.CHINESE, "field.nul-character").contains("NUL"));
        assertEquals("no.such.key", Messages.text(Locale.ENGLISH, "no.such.key"));
    }
}
