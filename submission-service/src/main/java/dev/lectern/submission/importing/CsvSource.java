package dev.lectern.submission.importing;

import dev.lectern.submission.importing.CsvReader.CsvException;
import dev.lectern.submission.importing.CsvReader.Row;
import dev.lectern.platform.problem.FieldError;
import dev.lectern.submission.proposal.ProposalRequest;
import dev.lectern.submission.proposal.Speaker;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSV import: a header row, then one proposal per record. Columns (any order, case-insensitive):
 * {@code externalId, status, title, abstract, description, format, track, language, tags, notes, draft}
 * and {@code speakerN_name, speakerN_email, speakerN_affiliation, speakerN_bio} for N = 1..10.
 * Tags are separated by {@code ;}. An empty cell is an absent value.
 */
final class CsvSource implements ImportSource {

    static final String TAG_SEPARATOR = ";";
    private static final int MAX_SPEAKERS = 10;
    private static final Pattern SPEAKER = Pattern.compile("speaker(\\d+)_(name|email|affiliation|bio)");
    private static final List<String> FIELDS = List.of("externalid", "status", "title", "abstract", "description",
            "format", "track", "language", "tags", "notes", "draft");
    /** The column names of speaker n (index n - 1): name, email, affiliation, bio; built once, not per row. */
    private static final String[][] SPEAKER_COLUMNS = new String[MAX_SPEAKERS][];

    static {
        for (int n = 1; n <= MAX_SPEAKERS; n++) {
            String prefix = "speaker" + n + "_";
            SPEAKER_COLUMNS[n - 1] = new String[] {prefix + "name", prefix + "email", prefix + "affiliation", prefix + "bio"};
        }
    }

    private final CsvReader csv;
    /** Column index to field name; speaker columns as {@code speakerN_part}. */
    private final String[] columns;
    /** The highest speaker number the header names. */
    private int speakerColumns;

    CsvSource(Reader reader) throws IOException {
        try {
            this.csv = new CsvReader(reader);
        } catch (CharacterCodingException e) {
            throw JsonSources.encoding(1);
        }
        Row header = read();
        if (header == null) {
            throw new ImportFileException("import-malformed", 1, "the file is empty; it needs a header row");
        }
        if (header.tooManyColumns()) {
            throw new ImportFileException("import-malformed", header.line(),
                    "the header has " + header.columns() + " columns; at most " + CsvReader.MAX_COLUMNS + " are read");
        }
        columns = new String[header.fields().size()];
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < columns.length; i++) {
            String name = header.fields().get(i).trim().toLowerCase(Locale.ROOT).replace("external_id", "externalid");
            if (name.isEmpty()) {
                continue; // spreadsheets export empty trailing header cells
            }
            Matcher speaker = SPEAKER.matcher(name);
            boolean known = FIELDS.contains(name)
                    || (speaker.matches() && Integer.parseInt(speaker.group(1)) >= 1 && Integer.parseInt(speaker.group(1)) <= MAX_SPEAKERS);
            if (!known) {
                throw new ImportFileException("import-unknown-column", header.line(),
                        "column '" + header.fields().get(i).trim() + "' is not one Lectern knows");
            }
            if (seen.put(name, i) != null) {
                throw new ImportFileException("import-unknown-column", header.line(),
                        "column '" + header.fields().get(i).trim() + "' appears twice");
            }
            columns[i] = name;
            if (speaker.matches()) {
                speakerColumns = Math.max(speakerColumns, Integer.parseInt(speaker.group(1)));
            }
        }
    }

    @Override
    public ImportItem next() throws IOException {
        Row row = read();
        if (row == null) {
            return null;
        }
        if (row.tooManyColumns()) {
            // Read past, not kept: the surplus could be any size.
            return ImportItem.unreadable(row.line(), null,
                    List.of(new FieldError("column " + (CsvReader.MAX_COLUMNS + 1), "too-many-columns", null)));
        }
        Map<String, String> values = new HashMap<>();
        List<String> fields = row.fields();
        for (int i = 0; i < fields.size(); i++) {
            String value = fields.get(i);
            if (i >= columns.length || columns[i] == null) {
                if (!value.isEmpty()) {
                    return ImportItem.unreadable(row.line(), null,
                            List.of(new FieldError("column " + (i + 1), "extra-column", null)));
                }
                continue;
            }
            if (!value.isEmpty()) {
                values.put(columns[i], value);
            }
        }
        String draft = values.get("draft");
        if (draft != null && !draft.equalsIgnoreCase("true") && !draft.equalsIgnoreCase("false")) {
            return ImportItem.unreadable(row.line(), values.get("externalid"), List.of(new FieldError("draft", "wrong-type", null)));
        }
        ProposalRequest request = new ProposalRequest(values.get("title"), values.get("abstract"),
                values.get("description"), values.get("format"), values.get("track"), values.get("language"),
                tags(values.get("tags")), speakers(values), values.get("notes"),
                draft == null ? null : Boolean.valueOf(draft.toLowerCase(Locale.ROOT)));
        return new ImportItem(row.line(), values.get("externalid"), values.get("status"), request, List.of());
    }

    private Row read() throws IOException {
        try {
            return csv.next();
        } catch (CsvException e) {
            throw new ImportFileException("import-malformed", e.line(), e.getMessage());
        } catch (CharacterCodingException e) {
            throw JsonSources.encoding(csv.line());
        }
    }

    private static List<String> tags(String cell) {
        if (cell == null) {
            return null;
        }
        return Arrays.stream(cell.split(TAG_SEPARATOR)).map(String::trim).filter(tag -> !tag.isEmpty()).toList();
    }

    /** Speakers 1..N in order; a number with no cells at all is skipped, so gaps do not make empty speakers. */
    private List<Speaker> speakers(Map<String, String> values) {
        List<Speaker> speakers = new ArrayList<>();
        for (int n = 1; n <= speakerColumns; n++) {
            String[] names = SPEAKER_COLUMNS[n - 1];
            String name = values.get(names[0]);
            String email = values.get(names[1]);
            String affiliation = values.get(names[2]);
            String bio = values.get(names[3]);
            if (name != null || email != null || affiliation != null || bio != null) {
                speakers.add(new Speaker(name, email, affiliation, bio));
            }
        }
        return speakers;
    }
}
