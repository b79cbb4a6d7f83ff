package dev.lectern.review.assignment;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Organisation names reduced to a comparable key, so that "Example Tech Co., Ltd.", "example tech" and
 * "EXAMPLE TECH, INC." are one organisation, and "示例科技有限公司" is "示例科技".
 *
 * <p>Steps: Unicode NFKC (full-width letters and punctuation become ASCII), lower case, every character
 * that is not a letter or digit becomes a space, then legal-form suffixes are dropped from the end,
 * repeatedly ("co ltd" goes in two steps). The key is the remaining words joined without spaces, so
 * spacing never matters.
 *
 * <p>Dropped suffixes, whole words: inc, incorporated, ltd, limited, co, company, llc, gmbh, corporation,
 * corp. Dropped Chinese endings: 股份有限公司, 有限责任公司, 有限公司, 公司. Kept on purpose: 大学 and
 * "university": a university is the organisation itself (清华大学 is not 清华), and dropping it would merge
 * unrelated names. A name that is nothing but a suffix keeps it, so "Co." never matches everyone.
 */
public final class Organisations {

    static final Set<String> LATIN_SUFFIXES = Set.of(
            "inc", "incorporated", "ltd", "limited", "co", "company", "llc", "gmbh", "corporation", "corp");
    /** Longest first, so 股份有限公司 is not cut to 股份. */
    static final List<String> CHINESE_SUFFIXES = List.of("股份有限公司", "有限责任公司", "有限公司", "公司");

    private Organisations() {
    }

    /** The comparable key of an organisation name; empty for none. */
    public static String key(String name) {
        return String.join("", words(name));
    }

    /** The name's words after normalisation and suffix removal, for matching inside running text. */
    public static List<String> words(String name) {
        List<String> words = new ArrayList<>(List.of(plain(name).split(" ")));
        words.removeIf(String::isEmpty);
        boolean changed = true;
        while (changed && !words.isEmpty()) {
            changed = false;
            String last = words.get(words.size() - 1);
            if (words.size() > 1 && LATIN_SUFFIXES.contains(last)) {
                words.remove(words.size() - 1);
                changed = true;
                continue;
            }
            for (String suffix : CHINESE_SUFFIXES) {
                if (last.endsWith(suffix)) {
                    if (last.length() > suffix.length()) {
                        words.set(words.size() - 1, last.substring(0, last.length() - suffix.length()));
                        changed = true;
                    } else if (words.size() > 1) {
                        words.remove(words.size() - 1);
                        changed = true;
                    }
                    break;
                }
            }
        }
        return words;
    }

    /** NFKC, lower case, punctuation and runs of spaces as one space. Shared with the identity scanner. */
    public static String plain(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        boolean space = true;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(cp);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int end = out.length();
        if (end > 0 && out.charAt(end - 1) == ' ') {
            out.setLength(end - 1);
        }
        return out.toString();
    }

    /** An email or subject as compared for conflicts: trimmed and lower case; empty for none. */
    public static String person(String emailOrSubject) {
        return emailOrSubject == null ? "" : emailOrSubject.trim().toLowerCase(Locale.ROOT);
    }
}
