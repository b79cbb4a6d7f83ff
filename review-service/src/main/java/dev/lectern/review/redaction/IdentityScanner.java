package dev.lectern.review.redaction;

import dev.lectern.review.assignment.Organisations;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a proposal's own speakers in its reviewer-visible text: a speaker's full name (also with family
 * and given name swapped), email, or affiliation (normalised as in {@link Organisations}, so "Example
 * Tech Co., Ltd." in the text matches the affiliation "example tech", and 示例科技 matches 示例科技有限公司).
 * Plain Java.
 *
 * <p>Matching is case-insensitive, on NFKC-normalised text (full-width letters count), with any run of
 * spaces or punctuation between words. Latin words match whole words only; Chinese has no word
 * boundaries, so a Chinese term matches anywhere. A family name alone is not searched for: it is
 * too common to mean the speaker.
 */
public final class IdentityScanner {

    public static final String MASK = "[redacted]";

    public enum Kind { SPEAKER_NAME, SPEAKER_EMAIL, AFFILIATION }

    public record Speaker(String name, String email, String affiliation) {
    }

    /** One finding: which field, what kind of identity, and the term as the speaker gave it. */
    public record Match(String field, Kind kind, String term) {
    }

    private record Term(Kind kind, String term, Pattern pattern) {
    }

    private static final String LATIN = "[\\p{IsLatin}\\p{N}]";
    private static final String GAP = "[^\\p{L}\\p{N}]*";
    /** Legal-form words after an affiliation in the text are masked with it. */
    private static final String LEGAL_TAIL = "(?:" + GAP + "(?:inc|incorporated|ltd|limited|co|company|llc|gmbh"
            + "|corporation|corp)(?!" + LATIN + ")|股份有限公司|有限责任公司|有限公司|公司)*\\.?";

    private IdentityScanner() {
    }

    /**
     * @param fields reviewer-visible fields in a stable order (title, abstract, description, tags[i])
     */
    public static List<Match> scan(Map<String, String> fields, List<Speaker> speakers) {
        List<Term> terms = terms(speakers);
        List<Match> matches = new ArrayList<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String text = fold(field.getValue());
            for (Term term : terms) {
                if (term.pattern().matcher(text).find()) {
                    Match match = new Match(field.getKey(), term.kind(), term.term());
                    if (!matches.contains(match)) {
                        matches.add(match);
                    }
                }
            }
        }
        return matches;
    }

    /** The text with every speaker's name, email and affiliation replaced by {@link #MASK}; null stays null. */
    public static String mask(String text, List<Speaker> speakers) {
        if (text == null) {
            return null;
        }
        String folded = fold(text);
        boolean found = false;
        for (Term term : terms(speakers)) {
            Matcher matcher = term.pattern().matcher(folded);
            if (matcher.find()) {
                folded = matcher.replaceAll(Matcher.quoteReplacement(MASK));
                found = true;
            }
        }
        // Text that names no one is returned exactly as the speaker wrote it.
        return found ? folded : text;
    }

    public static Map<String, String> fields(String title, String abstractText, String description, List<String> tags) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("abstract", abstractText);
        if (description != null) {
            fields.put("description", description);
        }
        for (int i = 0; tags != null && i < tags.size(); i++) {
            fields.put("tags[" + i + "]", tags.get(i));
        }
        return fields;
    }

    private static String fold(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    private static List<Term> terms(List<Speaker> speakers) {
        List<Term> terms = new ArrayList<>();
        for (Speaker speaker : speakers) {
            if (speaker.email() != null && !speaker.email().isBlank()) {
                terms.add(new Term(Kind.SPEAKER_EMAIL, speaker.email(), Pattern.compile(
                        Pattern.quote(fold(speaker.email().trim())), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
            }
            List<String> name = List.of(Organisations.plain(speaker.name()).split(" "));
            addWords(terms, Kind.SPEAKER_NAME, speaker.name(), name, "");
            if (name.size() == 2) {
                addWords(terms, Kind.SPEAKER_NAME, speaker.name(), List.of(name.get(1), name.get(0)), "");
            }
            addWords(terms, Kind.AFFILIATION, speaker.affiliation(), Organisations.words(speaker.affiliation()), LEGAL_TAIL);
        }
        return terms;
    }

    private static void addWords(List<Term> terms, Kind kind, String original, List<String> words, String tail) {
        List<String> parts = words.stream().filter(w -> !w.isEmpty()).toList();
        int letters = parts.stream().mapToInt(String::length).sum();
        if (parts.isEmpty() || letters < 2) {
            return;
        }
        StringBuilder regex = new StringBuilder();
        String first = parts.get(0);
        if (isLatin(first.codePointAt(0))) {
            regex.append("(?<!").append(LATIN).append(')');
        }
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                regex.append(GAP);
            }
            // Within a Chinese word, spaces may still separate the characters.
            String word = parts.get(i);
            for (int c = 0; c < word.length(); ) {
                int cp = word.codePointAt(c);
                int next = c + Character.charCount(cp);
                regex.append(Pattern.quote(word.substring(c, next)));
                if (next < word.length() && !isLatin(cp)) {
                    regex.append("\\s*");
                }
                c = next;
            }
        }
        String last = parts.get(parts.size() - 1);
        if (isLatin(last.codePointBefore(last.length()))) {
            regex.append("(?!").append(LATIN).append(')');
        }
        regex.append(tail);
        terms.add(new Term(kind, original, Pattern.compile(regex.toString(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
    }

    private static boolean isLatin(int codePoint) {
        return Character.isDigit(codePoint) || Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN;
    }
}
