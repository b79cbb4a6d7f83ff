package dev.lectern.platform.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TextTest {

    @Test
    void ordinaryTextInEveryScriptIsFine() {
        assertNull(Text.refusal("OSPO 开源办公室 — 🎤 talk"));
        assertNull(Text.refusal(""));
        assertNull(Text.refusal(null));
    }

    @Test
    void aNulCharacterIsRefused() {
        assertEquals(Text.NUL, Text.refusal("title\0"));
    }

    @Test
    void aLoneSurrogateIsRefusedWhereverItStands() {
        assertEquals(Text.LONE_SURROGATE, Text.refusal("a\uD83Cb"));
        assertEquals(Text.LONE_SURROGATE, Text.refusal("\uDF99"));
        assertEquals(Text.LONE_SURROGATE, Text.refusal("end\uD83C"));
    }
}
