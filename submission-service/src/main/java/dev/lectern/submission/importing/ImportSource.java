package dev.lectern.submission.importing;

import java.io.IOException;

/** Records of an import file, read one at a time as the body arrives. */
public interface ImportSource {

    /** The next record, or null at the end. A record that cannot be read is returned with its errors. */
    ImportItem next() throws IOException;
}
