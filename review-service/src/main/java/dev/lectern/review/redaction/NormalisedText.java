package dev.lectern.review.redaction;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UnicodeSet;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Text as the identity scanner compares it, with the way back to where each character came from in the text as
 * written, so that what is found in the normalised text can be masked in the original. Plain Java (ICU4J for the
 * Unicode data).
 *
 * <p>Each piece of the original that normalises on its own (a character and the marks that combine with it: the
 * pieces between NFKC boundaries) becomes:
 * <ol>
 *   <li>without format characters ({@code Character.getType == FORMAT}: U+200B zero-width space, U+00AD soft hyphen,
 *       U+200D zero-width joiner, U+FEFF, bidirectional controls...), so a name cannot be split by an invisible one;</li>
 *   <li>NFKC with case folding (NFKC_Casefold): full-width and compatibility forms become plain ones (ＨＡＮ is han),
 *       case is folded (ß is ss), and default-ignorable characters go too;</li>
 *   <li>without combining marks (Müller is muller, José is jose);</li>
 *   <li>in simplified Chinese characters: ICU's Traditional-Simplified transliteration, one character at a time
 *       (慕容復 is 慕容复, 臺灣 is 台湾). Both a speaker's name and the text go through it, so a character it maps
 *       either way maps the same on both sides.</li>
 * </ol>
 * The transliterator takes one to several seconds of CPU to build: it is built once, lazily, by the first scan that
 * meets a Chinese character (not at startup, which it would slow down).
 */
public final class NormalisedText {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();

    private final String original;
    private final String text;
    /** For each char of {@link #text}: where the piece it came from starts and ends in the original. */
    private final int[] starts;
    private final int[] ends;

    private NormalisedText(String original, String text, int[] starts, int[] ends) {
        this.original = original;
        this.text = text;
        this.starts = starts;
        this.ends = ends;
    }

    public static NormalisedText of(String original) {
        String source = original == null ? "" : original;
        StringBuilder out = new StringBuilder(source.length());
        int[] starts = new int[source.length() + 8];
        int[] ends = new int[source.length() + 8];
        int i = 0;
        while (i < source.length()) {
            // A format character is a piece of its own (it normalises to nothing), so no range reaches over one.
            int j = i + Character.charCount(source.codePointAt(i));
            while (!format(source.codePointAt(i)) && j < source.length() && !format(source.codePointAt(j))
                    && !NFKC_CASEFOLD.hasBoundaryBefore(source.codePointAt(j))) {
                j += Character.charCount(source.codePointAt(j));
            }
            String piece = fold(source.substring(i, j));
            if (out.length() + piece.length() > starts.length) {
                int size = Math.max(starts.length * 2, out.length() + piece.length());
                starts = Arrays.copyOf(starts, size);
                ends = Arrays.copyOf(ends, size);
            }
            for (int k = 0; k < piece.length(); k++) {
                starts[out.length() + k] = i;
                ends[out.length() + k] = j;
            }
            out.append(piece);
            i = j;
        }
        return new NormalisedText(source, out.toString(), starts, ends);
    }

    /** The normalised form alone, for terms (names, emails, affiliations). */
    public static String normalise(String text) {
        return of(text).text();
    }

    public String text() {
        return text;
    }

    public String original() {
        return original;
    }

    /** Where, in the original, the normalised characters {@code [from, to)} came from (a non-empty range). */
    public int originalStart(int from) {
        return starts[from];
    }

    public int originalEnd(int to) {
        return ends[to - 1];
    }

    private static boolean format(int codePoint) {
        return Character.getType(codePoint) == Character.FORMAT;
    }

    private static String fold(String piece) {
        StringBuilder visible = new StringBuilder(piece.length());
        piece.codePoints().filter(cp -> !format(cp)).forEach(visible::appendCodePoint);
        if (visible.isEmpty()) {
            return "";
        }
        String folded = NFD.normalize(NFKC_CASEFOLD.normalize(visible));
        StringBuilder out = new StringBuilder(folded.length());
        for (int k = 0; k < folded.length(); ) {
            int cp = folded.codePointAt(k);
            k += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue;
            }
            String simplified = Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN ? Simplified.MAP.get(cp) : null;
            if (simplified != null) {
                out.append(simplified);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return NFC.normalize(out);
    }

    /** Traditional to simplified, per code point, from ICU's transliterator; built on first use. */
    private static final class Simplified {

        static final Map<Integer, String> MAP = build();

        private static Map<Integer, String> build() {
            Transliterator transliterator = Transliterator.getInstance("Traditional-Simplified");
            Map<Integer, String> map = new HashMap<>();
            UnicodeSet sources = transliterator.getSourceSet();
            for (int r = 0; r < sources.getRangeCount(); r++) {
                for (int cp = sources.getRangeStart(r); cp <= sources.getRangeEnd(r); cp++) {
                    String from = new String(Character.toChars(cp));
                    String to = transliterator.transliterate(from);
                    if (!to.equals(from)) {
                        map.put(cp, to);
                    }
                }
            }
            return Map.copyOf(map);
        }
    }
}
